// Preview panel behaviour: filter box and "open source file" links. Loaded with a nonce under a
// strict CSP; talks to the extension only through postMessage.
(function () {
  const vscode = acquireVsCodeApi();
  const filter = document.getElementById('filter');
  const visible = document.getElementById('visible');
  const rows = Array.from(document.querySelectorAll('tr.match'));
  const state = vscode.getState() || {};

  function apply() {
    const q = filter.value.trim().toLowerCase();
    let n = 0;
    for (const row of rows) {
      const show = !q || row.dataset.search.includes(q);
      row.hidden = !show;
      if (show) n++;
    }
    visible.textContent = q ? `${n} of ${rows.length} shown` : '';
    vscode.setState({ filter: filter.value });
  }

  if (filter) {
    filter.value = state.filter || '';
    filter.addEventListener('input', apply);
    filter.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') { filter.value = ''; apply(); }
    });
    apply();
  }
  // Tells the extension the table is on screen (tests and screenshots wait for it).
  vscode.postMessage({ type: 'ready', rows: rows.length });

  document.addEventListener('click', (e) => {
    const target = e.target instanceof Element ? e.target.closest('button[data-source]') : null;
    if (!target) return;
    vscode.postMessage({ type: 'open', source: target.dataset.source, index: Number(target.dataset.index) });
  });
})();
