// Shared helpers: where the built site is, which pages the suite checks,
// and how to start Chromium.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './server.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');

// siteDir is the built site: STANCE_SITE_DIR (set by run.sh) or ./public.
export const siteDir = path.resolve(process.env.STANCE_SITE_DIR || path.join(repoRoot, 'public'));

// subpathSiteDir, when set (run.sh sets STANCE_SUBPATH_SITE_DIR), is a
// folder whose sub/ holds the site built with --base-url .../sub/ and
// indexed, for the search tests under a base path.
export const subpathSiteDir = process.env.STANCE_SUBPATH_SITE_DIR ? path.resolve(process.env.STANCE_SUBPATH_SITE_DIR) : null;

// pagefindVersion is the version of Pagefind the lock file pins.
export function pagefindVersion() {
  const lock = JSON.parse(fs.readFileSync(path.join(here, '..', 'package-lock.json'), 'utf8'));
  return lock.packages['node_modules/pagefind'].version;
}

// screensDir receives the layout screenshots (out/ is git-ignored).
export const screensDir = path.join(repoRoot, 'out', 'screens');

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const launchArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export function launch() {
  return chromium.launch({ executablePath: chromiumPath, args: launchArgs, headless: true });
}

export { serve };

// useSite registers what every browser test file needs: the built site,
// served over HTTP, and one Chromium, both closed after the file's tests.
// The returned object's server and browser are set once the hook has run.
export function useSite() {
  const site = {};
  before(async () => {
    assert.ok(siteBuilt(), `no built site in ${siteDir}`);
    site.server = await serve(siteDir);
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}

function exists(rel) {
  return fs.existsSync(path.join(siteDir, rel));
}

// firstDir returns the first folder (by name) under dir that has an
// index.html, or null.
function firstDir(dir) {
  const abs = path.join(siteDir, dir);
  if (!fs.existsSync(abs)) return null;
  const names = fs
    .readdirSync(abs, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(abs, d.name, 'index.html')))
    .map((d) => d.name)
    .sort();
  return names.length ? `${dir}/${names[0]}` : null;
}

// programPages lists the generated program pages: programs/<slug>/, each
// with its calendar (which the builder's page, programs/build/, has not).
export function programPages() {
  const abs = path.join(siteDir, 'programs');
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(abs, d.name, 'program.ics')))
    .map((d) => `/programs/${d.name}/`)
    .sort();
}

// pages returns the pages every check runs on: one of each layout (the
// muscles taxonomy too, for its body map). The guide is the weekly plan
// because it has tables, a picture and links.
export function pages() {
  const list = [
    { name: 'home', path: '/', status: 200 },
    { name: 'section', path: '/routine/', status: 200 },
    { name: 'library', path: '/exercises/', status: 200 },
    { name: 'guide', path: '/routine/weekly-plan/', status: 200 },
    { name: 'exercise', path: `/${firstDir('exercises') || 'exercises/missing'}/`, status: 200 },
    { name: 'taxonomy', path: '/tags/', status: 200 },
    { name: 'muscles', path: '/muscles/', status: 200 },
    { name: 'term', path: `/${firstDir('muscles') || 'muscles/missing'}/`, status: 200 },
    { name: 'not-found', path: '/no-such-page/', status: 404 },
    { name: 'search', path: '/search/', status: 200 },
  ];
  const programs = programPages();
  if (programs.length) list.push({ name: 'program', path: programs[0], status: 200 });
  // The program builder, with a script and its own weight budget (in
  // builder.test.js).
  if (builderBuilt()) list.push({ name: 'builder', path: builderPath, status: 200, script: true });
  return list;
}

// builderPath is where the program builder page is published.
export const builderPath = '/programs/build/';

export function builderBuilt() {
  return exists('programs/build/index.html');
}

// htmlFiles lists every .html file of the build, relative to siteDir.
export function htmlFiles(dir = siteDir) {
  const out = [];
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, d.name);
    if (d.isDirectory()) out.push(...htmlFiles(abs));
    else if (d.name.endsWith('.html')) out.push(path.relative(siteDir, abs));
  }
  return out.sort();
}

export function siteBuilt() {
  return exists('index.html') && exists('404.html');
}

// exercisePages lists the built exercise pages: exercises/<slug>/.
export function exercisePages() {
  const abs = path.join(siteDir, 'exercises');
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(abs, d.name, 'index.html')))
    .map((d) => `/exercises/${d.name}/`)
    .sort();
}
