// Performance budget: at most 30 KB of CSS per page and at most 100 KB of
// HTML per page, images aside. A program page is a printable log whose
// size grows with its weeks (every set of every session has a cell to fill
// in): it may have 24 KB plus 16 KB a week.
//
// JavaScript only where it does something: the search page loads
// theme/search.js (at most 8 KB), which loads Pagefind's runtime and index
// (at most 256 KB for a search, uncompressed), and the exercise library
// loads theme/filter.js (at most 4 KB) for its filter panel. The program
// builder page loads its planner (the Go toolchain's wasm_exec.js and
// theme/builder.js, which loads the WebAssembly module): its budget, 2.5 MB
// in all, gzipped, is checked in builder.test.js. Every other page has no
// <script> at all, and no page has inline script.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useSite, pages, siteDir, siteBuilt, htmlFiles } from '../lib/site.js';

const CSS_BUDGET = 30 * 1024;
const HTML_BUDGET = 100 * 1024;
const PROGRAM_BASE = 24 * 1024;
const PROGRAM_WEEK = 16 * 1024;

// The only pages with a script, and the theme script each loads.
const SCRIPTS = {
  'search/index.html': { file: 'search.js', budget: 8 * 1024 },
  'exercises/index.html': { file: 'filter.js', budget: 4 * 1024 },
};
const PAGEFIND_BUDGET = 256 * 1024;

// The program builder's page and the two scripts it must load, in order.
const BUILDER = 'programs/build/index.html';
const BUILDER_SCRIPTS = [/programs\/build\/wasm_exec\.js$/, /theme\/builder\.js$/];

// budgetFor is the HTML budget of a built file, by its content.
function budgetFor(rel, html) {
  if (!rel.startsWith('programs/') || rel === BUILDER) return HTML_BUDGET;
  const weeks = (html.match(/<section class="program-week"/g) || []).length;
  return PROGRAM_BASE + PROGRAM_WEEK * weeks;
}

// localFile maps a URL in a built page to the file it names, or null.
function localFile(rel, url) {
  if (/^[a-z]+:/i.test(url) || url.startsWith('//')) return null;
  url = url.split(/[?#]/)[0];
  return url.startsWith('/') ? path.join(siteDir, url) : path.resolve(siteDir, path.dirname(rel), url);
}

// cssBytes is the CSS a built page loads: its stylesheets and <style>.
function cssBytes(rel, html) {
  let n = 0;
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    if (!/\brel="?stylesheet"?/i.test(m[0])) continue;
    const href = /\bhref="([^"]+)"/i.exec(m[0]);
    const file = href && localFile(rel, href[1]);
    assert.ok(file && fs.existsSync(file), `${rel}: stylesheet ${href && href[1]} is not in the build`);
    n += fs.statSync(file).size;
  }
  for (const m of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) n += Buffer.byteLength(m[1]);
  return n;
}

test('every HTML page of the build is within its HTML and CSS budgets', () => {
  assert.ok(siteBuilt(), `no built site in ${siteDir}`);
  const files = htmlFiles().filter((rel) => !rel.startsWith('pagefind/'));
  assert.ok(files.length > 10, `only ${files.length} HTML files in ${siteDir}`);
  const tooBig = [];
  for (const rel of files) {
    const data = fs.readFileSync(path.join(siteDir, rel));
    const html = data.toString('utf8');
    const budget = budgetFor(rel, html);
    if (data.length > budget) tooBig.push(`${rel} (${data.length} bytes of HTML, budget ${budget})`);
    const css = cssBytes(rel, html);
    if (css > CSS_BUDGET) tooBig.push(`${rel} (${css} bytes of CSS, budget ${CSS_BUDGET})`);
  }
  assert.deepEqual(tooBig, [], 'pages over their budget');
});

