// Performance budget: no JavaScript, at most 30 KB of CSS per page and at
// most 100 KB of HTML per page, images aside. A program page is a
// printable log whose size grows with its weeks (every set of every
// session has a cell to fill in): it may have 24 KB plus 16 KB a week.
// The program builder page is the one exception to "no JavaScript": its
// budget (2.5 MB in all, gzipped) is checked in builder.test.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useSite, pages, siteDir, siteBuilt, htmlFiles } from '../lib/site.js';

const CSS_BUDGET = 30 * 1024;
const HTML_BUDGET = 100 * 1024;
const PROGRAM_BASE = 24 * 1024;
const PROGRAM_WEEK = 16 * 1024;

// budgetFor is the HTML budget of a built file, by its content.
function budgetFor(rel, html) {
  if (!rel.startsWith('programs/') || rel.startsWith('programs/build/')) return HTML_BUDGET;
  const weeks = (html.match(/<section class="program-week"/g) || []).length;
  return PROGRAM_BASE + PROGRAM_WEEK * weeks;
}

test('every HTML page of the build is within its budget and has no <script>', () => {
  assert.ok(siteBuilt(), `no built site in ${siteDir}`);
  const files = htmlFiles();
  assert.ok(files.length > 10, `only ${files.length} HTML files in ${siteDir}`);
  const tooBig = [];
  const scripts = [];
  for (const rel of files) {
    const data = fs.readFileSync(path.join(siteDir, rel));
    const budget = budgetFor(rel, data.toString('utf8'));
    if (data.length > budget) tooBig.push(`${rel} (${data.length} bytes, budget ${budget})`);
    // The program builder is the one page with a script: its budget is
    // checked in builder.test.js.
    if (/<script\b/i.test(data.toString('utf8')) && rel !== 'programs/build/index.html') scripts.push(rel);
  }
  assert.deepEqual(tooBig, [], 'HTML pages over their budget');
  assert.deepEqual(scripts, [], 'HTML pages with a <script> element');
});

const site = useSite();

for (const pg of pages().filter((p) => !p.script)) {
  test(`budget: ${pg.name} (${pg.path}) loads no script, <= 30 KB CSS, HTML within budget`, async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const responses = [];
    page.on('response', (r) => responses.push(r));
    try {
      await page.goto(site.server.url + pg.path, { waitUntil: 'load' });
      let css = 0, html = 0;
      const scripts = [];
      for (const r of responses) {
        const type = r.request().resourceType();
        const body = await r.body().catch(() => Buffer.alloc(0));
        if (type === 'stylesheet') css += body.length;
        if (type === 'document') html += body.length;
        if (type === 'script') scripts.push(r.url());
      }
      // Inline <style> counts towards the CSS budget too.
      const inline = await page.evaluate(() =>
        [...document.querySelectorAll('style')].reduce((n, s) => n + new Blob([s.textContent]).size, 0),
      );
      const dom = await page.evaluate(() => ({
        scripts: document.querySelectorAll('script').length,
        headScripts: document.querySelectorAll('head script').length,
      }));
      assert.deepEqual(scripts, [], 'no script is loaded');
      assert.equal(dom.scripts, 0, 'no <script> element');
      assert.ok(css + inline <= CSS_BUDGET, `CSS ${css} + ${inline} inline bytes > ${CSS_BUDGET}`);
      const budget = budgetFor(pg.path.replace(/^\//, ''), await page.content());
      assert.ok(html > 0 && html <= budget, `HTML ${html} bytes (budget ${budget})`);
    } finally {
      await context.close();
    }
  });
}
