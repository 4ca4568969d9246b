// The exercise library's filter panel: ticking boxes narrows the grid of
// cards, in the browser, without a search index. A card is shown when, in
// every group with a ticked box, it has at least one of the ticked values.
// The cards carry their values in data-muscle, data-equipment, data-phase
// and data-level ("|" between values). The ticked boxes are kept in the
// address (?muscle=...&equipment=...), so a filtered list can be shared.
// Without this script the panel stays hidden and the grid lists every
// exercise.
const form = document.querySelector('form[data-filters]');
const grid = form && document.getElementById(form.dataset.filters);
if (form && grid) {
  const status = document.querySelector('[data-filters-status]');
  const boxes = [...form.querySelectorAll('input[type=checkbox]')];
  const groups = [...new Set(boxes.map((b) => b.name))];
  const norm = (s) => s.trim().toLowerCase();
  const cards = [...grid.children].map((el) => ({
    el,
    values: Object.fromEntries(
      groups.map((g) => [g, (el.dataset[g] || '').split('|').map(norm).filter(Boolean)]),
    ),
  }));
  const exercises = cards.filter((c) => c.el.dataset.level !== undefined);

  // A box no exercise matches (a muscle only a guide names) is left out.
  for (const box of boxes) {
    if (!exercises.some((c) => c.values[box.name].includes(norm(box.value)))) {
      box.closest('li').hidden = true;
    }
  }

  const ticked = () => {
    const t = {};
    for (const g of groups) {
      t[g] = boxes.filter((b) => b.name === g && b.checked).map((b) => norm(b.value));
    }
    return t;
  };

  const apply = (announce) => {
    const t = ticked();
    const active = groups.filter((g) => t[g].length);
    let shown = 0;
    for (const c of cards) {
      const match = active.every((g) => t[g].some((v) => c.values[g].includes(v)));
      c.el.hidden = !match;
      if (match && exercises.includes(c)) shown++;
    }
    const params = new URLSearchParams();
    for (const b of boxes) if (b.checked) params.append(b.name, b.value);
    const query = params.toString();
    history.replaceState(history.state, '', query ? '?' + query : location.pathname);
    if (!announce && !active.length) return;
    const total = exercises.length;
    if (!active.length) status.textContent = `Showing all ${total} exercises.`;
    else if (shown === 0) status.textContent = 'No exercise matches every ticked group. Untick a box to see more.';
    else status.textContent = `Showing ${shown} of ${total} exercises.`;
  };

  // Boxes ticked in the address (a shared link, or the back button).
  const wanted = new URLSearchParams(location.search);
  for (const b of boxes) {
    if (wanted.getAll(b.name).some((v) => norm(v) === norm(b.value))) b.checked = true;
  }
  form.hidden = false;
  form.addEventListener('change', () => apply(true));
  form.addEventListener('reset', () => setTimeout(() => apply(true)));
  form.addEventListener('submit', (e) => e.preventDefault());
  apply(false);
}
