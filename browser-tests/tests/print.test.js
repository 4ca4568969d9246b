// Print: a guide prints without the site navigation, header, footer and
// breadcrumbs; program pages print on the paper their profile asks for.
// Uses Chromium's PDF output and poppler's pdftotext and pdfinfo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { useSite, programPages, repoRoot } from '../lib/site.js';

const paperPts = { A4: [595, 842], Letter: [612, 792] };

const site = useSite();
let tmp;
before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-print-'));
});
after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function printPage(urlPath, file, opts = {}) {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(site.server.url + urlPath, { waitUntil: 'load' });
    const info = await page.evaluate(() => ({
      nav: [...document.querySelectorAll('.site-header nav a')].map((a) => a.textContent.trim()),
      brand: document.querySelector('.site-header .brand')?.textContent.trim() || '',
      crumbs: [...document.querySelectorAll('.breadcrumbs a')].map((a) => a.textContent.trim()),
      h1: document.querySelector('h1')?.textContent.trim() || '',
      styles: [...document.querySelectorAll('style')].map((s) => s.textContent).join('\n'),
    }));
    await page.pdf({ path: file, printBackground: true, ...opts });
    return info;
  } finally {
    await context.close();
  }
}

const squash = (s) => s.replace(/\s+/g, ' ').trim();

test('a guide prints without navigation', async () => {
  const pdf = path.join(tmp, 'guide.pdf');
  const info = await printPage('/routine/weekly-plan/', pdf, { format: 'A4' });
  assert.ok(info.nav.length >= 3, 'the guide has a section nav on screen');
  const text = squash(execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }));
  assert.ok(text.includes(info.h1), `the printed guide has its title "${info.h1}"`);
  assert.ok(!text.includes(info.brand), `the site title "${info.brand}" (header) is not printed`);
  assert.ok(!text.includes('Skip to content'), 'the skip link is not printed');
  assert.ok(!text.includes(info.nav.join(' ')), `the section nav "${info.nav.join(' ')}" is not printed`);
  assert.ok(!text.includes(info.crumbs.join(' ')), 'the breadcrumbs are not printed');
  assert.ok(!text.includes('Atom feed'), 'the footer is not printed');
  assert.ok(!/Previous\s|Next\s/.test(text.slice(-400)), 'the pager is not printed');
});

// profilePaper reads `paper = "..."` from content/programs/<slug>.toml when
// that file exists (profiles may also set slug explicitly).
function profilePaper(slug) {
  const dir = path.join(repoRoot, 'content', 'programs');
  if (!fs.existsSync(dir)) return null;
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.toml'))) {
    const src = fs.readFileSync(path.join(dir, name), 'utf8');
    const explicit = src.match(/^\s*slug\s*=\s*"([^"]+)"/m);
    const s = explicit ? explicit[1] : name.replace(/\.toml$/, '');
    if (s === slug) {
      const m = src.match(/^\s*paper\s*=\s*"([^"]+)"/m);
      return m ? m[1] : 'A4';
    }
  }
  return null;
}

test('program pages print on their paper size', async (t) => {
  const progs = programPages();
  assert.ok(progs.length > 0, 'the build has program pages');
  for (const p of progs) {
    await t.test(p, async () => {
      const slug = p.split('/').filter(Boolean).pop();
      const pdf = path.join(tmp, `${slug}.pdf`);
      const info = await printPage(p, pdf, { preferCSSPageSize: true });
      const declared = /size:\s*letter/i.test(info.styles) ? 'Letter' : /size:\s*A4/i.test(info.styles) ? 'A4' : null;
      assert.ok(declared, `${p} declares an @page size of A4 or letter`);
      const want = profilePaper(slug);
      if (want) assert.equal(declared.toLowerCase(), want.toLowerCase(), `${p}: paper of the profile`);
      const out = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
      const m = out.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/);
      assert.ok(m, `pdfinfo reports a page size:\n${out}`);
      // Chromium rounds page sizes to whole CSS pixels: allow 2 pt.
      const [w, h] = [+m[1], +m[2]];
      const [ww, wh] = paperPts[declared];
      assert.ok(Math.abs(w - ww) <= 2 && Math.abs(h - wh) <= 2, `${p} prints on ${declared} (${ww}x${wh} pt), got ${w}x${h} pt`);
    });
  }
});
