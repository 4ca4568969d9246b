// Search (issue #17): the Pagefind index run.sh makes after the build, the
// search page, the header's search box and the exercise library's filter
// panel; with the keyboard alone, without JavaScript, without an index and
// under a base path; axe on the states the other files do not load.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { useSite, siteDir, subpathSiteDir, htmlFiles, exercisePages, pagefindVersion, serve } from '../lib/site.js';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const site = useSite();
let sub; // the site built under /sub/, served from the folder above it
before(async () => {
  assert.ok(subpathSiteDir, 'STANCE_SUBPATH_SITE_DIR is not set: run the suite with bash browser-tests/run.sh');
  sub = await serve(subpathSiteDir);
});
after(async () => {
  await sub?.close();
});

// linksIn returns the text of the links in the <dd> after <dt>name</dt>.
function linksIn(html, name) {
  const m = new RegExp(`<dt>${name}</dt><dd>([\\s\\S]*?)</dd>`).exec(html);
  return m ? [...m[1].matchAll(/<a [^>]*>([^<]*)<\/a>/g)].map((a) => a[1]) : [];
}

// withBoth lists the exercise pages whose facts name the muscle and the
// equipment, read from each page's visible "At a glance" box.
function withBoth(muscle, equipment) {
  return exercisePages().filter((p) => {
    const html = fs.readFileSync(path.join(siteDir, p, 'index.html'), 'utf8');
    return linksIn(html, 'Muscles').includes(muscle) && linksIn(html, 'Equipment').includes(equipment);
  });
}

// indexedPages lists the built pages Pagefind indexes: those with
// data-pagefind-body.
function indexedPages() {
  return htmlFiles()
    .filter((rel) => !rel.startsWith('pagefind/'))
    .filter((rel) => /<main [^>]*data-pagefind-body/.test(fs.readFileSync(path.join(siteDir, rel), 'utf8')))
    .map((rel) => '/' + rel.replace(/index\.html$/, ''));
}

async function open(url, { scheme = 'light', js = true, noIndex = false, width = 1280, base = site.server.url } = {}) {
  const context = await site.browser.newContext({ colorScheme: scheme, javaScriptEnabled: js, viewport: { width, height: 900 } });
  if (noIndex) await context.route('**/pagefind/**', (r) => r.fulfill({ status: 404, contentType: 'text/html', body: 'not found' }));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const res = await page.goto(base + url, { waitUntil: 'load' });
  assert.equal(res.status(), 200, `HTTP status of ${url}`);
  return { context, page, errors };
}

// searchReady waits until search.js has loaded the index and shown its form.
async function searchReady(page) {
  await page.waitForSelector('.search-form:not([hidden]) .filter-group input');
}

async function waitForStatus(page, re) {
  await page.waitForFunction(
    (src) => new RegExp(src).test(document.querySelector('[data-search-status], [data-filters-status]')?.textContent || ''),
    re.source,
  );
  return page.locator('[role=status]').first().textContent();
}

// allResults clicks "Show more" until every result is listed, and returns
// their links.
async function allResults(page) {
  while (await page.locator('[data-search-more]:not([hidden])').count()) {
    const before = await page.locator('.search-results li').count();
    await page.click('[data-search-more]');
    await page.waitForFunction((n) => document.querySelectorAll('.search-results li').length > n, before);
  }
  return page.$$eval('.search-results h3 a', (as) => as.map((a) => a.getAttribute('href')));
}

async function visibleCards(page) {
  return page.$$eval('.ex-grid > li', (lis) =>
    lis.filter((li) => li.offsetParent !== null).map((li) => li.querySelector('h3 a').getAttribute('href')),
  );
}

async function axe(page, what) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const text = result.violations
    .map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n    ')}`)
    .join('\n');
  assert.equal(result.violations.length, 0, `axe violations on ${what}:\n${text}`);
}

