// Accessibility: axe-core finds no violations on one page of each layout,
// in the light and the dark colour scheme. Also checks the few semantic
// rules axe leaves to best practice: one h1, a skip link, a lang attribute,
// landmarks and a visible focus indicator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { useSite, pages, programPages, siteDir } from '../lib/site.js';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const site = useSite();

function describeViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')}\n      ${n.failureSummary.replace(/\n/g, '\n      ')}`)
        .join('\n');
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} nodes)\n${nodes}`;
    })
    .join('\n');
}

test('the build has at least one program page', () => {
  assert.ok(programPages().length > 0, `no programs/<slug>/index.html in ${siteDir}`);
});

for (const pg of pages()) {
  for (const scheme of ['light', 'dark']) {
    test(`axe: ${pg.name} (${pg.path}) in ${scheme} scheme has no violations`, async () => {
      const context = await site.browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      try {
        const res = await page.goto(site.server.url + pg.path, { waitUntil: 'load' });
        assert.equal(res.status(), pg.status, `HTTP status of ${pg.path}`);
        await page.emulateMedia({ colorScheme: scheme });
        await page.addScriptTag({ content: axeSource });
        const result = await page.evaluate(() =>
          window.axe.run(document, { resultTypes: ['violations'] }),
        );
        assert.equal(
          result.violations.length,
          0,
          `axe violations on ${pg.path} (${scheme}):\n${describeViolations(result.violations)}`,
        );
      } finally {
        await context.close();
      }
    });
  }

  test(`semantics: ${pg.name} (${pg.path})`, async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(site.server.url + pg.path, { waitUntil: 'load' });
      const s = await page.evaluate(() => ({
        lang: document.documentElement.getAttribute('lang'),
        h1: document.querySelectorAll('h1').length,
        main: document.querySelectorAll('main').length,
        title: document.title,
        skip: (() => {
          const a = document.querySelector('body a[href^="#"]');
          if (!a) return null;
          const target = document.getElementById(a.getAttribute('href').slice(1));
          return { text: a.textContent.trim(), first: a === document.querySelector('body a'), target: !!target };
        })(),
      }));
      assert.ok(s.lang && s.lang.length >= 2, 'html has a lang attribute');
      assert.equal(s.h1, 1, 'exactly one h1');
      assert.equal(s.main, 1, 'exactly one main landmark');
      assert.ok(s.title, 'page has a title');
      if (pg.name !== 'program') {
        assert.ok(s.skip && s.skip.first && s.skip.target, `first link is a skip link to an existing target: ${JSON.stringify(s.skip)}`);
      }

      // The first Tab lands on a link, and it shows a visible outline.
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const cs = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return {
          tag: el.tagName,
          outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2,
          shadow: cs.boxShadow !== 'none',
          visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < window.innerHeight,
        };
      });
      assert.ok(focus, 'Tab moves focus to an element');
      assert.ok(focus.outline || focus.shadow, `focused ${focus.tag} shows a focus indicator`);
      assert.ok(focus.visible, `focused ${focus.tag} is on screen`);
    } finally {
      await context.close();
    }
  });
}
