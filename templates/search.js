// The search page: full-text search and filters over the Pagefind index
// that `npx -y pagefind --site public` writes to pagefind/ after the
// build. Loaded only by search.html. Without the index the page says how
// to make one; without JavaScript this never runs and the page says so.
const root = document.querySelector('[data-search]');
const $ = (sel) => root.querySelector(sel);
const PAGE = 10; // results loaded at a time

// Filters in this order first (others after, by name), with their legends.
const GROUPS = { kind: 'Pages', muscle: 'Muscle', equipment: 'Equipment', phase: 'Phase', level: 'Level' };
const KINDS = { guide: 'guides', exercise: 'exercises' };
const LEVELS = ['beginner', 'intermediate', 'advanced'];

async function load(base) {
  try {
    const pagefind = await import(base + 'pagefind/pagefind.js');
    // Results are stored with paths from the site's root folder; the site
    // may be published under a path (base_url), which goes in front.
    await pagefind.options({ baseUrl: base });
    await pagefind.init();
    return pagefind;
  } catch {
    return null;
  }
}

function text(tag, className, content) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (content !== undefined) el.textContent = content;
  return el;
}

function buildFilters(container, filters) {
  const names = Object.keys(filters).sort((a, b) => {
    const ia = Object.keys(GROUPS).indexOf(a), ib = Object.keys(GROUPS).indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
  for (const name of names) {
    let values = Object.keys(filters[name]).sort();
    if (name === 'level') values = LEVELS.filter((l) => values.includes(l)).concat(values.filter((l) => !LEVELS.includes(l)));
    if (!values.length) continue;
    const set = text('fieldset', 'filter-group');
    set.append(text('legend', '', GROUPS[name] || name[0].toUpperCase() + name.slice(1)));
    const list = document.createElement('ul');
    for (const value of values) {
      const li = document.createElement('li');
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.name = name;
      box.value = value;
      label.append(box, ' ' + (name === 'kind' ? KINDS[value] || value : value));
      li.append(label);
      list.append(li);
    }
    set.append(list);
    container.append(set);
  }
}

function renderResult(data) {
  const li = text('li', 'search-result');
  const h = text('h3');
  const a = text('a', '', data.meta?.title || data.url);
  a.href = data.url;
  h.append(a);
  li.append(h);
  const kind = data.filters?.kind?.[0];
  if (kind) {
    const meta = text('p', 'meta', kind === 'exercise' ? 'Exercise' : 'Guide');
    li.append(meta);
  }
  const excerpt = text('p', 'search-excerpt');
  // Pagefind escapes the page's text and adds only <mark> elements.
  excerpt.innerHTML = data.excerpt;
  li.append(excerpt);
  return li;
}

async function main() {
  const base = root.dataset.base || '/';
  const form = $('form');
  const input = $('#search-q');
  const status = $('[data-search-status]');
  const region = $('[data-search-results-region]');
  const list = $('[data-search-results]');
  const more = $('[data-search-more]');

  // The box shows at once, while the index loads. The query and ticked
  // boxes come from the address: the header's search box submits ?q=...,
  // and a search can be shared or reloaded.
  const wanted = new URLSearchParams(location.search);
  input.value = wanted.get('q') || '';
  $('[data-search-nojs]').hidden = true;
  form.hidden = false;
  // Arriving from the header's box: go on typing, or arrow to the results.
  if (wanted.has('q')) input.focus();

  const pagefind = await load(base);
  if (!pagefind) {
    const focused = document.activeElement === input;
    form.hidden = true;
    const note = $('[data-search-noindex]');
    note.hidden = false;
    if (focused) note.focus();
    return;
  }
  buildFilters($('[data-search-filters]'), await pagefind.filters());
  const boxes = [...form.querySelectorAll('input[type=checkbox]')];
  for (const b of boxes) if (wanted.getAll(b.name).includes(b.value)) b.checked = true;

  let run = 0; // the latest search; older ones drop their results
  let results = [];
  let shown = 0;

  async function showMore(focus) {
    const mine = run;
    const next = await Promise.all(results.slice(shown, shown + PAGE).map((r) => r.data()));
    if (mine !== run) return;
    const first = shown;
    for (const data of next) list.append(renderResult(data));
    shown += next.length;
    more.hidden = shown >= results.length;
    if (focus) list.children[first]?.querySelector('a')?.focus();
  }

  async function search() {
    const mine = ++run;
    const q = input.value.trim();
    const filters = {};
    const params = new URLSearchParams();
    if (q) params.set('q', q);
    for (const b of boxes) {
      if (!b.checked) continue;
      (filters[b.name] ||= { any: [] }).any.push(b.value);
      params.append(b.name, b.value);
    }
    const query = params.toString();
    history.replaceState(history.state, '', query ? '?' + query : location.pathname);
    const filtered = Object.keys(filters).length > 0;
    if (!q && !filtered) {
      results = [];
      list.replaceChildren();
      region.hidden = true;
      status.textContent = '';
      return;
    }
    const found = await pagefind.search(q || null, { filters });
    if (mine !== run || !found) return;
    results = found.results;
    shown = 0;
    list.replaceChildren();
    await showMore(false);
    if (mine !== run) return;
    region.hidden = results.length === 0;
    const n = results.length;
    const what = (q ? ` for “${q}”` : '') + (filtered ? (q ? ' with' : ' matching') + ' the ticked filters' : '');
    status.textContent = n
      ? `${n} ${n === 1 ? 'result' : 'results'}${what}.`
      : `No results${what}. Try other words${filtered ? ' or untick a filter' : ''}.`;
  }

  let timer;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    if (input.value.trim()) pagefind.preload(input.value.trim());
    timer = setTimeout(search, 150);
  });
  form.addEventListener('change', (e) => {
    if (e.target.type !== 'checkbox') return;
    clearTimeout(timer);
    search();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(timer);
    search();
  });
  more.addEventListener('click', () => showMore(true));

  // Arrow keys move from the box to the results and between them.
  const links = () => [...list.querySelectorAll('h3 a')];
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && links().length) {
      e.preventDefault();
      links()[0].focus();
    }
  });
  list.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const all = links();
    const i = all.indexOf(document.activeElement);
    if (i < 0) return;
    e.preventDefault();
    if (e.key === 'ArrowDown') all[Math.min(i + 1, all.length - 1)].focus();
    else if (i === 0) input.focus();
    else all[i - 1].focus();
  });

  // What was typed while the index loaded, or came in the address.
  if (input.value || boxes.some((b) => b.checked)) await search();
}

if (root) main();
