// Layout: every checked page at a phone (375 px) and a desktop (1280 px)
// width, in both colour schemes. Fails on horizontal overflow of the page;
// writes full-page screenshots to out/screens/ for a human to look at.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useSite, pages, screensDir } from '../lib/site.js';

const widths = [375, 1280];
const schemes = ['light', 'dark'];

const site = useSite();
before(() => fs.mkdirSync(screensDir, { recursive: true }));

for (const pg of pages()) {
  for (const width of widths) {
    for (const scheme of schemes) {
      test(`layout: ${pg.name} at ${width}px, ${scheme}`, async () => {
        const context = await site.browser.newContext({
          viewport: { width, height: width < 600 ? 800 : 900 },
          deviceScaleFactor: 1,
          colorScheme: scheme,
        });
        const page = await context.newPage();
        try {
          const res = await page.goto(site.server.url + pg.path, { waitUntil: 'load' });
          assert.equal(res.status(), pg.status);
          const m = await page.evaluate(() => {
            const doc = document.documentElement;
            // Elements that stick out of the viewport, to say what overflows.
            const culprits = [];
            for (const el of document.body.querySelectorAll('*')) {
              const r = el.getBoundingClientRect();
              if (r.right > window.innerWidth + 1 && culprits.length < 5) {
                let p = el.parentElement, clipped = false;
                while (p && p !== document.body) {
                  const ox = getComputedStyle(p).overflowX;
                  if (ox === 'auto' || ox === 'scroll' || ox === 'hidden') { clipped = true; break; }
                  p = p.parentElement;
                }
                if (!clipped) culprits.push(`${el.tagName.toLowerCase()}${el.className ? '.' + el.className : ''} right=${Math.round(r.right)}`);
              }
            }
            // Images must have loaded and have a size.
            const broken = [...document.images]
              .filter((img) => !img.complete || img.naturalWidth === 0)
              .map((img) => img.getAttribute('src'));
            return { scrollWidth: doc.scrollWidth, innerWidth: window.innerWidth, culprits, broken };
          });
          const file = path.join(screensDir, `${pg.name}-${width}-${scheme}.png`);
          await page.screenshot({ path: file, fullPage: true });
          assert.ok(
            m.scrollWidth <= m.innerWidth,
            `${pg.path} overflows at ${width}px: scrollWidth ${m.scrollWidth} > ${m.innerWidth}; ${m.culprits.join(', ')}`,
          );
          assert.deepEqual(m.broken, [], `${pg.path}: images that did not load`);
        } finally {
          await context.close();
        }
      });
    }
  }
}

// The program chart must stay readable on a phone: its smallest text is
// at least 9 CSS pixels tall once the SVG has shrunk to the screen.
test('layout: the program chart is legible at 375px', async () => {
  const progs = (await import('../lib/site.js')).programPages();
  assert.ok(progs.length > 0, 'the build has program pages');
  const context = await site.browser.newContext({ viewport: { width: 375, height: 800 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  try {
    for (const p of progs) {
      await page.goto(site.server.url + p, { waitUntil: 'load' });
      const smallest = await page.evaluate(() =>
        Math.min(...[...document.querySelectorAll('.program-chart text')].map((t) => t.getBoundingClientRect().height)),
      );
      assert.ok(smallest >= 9, `${p}: chart text ${smallest.toFixed(1)} px tall at 375px`);
    }
  } finally {
    await context.close();
  }
});
