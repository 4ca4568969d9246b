// The program builder page's glue: it loads the planner (Stance's own
// planner, program template and calendar writer, compiled to WebAssembly)
// and the site's data, hands the planner the form's answers and shows
// what comes back: the program, or the planner's messages at the fields
// they concern. It plans nothing itself. Nothing is sent anywhere: after
// the module and the data have loaded, this page makes no request.
(() => {
  'use strict';
  const form = document.getElementById('builder-form');
  const status = document.getElementById('builder-status');
  const problemsBox = document.getElementById('builder-problems');
  if (!form || !status || !problemsBox) return;

  // Timings in milliseconds, for the browser tests and for curious readers
  // (console): ready (since navigation), and for the last and first
  // submission the planner's part (lastMake, firstMake) and the time
  // until the program was on screen (lastProgram, firstProgram).
  const timings = (window.stanceBuilderTimings = { start: performance.now() });

  const say = (text, isError) => {
    status.textContent = text;
    status.classList.toggle('builder-status-error', !!isError);
  };

  // load fetches the module and the site's data together, starts the
  // module and hands it the data. It resolves to the planner's API.
  async function load() {
    if (typeof WebAssembly !== 'object' || typeof Go !== 'function') {
      throw new Error('this browser cannot run WebAssembly');
    }
    const go = new Go();
    const data = fetch(form.dataset.data).then((r) => {
      if (!r.ok) throw new Error(`the site's data did not load (HTTP ${r.status})`);
      return r.text();
    });
    const module = instantiate(form.dataset.module, go.importObject);
    const [text, instance] = await Promise.all([data, module]);
    go.run(instance); // runs until the module waits for calls: the API is set
    const api = window.stanceBuilder;
    delete window.stanceBuilder;
    if (!api) throw new Error('the planner did not start');
    const problem = api.load(text);
    if (problem) throw new Error(problem);
    return api;
  }

  // instantiate streams the module, and falls back to a whole download
  // where the host does not serve it as application/wasm.
  async function instantiate(url, imports) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`the planner did not load (HTTP ${response.status})`);
    if (WebAssembly.instantiateStreaming && /application\/wasm/.test(response.headers.get('Content-Type') || '')) {
      return (await WebAssembly.instantiateStreaming(response, imports)).instance;
    }
    return (await WebAssembly.instantiate(await response.arrayBuffer(), imports)).instance;
  }

  const ready = load().then(
    (api) => {
      timings.ready = performance.now();
      say('The planner is ready. Fill in the form and make your program.');
      return api;
    },
    (err) => {
      say(`The planner could not load: ${err.message}. Reload the page to try again.`, true);
      throw err;
    },
  );
  ready.catch(() => {}); // reported above

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    let api;
    try {
      api = await ready;
    } catch {
      return;
    }
    const answers = [...new FormData(form)].map(([name, value]) => [name, String(value)]);
    const t0 = performance.now();
    const result = api.make(answers);
    timings.lastMake = performance.now() - t0;
    if (timings.firstMake === undefined) timings.firstMake = timings.lastMake;
    clearProblems();
    if (result.problems.length) {
      showProblems(result.problems);
      return;
    }
    showProgram(result);
    // Shown: laid out and painted, the frame after the next.
    requestAnimationFrame(() =>
      setTimeout(() => {
        timings.lastProgram = performance.now() - t0;
        if (timings.firstProgram === undefined) timings.firstProgram = timings.lastProgram;
      }),
    );
  });

  // Problems: a summary at the top of the form linking every field, and
  // each message next to its field, announced by moving focus to the
  // summary. The answers stay as they were typed.

  function clearProblems() {
    problemsBox.hidden = true;
    problemsBox.querySelector('ul').replaceChildren();
    for (const el of form.querySelectorAll('.field-error')) el.remove();
    for (const el of form.querySelectorAll('[aria-invalid]')) {
      el.removeAttribute('aria-invalid');
      const ids = (el.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && !id.startsWith('err-'));
      if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
      else el.removeAttribute('aria-describedby');
    }
  }

  // fieldFor finds the form element a profile key belongs to: the key
  // itself ("runs.monday.time"), or the nearest enclosing key ("runs").
  function fieldFor(key) {
    for (let k = key; k; k = k.includes('.') ? k.slice(0, k.lastIndexOf('.')) : '') {
      const el = form.querySelector(`[data-key="${CSS.escape(k)}"]`);
      if (el) return el;
    }
    return null;
  }

  // labelOf is the words a field is known by: its legend or label.
  function labelOf(field) {
    const own = field.matches('fieldset') ? field.querySelector(':scope > legend') : field.querySelector('label');
    const words = own ? own.textContent.replace(/\(optional\)/, '') : '';
    const day = field.closest('.day');
    const prefix = day && day !== field ? `${day.querySelector(':scope > legend').textContent}, ` : '';
    return (prefix + words).replace(/\s+/g, ' ').trim();
  }

  // inFormOrder sorts problems as their fields come in the form; those of
  // the whole profile first.
  function inFormOrder(problems) {
    const placed = problems.map((p) => ({ ...p, field: fieldFor(p.key) }));
    return placed.sort((a, b) => {
      if (!a.field || !b.field) return (a.field ? 1 : 0) - (b.field ? 1 : 0);
      if (a.field === b.field) return 0;
      return a.field.compareDocumentPosition(b.field) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
  }

  function showProblems(problems) {
    const list = problemsBox.querySelector('ul');
    let n = 0;
    for (const p of inFormOrder(problems)) {
      const field = p.field;
      const item = document.createElement('li');
      if (field) {
        const id = `err-${++n}`;
        const msg = document.createElement('p');
        msg.className = 'field-error';
        msg.id = id;
        msg.textContent = p.message;
        const anchor = field.matches('fieldset') ? field.querySelector(':scope > legend') : field.querySelector('label');
        (anchor || field.firstElementChild).after(msg);
        const inputs = field.querySelectorAll('input, select');
        for (const input of inputs) {
          input.setAttribute('aria-invalid', 'true');
          const ids = (input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
          input.setAttribute('aria-describedby', [id, ...ids].join(' '));
        }
        const details = field.closest('details');
        if (details) details.open = true;
        const link = document.createElement('a');
        const target = inputs[0];
        link.href = target ? `#${target.id}` : '#';
        link.textContent = labelOf(field);
        link.addEventListener('click', (e) => {
          if (!target) return;
          e.preventDefault();
          target.focus();
        });
        item.append(link, `: ${p.message}`);
      } else {
        item.textContent = p.message;
      }
      list.append(item);
    }
    problemsBox.hidden = false;
    const count = problems.length === 1 ? 'one answer' : `${problems.length} answers`;
    say(`The planner needs a change to ${count}; the fields are marked.`, true);
    problemsBox.focus();
  }

  // The program view: the page becomes the program's own page, the
  // markup program.html made with program.css inlined, under the site's
  // stylesheets switched off, so it reads and prints exactly as a
  // program page the site publishes. The form stays, hidden, as typed.

  let view = null; // the program view while it is shown

  function showProgram(result) {
    closeProgram(false);
    const doc = new DOMParser().parseFromString(result.page, 'text/html');
    const styles = [...doc.head.querySelectorAll('style')].map((s) => document.adoptNode(s));
    const container = document.createElement('div');
    container.id = 'builder-program';
    container.append(...[...doc.body.childNodes].map((n) => document.adoptNode(n)));
    const header = container.querySelector('.program-header') || container;
    const urls = [];
    header.prepend(toolbar(result, urls));

    const sheets = [...document.styleSheets].filter((s) => !(s.ownerNode && s.ownerNode.id === 'builder-css'));
    const hidden = [...document.body.children].filter((el) => !el.hidden && el.tagName !== 'SCRIPT');
    view = { container, styles, sheets, hidden, urls, title: document.title };
    for (const s of sheets) s.disabled = true;
    document.head.append(...styles);
    for (const el of hidden) el.hidden = true;
    document.body.classList.add('program');
    document.body.append(container);
    document.title = doc.title;
    if (!history.state || history.state.builder !== 'program') history.pushState({ builder: 'program' }, '');
    window.scrollTo(0, 0);
    const h1 = container.querySelector('h1');
    if (h1) {
      h1.tabIndex = -1;
      h1.focus();
    }
  }

  // closeProgram shows the form again; with back, it also leaves the
  // history entry showProgram added.
  function closeProgram(back) {
    if (!view) return;
    const v = view;
    view = null;
    v.container.remove();
    for (const s of v.styles) s.remove();
    for (const s of v.sheets) s.disabled = false;
    for (const el of v.hidden) el.hidden = false;
    for (const u of v.urls) URL.revokeObjectURL(u);
    document.body.classList.remove('program');
    document.title = v.title;
    if (back && history.state && history.state.builder === 'program') history.back();
  }

  window.addEventListener('popstate', () => {
    if (view) {
      closeProgram(false);
      document.getElementById('builder-submit').focus();
    }
  });

  // toolbar is the program view's own controls, on screen only: back to
  // the form, print, and the downloads.
  function toolbar(result, urls) {
    const bar = document.createElement('div');
    bar.className = 'program-screen-only program-toolbar';
    bar.setAttribute('role', 'group');
    bar.setAttribute('aria-label', 'Your program');
    const note = document.createElement('p');
    note.textContent = `Made in this browser: ${result.summary}. Print it, or keep the files.`;
    const back = button('Change your answers', () => {
      closeProgram(true);
      document.getElementById('builder-submit').focus();
    });
    const print = button('Print', () => window.print());
    const files = document.createElement('ul');
    files.className = 'program-toolbar-files';
    for (const [text, name, type, body] of [
      ['Calendar (.ics)', `${result.slug}.ics`, 'text/calendar', result.calendar],
      ['Profile (.toml)', `${result.slug}.toml`, 'application/toml', result.profile],
      ['Program (.html)', `${result.slug}.html`, 'text/html', result.file],
    ]) {
      const url = URL.createObjectURL(new Blob([body], { type }));
      urls.push(url);
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.textContent = text;
      const li = document.createElement('li');
      li.append(a);
      files.append(li);
    }
    bar.append(note, back, print, files);
    return bar;
  }

  function button(text, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.addEventListener('click', onClick);
    return b;
  }
})();
