// Print: a guide prints without the site navigation, header, footer and
// breadcrumbs; program pages print on the paper their profile asks for;
// every exercise page prints as a one-page take-home sheet on A4 and on
// Letter.
// Uses Chromium's PDF output and poppler's pdftotext and pdfinfo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { useSite, programPages, exercisePages, repoRoot } from '../lib/site.js';

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

// Every exercise page is a take-home sheet: exactly one page on A4 and on
// Letter, with its title, diagram, sets and reps, every cue, the common
// faults, the easier and harder versions, the safety line and a QR code,
// none of them cut off at the page's edges.
test('exercise pages print on one A4 and one Letter page', async (t) => {
  const list = exercisePages();
  assert.ok(list.length >= 10, `only ${list.length} exercise pages`);
  for (const p of list) {
    for (const format of ['A4', 'Letter']) {
      await t.test(`${p} on ${format}`, async () => {
        const context = await site.browser.newContext();
        const page = await context.newPage();
        const slug = p.split('/').filter(Boolean).pop();
        const pdf = path.join(tmp, `${slug}-${format}.pdf`);
        try {
          await page.goto(site.server.url + p, { waitUntil: 'load' });
          await page.emulateMedia({ media: 'print' });
          const paper = format === 'A4' ? { w: 210, h: 297 } : { w: 215.9, h: 279.4 };
          // The page box at 96 CSS px per inch, less the sheet's 12 and 13 mm margins.
          await page.setViewportSize({ width: Math.floor(((paper.w - 26) / 25.4) * 96), height: 1200 });
          const info = await page.evaluate(() => {
            const box = (sel) => {
              const el = document.querySelector(sel);
              if (!el) return null;
              const r = el.getBoundingClientRect();
              const cs = getComputedStyle(el);
              return { w: r.width, h: r.height, right: r.right, visible: cs.display !== 'none' && cs.visibility !== 'hidden' && r.width > 0 && r.height > 0 };
            };
            const img = document.querySelector('.sheet-diagram');
            return {
              h1: document.querySelector('h1')?.textContent.trim() || '',
              cues: [...document.querySelectorAll('.cues li')].map((li) => li.textContent.trim()),
              qr: box('.sheet-qr svg'),
              qrLabel: document.querySelector('.sheet-qr figcaption')?.textContent.trim() || '',
              diagram: box('.sheet-diagram'),
              diagramLoaded: !!img && img.complete && img.naturalWidth > 0,
              reps: box('.facts .reps'),
              headings: [...document.querySelectorAll('.exercise-body h2')].filter((h) => getComputedStyle(h).display !== 'none').map((h) => h.textContent.trim()),
              width: document.documentElement.clientWidth,
              overflow: [...document.querySelectorAll('.exercise *')].filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((el) => el.tagName).slice(0, 5),
            };
          });
          await page.pdf({ path: pdf, format, printBackground: true });
          const pdfInfo = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
          const pages = +pdfInfo.match(/Pages:\s+(\d+)/)[1];
          assert.equal(pages, 1, `${p} prints on ${pages} ${format} pages`);
          const [w, h] = pdfInfo.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/).slice(1).map(Number);
          const [ww, wh] = paperPts[format];
          assert.ok(Math.abs(w - ww) <= 2 && Math.abs(h - wh) <= 2, `${p}: ${format} paper, got ${w}x${h} pt`);
          assert.ok(info.qr && info.qr.visible && info.qr.w >= 80, `${p}: the QR code is printed, at least 2 cm wide (${JSON.stringify(info.qr)})`);
          assert.ok(info.diagram && info.diagram.visible && info.diagramLoaded, `${p}: the diagram is printed`);
          assert.ok(info.reps && info.reps.visible, `${p}: sets and reps are printed`);
          assert.deepEqual(info.overflow, [], `${p}: nothing sticks out of the printable width`);
          const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
          const flat = text.replace(/[\s\-‐]+/g, '');
          const want = [info.h1, info.qrLabel, 'Sets and reps by phase', 'Cues', ...info.cues, 'Common faults', 'Easier', 'Harder', 'Safety:', ...info.headings];
          const missing = want.filter((s) => !flat.includes(s.replace(/[\s\-‐]+/g, '')));
          assert.deepEqual(missing, [], `${p}: text missing from the printed ${format} sheet`);
          for (const gone of ['Why runners do it', 'Adding load']) {
            assert.ok(!flat.includes(gone.replace(/\s+/g, '')), `${p}: "${gone}" stays on the web page`);
          }
        } finally {
          await context.close();
        }
      });
    }
  }
});
