// Preview panel behaviour: filter box, "matched fields only", keyboard navigation between
// matches, "open source file" links, and the updating/out-of-date state the extension posts.
// Loaded with a nonce under a strict CSP; talks to the extension only through postMessage.
(function () {
  const vscode = acquireVsCodeApi();
  const filter = document.getElementById('filter');
  const visible = document.getElementById('visible');
  const onlyMatched = document.getElementById('only-matched');
  const stateLine = document.getElementById('state');
  const cards = Array.from(document.querySelectorAll('article.match'));
  const state = vscode.getState() || {};

  function save() {
    vscode.setState({ filter: filter ? filter.value : '', onlyMatched: onlyMatched ? onlyMatched.checked : true, scrollY: window.scrollY });
  }

  function apply() {
    const q = filter.value.trim().toLowerCase();
    let n = 0;
    for (const card of cards) {
      const show = !q || card.dataset.search.includes(q);
      card.hidden = !show;
      if (show) n++;
    }
    visible.textContent = q ? `${n} of ${cards.length} shown` : '';
    save();
  }

  if (filter) {
    filter.value = state.filter || '';
    filter.addEventListener('input', apply);
    filter.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        filter.value = '';
        apply();
      }
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        move(null, 1);
      }
    });
    apply();
  }
  if (onlyMatched) {
    onlyMatched.checked = state.onlyMatched !== false;
    const sync = () => {
      document.body.classList.toggle('only-matched', onlyMatched.checked);
      save();
    };
    onlyMatched.addEventListener('change', sync);
    sync();
  }
  if (typeof state.scrollY === 'number') window.scrollTo(0, state.scrollY);
  let scrollTimer;
  window.addEventListener('scroll', () => {
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(save, 150);
  });

  function move(from, step) {
    const shown = cards.filter((c) => !c.hidden);
    if (shown.length === 0) return;
    const at = from ? shown.indexOf(from) : -1;
    const next = shown[Math.max(0, Math.min(shown.length - 1, at + step))];
    next.focus();
    next.scrollIntoView({ block: 'nearest' });
  }

  document.addEventListener('keydown', (e) => {
    const card = e.target instanceof Element ? e.target.closest('article.match') : null;
    if (e.key === '/' && e.target !== filter) {
      e.preventDefault();
      filter && filter.focus();
      return;
    }
    if (!card || e.target !== card) return;
    if (e.key === 'ArrowDown' || e.key === 'j') {
      e.preventDefault();
      move(card, 1);
    } else if (e.key === 'ArrowUp' || e.key === 'k') {
      e.preventDefault();
      move(card, -1);
    } else if (e.key === 'Enter') {
      const link = card.querySelector('button[data-source]');
      if (link) link.click();
    }
  });

  window.addEventListener('message', (e) => {
    const m = e.data || {};
    if (!stateLine || (m.type !== 'updating' && m.type !== 'stale' && m.type !== 'current')) return;
    stateLine.hidden = m.type === 'current';
    stateLine.className = m.type === 'stale' ? 'state stale' : 'state';
    stateLine.textContent = m.text || '';
    document.body.dataset.state = m.type;
  });

  // Tells the extension the list is on screen (tests and screenshots wait for it).
  vscode.postMessage({ type: 'ready', rows: cards.length });

  document.addEventListener('click', (e) => {
    const el = e.target instanceof Element ? e.target : null;
    const value = el ? el.closest('.row.other dd') : null;
    if (value) {
      value.classList.toggle('expanded');
      return;
    }
    // A correlation's event: show its match card (and let the filter not hide it).
    const ev = el ? el.closest('a[data-card]') : null;
    if (ev) {
      e.preventDefault();
      const card = document.getElementById(ev.dataset.card);
      if (card) {
        if (card.hidden && filter) {
          filter.value = '';
          apply();
        }
        card.scrollIntoView({ block: 'center' });
        card.focus();
      }
      return;
    }
    const target = el ? el.closest('button[data-source]') : null;
    if (!target) return;
    vscode.postMessage({ type: 'open', source: target.dataset.source, index: Number(target.dataset.index) });
  });
})();
