/**
 * The preview panel's HTML. Everything user-controlled (events come from arbitrary telemetry) is
 * escaped; the page loads only its own stylesheet and one nonce'd script (strict CSP), and takes
 * its colours from the VS Code theme variables. Pure: no `vscode` import, unit-tested in Node.
 */
import type { PreviewResult } from '../protocol';
import { highlightEvent, type EventRow, type RuleTerms } from './highlight';

export interface PanelAssets {
  /** `webview.cspSource`. */
  cspSource: string;
  nonce: string;
  styleUri: string;
  scriptUri: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function markValue(row: EventRow): string {
  let html = '';
  let at = 0;
  for (const [s, e] of row.spans) {
    html += escapeHtml(row.value.slice(at, s)) + `<mark>${escapeHtml(row.value.slice(s, e))}</mark>`;
    at = e;
  }
  return html + escapeHtml(row.value.slice(at));
}

function basename(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

export function contentSecurityPolicy(a: PanelAssets): string {
  return [`default-src 'none'`, `style-src ${a.cspSource}`, `script-src 'nonce-${a.nonce}'`, `img-src ${a.cspSource}`, `font-src ${a.cspSource}`].join('; ');
}

export function renderPreviewHtml(ruleName: string, result: PreviewResult, terms: RuleTerms, a: PanelAssets): string {
  const rows = result.matches
    .map((m, i) => {
      const eventRows = highlightEvent(m.event, m.selections, terms);
      const fields = eventRows
        .map((r) => `<tr class="${r.matchedField ? 'hit' : ''}"><th scope="row">${escapeHtml(r.path)}</th><td>${markValue(r)}</td></tr>`)
        .join('');
      const selections = m.selections.map((s) => `<span class="sel">${escapeHtml(s)}</span>`).join(' ');
      const search = escapeHtml(JSON.stringify(m.event).toLowerCase() + ' ' + m.selections.join(' ').toLowerCase() + ' ' + m.source.toLowerCase());
      return (
        `<tr class="match" data-search="${search}">` +
        `<td class="num">${i + 1}</td>` +
        `<td><button type="button" class="link" data-source="${escapeHtml(m.source)}" data-index="${m.index}" title="Open ${escapeHtml(m.source)} (event ${m.index})">${escapeHtml(basename(m.source))}#${m.index}</button></td>` +
        `<td>${selections}</td>` +
        `<td><table class="event" aria-label="Event ${i + 1} fields"><tbody>${fields}</tbody></table></td>` +
        `</tr>`
      );
    })
    .join('\n');
  const shown = result.matches.length < result.matched ? ` (showing the first ${result.matches.length})` : '';
  const skipped = result.skipped.length > 0 ? ` · ${result.skipped.length} event${result.skipped.length === 1 ? '' : 's'} could not be read` : '';
  const summary = `${result.matched} match${result.matched === 1 ? '' : 'es'} in ${result.scanned} event${result.scanned === 1 ? '' : 's'}${shown}${skipped}`;
  const skippedList =
    result.skipped.length > 0
      ? `<details><summary>Unreadable events</summary><ul>${result.skipped
          .slice(0, 200)
          .map((s) => `<li>${escapeHtml(basename(s.source))}#${s.index}: ${escapeHtml(s.reason)}</li>`)
          .join('')}</ul></details>`
      : '';
  const table =
    result.matches.length > 0
      ? `<table class="matches" id="matches"><caption class="visually-hidden">Matched events</caption>
<thead><tr><th scope="col">#</th><th scope="col">Source</th><th scope="col">Selections</th><th scope="col">Event (matched fields highlighted)</th></tr></thead>
<tbody>
${rows}
</tbody></table>`
      : `<p class="empty">No event of the samples matches this rule.</p>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(a))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(a.styleUri)}">
<title>Tripline preview: ${escapeHtml(ruleName)}</title>
</head>
<body>
<header>
<h1>${escapeHtml(ruleName)}</h1>
<p id="summary" class="summary" data-matched="${result.matched}" data-scanned="${result.scanned}">${escapeHtml(summary)}</p>
<div class="filter"><label for="filter">Filter matches</label>
<input id="filter" type="search" placeholder="field, value or selection" autocomplete="off" spellcheck="false">
<span id="visible" role="status" aria-live="polite"></span></div>
</header>
<main>
${table}
${skippedList}
</main>
<script nonce="${a.nonce}" src="${escapeHtml(a.scriptUri)}"></script>
</body>
</html>`;
}