test('only the search page, the exercise library and the program builder have a script, theme files, never inline', () => {
  const found = {};
  for (const rel of htmlFiles().filter((rel) => !rel.startsWith('pagefind/'))) {
    const html = fs.readFileSync(path.join(siteDir, rel), 'utf8');
    const tags = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)];
    if (tags.length) found[rel] = tags.map((m) => m[0]);
    assert.ok(!/<[a-z][^>]*\son[a-z]+\s*=/i.test(html), `${rel}: an inline event handler`);
  }
  const builder = found[BUILDER];
  delete found[BUILDER];
  if (builder) {
    assert.equal(builder.length, BUILDER_SCRIPTS.length, `${BUILDER}: ${builder.length} scripts`);
    builder.forEach((tag, i) => {
      const m = /^<script src="([^"]+)" defer><\/script>$/.exec(tag);
      assert.ok(m && BUILDER_SCRIPTS[i].test(m[1]), `${BUILDER}: script ${i + 1} is ${tag}, want an external deferred ${BUILDER_SCRIPTS[i]}`);
    });
  }
  assert.deepEqual(Object.keys(found).sort(), Object.keys(SCRIPTS).sort(), 'pages with a <script> element');
  for (const [rel, want] of Object.entries(SCRIPTS)) {
    assert.equal(found[rel].length, 1, `${rel}: one script`);
    const m = /^<script type="module" src="([^"]+)"><\/script>$/.exec(found[rel][0]);
    assert.ok(m, `${rel}: the script is an external module: ${found[rel][0]}`);
    assert.ok(m[1].endsWith('theme/' + want.file), `${rel} loads ${m[1]}, not theme/${want.file}`);
    const size = fs.statSync(localFile(rel, m[1])).size;
    assert.ok(size <= want.budget, `theme/${want.file} is ${size} bytes (budget ${want.budget})`);
  }
});

const site = useSite();

async function load(pg, url = pg.path) {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const responses = [];
  page.on('response', (r) => responses.push(r));
  await page.goto(site.server.url + url, { waitUntil: 'load' });
  return { context, page, responses };
}

for (const pg of pages().filter((p) => !p.script)) {
  const rel = pg.path.replace(/^\//, '') + 'index.html';
  const allowed = SCRIPTS[rel];
  test(`budget: ${pg.name} (${pg.path}) loads ${allowed ? 'only theme/' + allowed.file + (rel.startsWith('search/') ? ' and Pagefind' : '') : 'no script'}, <= 30 KB CSS, HTML within budget`, async () => {
    const { context, page, responses } = await load(pg);
    try {
      // Let a page's own script finish what it loads at once.
      await page.waitForLoadState('networkidle');
      let css = 0, html = 0;
      const scripts = [];
      for (const r of responses) {
        const type = r.request().resourceType();
        const body = await r.body().catch(() => Buffer.alloc(0));
        if (type === 'stylesheet') css += body.length;
        if (type === 'document') html += body.length;
        if (type === 'script') scripts.push(new URL(r.url()).pathname);
      }
      // Inline <style> counts towards the CSS budget too.
      const inline = await page.evaluate(() =>
        [...document.querySelectorAll('style')].reduce((n, s) => n + new Blob([s.textContent]).size, 0),
      );
      const theme = scripts.filter((s) => !s.startsWith('/pagefind/'));
      assert.deepEqual(theme, allowed ? ['/theme/' + allowed.file] : [], 'theme scripts loaded');
      if (!rel.startsWith('search/')) assert.deepEqual(scripts, theme, 'no Pagefind outside the search page');
      assert.ok(css + inline <= CSS_BUDGET, `CSS ${css} + ${inline} inline bytes > ${CSS_BUDGET}`);
      const budget = budgetFor(rel, await page.content());
      assert.ok(html > 0 && html <= budget, `HTML ${html} bytes (budget ${budget})`);
    } finally {
      await context.close();
    }
  });
}

test(`budget: a search loads at most ${PAGEFIND_BUDGET / 1024} KB of Pagefind (runtime, index, filters, excerpts)`, async () => {
  const { context, page, responses } = await load({}, '/search/?q=clamshell&equipment=band');
  try {
    await page.waitForSelector('.search-results li');
    await page.waitForLoadState('networkidle');
    let bytes = 0;
    const files = [];
    for (const r of responses) {
      if (!new URL(r.url()).pathname.startsWith('/pagefind/')) continue;
      const body = await r.body().catch(() => Buffer.alloc(0));
      bytes += body.length;
      files.push(`${new URL(r.url()).pathname} ${body.length}`);
    }
    assert.ok(files.length > 0, 'the search loaded Pagefind');
    assert.ok(bytes <= PAGEFIND_BUDGET, `Pagefind: ${bytes} bytes > ${PAGEFIND_BUDGET}:\n${files.join('\n')}`);
  } finally {
    await context.close();
  }
});