test('index: Pagefind indexed the guides and exercises, and nothing else', () => {
  const entry = JSON.parse(fs.readFileSync(path.join(siteDir, 'pagefind', 'pagefind-entry.json'), 'utf8'));
  assert.equal(entry.version, pagefindVersion(), 'the index was made by the pinned Pagefind');
  const indexed = indexedPages();
  const counted = Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
  assert.equal(counted, indexed.length, 'Pagefind indexed exactly the pages with data-pagefind-body');
  for (const ex of exercisePages()) assert.ok(indexed.includes(ex), `${ex} is indexed`);
  const lists = indexed.filter((u) => /^\/(programs|tags|muscles|equipment|search)\//.test(u) || u === '/' || u === '/exercises/');
  assert.deepEqual(lists, [], 'programs, lists, taxonomies and the search page are not indexed');
  const clamshell = fs.readFileSync(path.join(siteDir, 'exercises/clamshell/index.html'), 'utf8');
  for (const f of ['kind:exercise', 'muscle:gluteus medius', 'equipment:bodyweight', 'phase:stability', 'level:beginner']) {
    assert.ok(clamshell.includes(`data-pagefind-filter="${f}"`), `the clamshell page has the filter ${f}`);
  }
});

test('search: every indexed page is a guide or an exercise, and no program is found', async () => {
  const { context, page } = await open('/search/');
  try {
    await searchReady(page);
    const urls = await page.evaluate(async () => {
      const pf = await import('/pagefind/pagefind.js');
      const all = await pf.search(null, { filters: { kind: { any: ['guide', 'exercise'] } } });
      const rivera = await pf.search('Rivera');
      const data = async (r) => Promise.all(r.results.map((x) => x.data().then((d) => d.url)));
      return { all: await data(all), rivera: await data(rivera) };
    });
    assert.deepEqual(urls.all.sort(), indexedPages().sort());
    assert.deepEqual(urls.rivera.filter((u) => u.startsWith('/programs/')), [], 'a program athlete is not found');
  } finally {
    await context.close();
  }
});

test('search: "clamshell" finds the clamshell page first', async () => {
  const { context, page, errors } = await open('/search/');
  try {
    await searchReady(page);
    await page.fill('#search-q', 'clamshell');
    const status = await waitForStatus(page, /results? for “clamshell”/);
    assert.match(status, /^\d+ results? for “clamshell”\.$/);
    const first = page.locator('.search-results h3 a').first();
    assert.equal(await first.getAttribute('href'), '/exercises/clamshell/');
    assert.equal((await first.textContent()).trim(), 'Clamshell');
    assert.match(page.url(), /\?q=clamshell$/, 'the query is kept in the address');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('library: ticking "band" and "gluteus medius" leaves only exercises that have both', async () => {
  const want = withBoth('gluteus medius', 'band');
  assert.ok(want.length > 0, 'some exercise works the gluteus medius with a band');
  const { context, page, errors } = await open('/exercises/');
  try {
    assert.ok(await page.isVisible('form.filters'), 'the filter panel is shown');
    const all = await visibleCards(page);
    assert.equal(all.length, exercisePages().length, 'every exercise is listed before filtering');
    await page.check('input[name=equipment][value="band"]');
    await page.check('input[name=muscle][value="gluteus medius"]');
    const status = await waitForStatus(page, /Showing \d+ of/);
    assert.deepEqual((await visibleCards(page)).sort(), want.sort());
    assert.equal(status, `Showing ${want.length} of ${all.length} exercises.`);
    assert.match(page.url(), /\?muscle=gluteus\+medius&equipment=band$/, 'the filters are kept in the address');
    // A shared address opens the same list.
    await page.goto(page.url(), { waitUntil: 'load' });
    assert.deepEqual((await visibleCards(page)).sort(), want.sort());
    await page.click('button[type=reset]');
    await waitForStatus(page, /Showing all/);
    assert.equal((await visibleCards(page)).length, all.length, 'clearing shows every exercise again');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('search page: ticking "band" and "gluteus medius" without words lists the same exercises', async () => {
  const want = withBoth('gluteus medius', 'band');
  const { context, page } = await open('/search/');
  try {
    await searchReady(page);
    await page.check('.search-form input[name=equipment][value="band"]');
    await page.check('.search-form input[name=muscle][value="gluteus medius"]');
    await waitForStatus(page, /results? matching the ticked filters/);
    assert.deepEqual((await allResults(page)).sort(), want.sort());
    // Words and filters together: guides about the gluteus medius drop out
    // when only exercises are ticked.
    await page.uncheck('.search-form input[name=equipment][value="band"]');
    await page.check('.search-form input[name=kind][value="exercise"]');
    await page.fill('#search-q', 'hip');
    await waitForStatus(page, /for “hip” with the ticked filters/);
    const urls = await allResults(page);
    assert.ok(urls.length > 0 && urls.every((u) => u.startsWith('/exercises/')), `only exercises: ${urls}`);
  } finally {
    await context.close();
  }
});

test('keyboard: Tab to the header box, type, Enter, arrow to the first result, Enter opens it', async () => {
  const { context, page, errors } = await open('/');
  try {
    let tabs = 0;
    while ((await page.evaluate(() => document.activeElement?.id)) !== 'site-search-q') {
      await page.keyboard.press('Tab');
      assert.ok(++tabs < 20, 'the header search box is reached with Tab');
    }
    await page.keyboard.type('clamshell');
    await Promise.all([page.waitForURL(/\/search\/\?q=clamshell$/), page.keyboard.press('Enter')]);
    await waitForStatus(page, /results? for “clamshell”/);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-q', 'focus is in the search box');
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      const cs = getComputedStyle(el);
      return { href: el.getAttribute('href'), outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 };
    });
    assert.deepEqual(focused, { href: '/exercises/clamshell/', outline: true }, 'the first result has focus, visibly');
    await page.keyboard.press('ArrowDown');
    assert.notEqual(await page.evaluate(() => document.activeElement.getAttribute('href')), '/exercises/clamshell/', 'ArrowDown moves on');
    await page.keyboard.press('ArrowUp');
    await Promise.all([page.waitForURL(/\/exercises\/clamshell\/$/), page.keyboard.press('Enter')]);
    assert.equal(await page.textContent('h1'), 'Clamshell');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// tabTo presses Tab until the focused element matches sel.
async function tabTo(page, sel, limit = 80) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s), sel)) return;
  }
  assert.fail(`Tab never reached ${sel}`);
}

test('keyboard: the library filters tick with Tab and Space', async () => {
  const want = withBoth('gluteus medius', 'band');
  const { context, page } = await open('/exercises/');
  try {
    await tabTo(page, 'input[value="gluteus medius"]');
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement.closest('label')).outlineStyle);
    assert.notEqual(ring, 'none', 'the focused box shows a focus ring');
    await page.keyboard.press('Space');
    await tabTo(page, 'input[value="band"]');
    await page.keyboard.press('Space');
    await waitForStatus(page, new RegExp(`Showing ${want.length} of`));
    assert.deepEqual((await visibleCards(page)).sort(), want.sort());
  } finally {
    await context.close();
  }
});

test('keyboard: on the search page Space ticks a filter and Tab reaches the results', async () => {
  const { context, page } = await open('/search/?q=gluteus');
  try {
    await searchReady(page);
    await waitForStatus(page, /for “gluteus”/);
    await tabTo(page, 'input[name=kind][value="guide"]');
    await page.keyboard.press('Space');
    await waitForStatus(page, /for “gluteus” with the ticked filters/);
    const urls = await allResults(page);
    assert.ok(urls.length > 0 && urls.every((u) => !u.startsWith('/exercises/')), `only guides: ${urls}`);
    await tabTo(page, '.search-results h3 a');
  } finally {
    await context.close();
  }
});

for (const scheme of ['light', 'dark']) {
  test(`axe: the search page with results and a ticked filter, ${scheme}`, async () => {
    const { context, page } = await open('/search/?q=knee&kind=guide', { scheme });
    try {
      await waitForStatus(page, /for “knee”/);
      await axe(page, `the search page (${scheme})`);
    } finally {
      await context.close();
    }
  });

  test(`axe: the filtered exercise library, ${scheme}`, async () => {
    const { context, page } = await open('/exercises/?muscle=gluteus+medius&equipment=band', { scheme });
    try {
      await waitForStatus(page, /Showing \d+ of/);
      await axe(page, `the filtered library (${scheme})`);
    } finally {
      await context.close();
    }
  });

  test(`axe: the search page without an index, ${scheme}`, async () => {
    const { context, page } = await open('/search/', { scheme, noIndex: true });
    try {
      await page.waitForSelector('[data-search-noindex]:not([hidden])');
      await axe(page, `the search page without an index (${scheme})`);
    } finally {
      await context.close();
    }
  });
}

test('no index: the search page says how to make one and links the taxonomy pages; the library still filters', async () => {
  const { context, page, errors } = await open('/search/?q=band', { noIndex: true });
  try {
    await page.waitForSelector('[data-search-noindex]:not([hidden])');
    assert.ok(await page.evaluate(() => document.activeElement.matches('[data-search-noindex]')), 'focus moves from the hidden box to the note');
    const note = await page.textContent('[data-search-noindex]');
    assert.ok(note.includes(`npx -y pagefind@${pagefindVersion()} --site public`), `the command, with the pinned version: ${note}`);
    assert.ok(await page.isHidden('.search-form'), 'no search box that cannot search');
    assert.ok(await page.isHidden('[data-search-nojs]'));
    const browse = await page.$$eval('.search-browse a', (as) => as.map((a) => a.getAttribute('href')));
    for (const tax of ['/muscles/', '/equipment/', '/tags/']) assert.ok(browse.includes(tax), `links ${tax}`);
    await page.goto(site.server.url + '/exercises/?equipment=band', { waitUntil: 'load' });
    await waitForStatus(page, /Showing \d+ of/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('no JavaScript: the site reads as before; the header box opens the search page, which links the taxonomies', async () => {
  const { context, page } = await open('/routine/', { js: false });
  try {
    await page.fill('#site-search-q', 'band');
    await Promise.all([page.waitForURL(/\/search\/\?q=band$/), page.press('#site-search-q', 'Enter')]);
    assert.ok(await page.isVisible('[data-search-nojs]'), 'the page says search needs JavaScript');
    assert.ok(await page.isHidden('.search-form'));
    const browse = await page.$$eval('.search-browse a', (as) => as.map((a) => a.getAttribute('href')));
    for (const tax of ['/muscles/', '/equipment/']) assert.ok(browse.includes(tax), `links ${tax}`);
    await page.goto(site.server.url + '/exercises/', { waitUntil: 'load' });
    assert.ok(await page.isHidden('form.filters'), 'no filter panel that cannot filter');
    assert.equal((await visibleCards(page)).length, exercisePages().length, 'every exercise is listed');
  } finally {
    await context.close();
  }
});

test('base path: search and filters work under /sub/', async () => {
  const want = withBoth('gluteus medius', 'band').map((u) => '/sub' + u);
  const { context, page, errors } = await open('/sub/', { base: sub.url });
  try {
    assert.equal(await page.getAttribute('form.site-search', 'action'), '/sub/search/');
    await page.fill('#site-search-q', 'clamshell');
    await Promise.all([page.waitForURL(/\/sub\/search\/\?q=clamshell$/), page.press('#site-search-q', 'Enter')]);
    await waitForStatus(page, /results? for “clamshell”/);
    const first = page.locator('.search-results h3 a').first();
    assert.equal(await first.getAttribute('href'), '/sub/exercises/clamshell/');
    await page.check('.search-form input[name=equipment][value="band"]');
    await page.fill('#search-q', '');
    await page.check('.search-form input[name=muscle][value="gluteus medius"]');
    await waitForStatus(page, /matching the ticked filters/);
    assert.deepEqual((await allResults(page)).sort(), want.sort());
    await Promise.all([page.waitForURL(/\/sub\/exercises\//), page.locator('.search-results h3 a').first().click()]);
    assert.equal(await page.evaluate(() => document.querySelector('h1').textContent.length > 0), true);
    await page.goto(sub.url + '/sub/exercises/', { waitUntil: 'load' });
    await page.check('input[name=equipment][value="band"]');
    await page.check('input[name=muscle][value="gluteus medius"]');
    await waitForStatus(page, /Showing \d+ of/);
    assert.deepEqual((await visibleCards(page)).sort(), want.sort());
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
