/**
 * The preview panel's HTML. Everything user-controlled (events come from arbitrary telemetry) is
 * escaped; the page loads only its own stylesheet and one nonce'd script (strict CSP), and takes
 * its colours from the VS Code theme variables. Pure: no `vscode` import, unit-tested in Node.
 *
 * Layout for real widths (the panel opens beside the rule at ~400–600 px): each match is a card;
 * the fields the matched selections test come first, wrapped in full; the rest are folded and
 * truncated to one line each (full value on hover or click). Labels show the field's last path
 * segment (full path on hover), so the width goes to values.
 */
import type { PreviewResult } from '../protocol';
import { matchCardId, renderCorrelations } from './correlations';
import { basename, escapeHtml } from './escape';
import { highlightEvent, type EventRow, type RuleTerms } from './highlight';

interface PanelAssets {
  /** `webview.cspSource`. */
  cspSource: string;
  nonce: string;
  styleUri: string;
  scriptUri: string;
}

/** Events with no highlighted field (keyword matches) show this many fields unfolded. */
const UNFOLDED_WITHOUT_HITS = 6;

/** Counts as the CodeLens prints them (`52,254`): one format everywhere. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
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

function label(path: string): string {
  return path.split('.').pop() || path;
}

export function contentSecurityPolicy(a: PanelAssets): string {
  return [`default-src 'none'`, `style-src ${a.cspSource}`, `script-src 'nonce-${a.nonce}'`, `img-src ${a.cspSource}`, `font-src ${a.cspSource}`].join('; ');
}

function fieldRows(rows: EventRow[], cls: string): string {
  return rows
    .map(
      (r) =>
        `<div class="row ${cls}${r.spans.length > 0 ? ' marked' : ''}"><dt title="${escapeHtml(r.path)}">${escapeHtml(label(r.path))}</dt><dd title="${escapeHtml(r.value.length > 2000 ? `${r.value.slice(0, 2000)}…` : r.value)}">${markValue(r)}</dd></div>`,
    )
    .join('');
}

function matchCard(m: PreviewResult['matches'][number], i: number, total: number, terms: RuleTerms): string {
  const rows = highlightEvent(m.event, m.selections, terms);
  const hits = rows.filter((r) => r.matchedField || r.spans.length > 0);
  const shown = hits.length > 0 ? hits : rows.slice(0, UNFOLDED_WITHOUT_HITS);
  const rest = rows.filter((r) => !shown.includes(r));
  const selections = m.selections.map((s) => `<span class="sel">${escapeHtml(s)}</span>`).join(' ');
  const search = escapeHtml(JSON.stringify(m.event).toLowerCase() + ' ' + m.selections.join(' ').toLowerCase() + ' ' + m.source.toLowerCase());
  const folded =
    rest.length > 0
      ? `<details class="rest"><summary>${plural(rest.length, 'more field')}</summary><dl class="fields">${fieldRows(rest, 'other')}</dl></details>`
      : '';
  return (
    `<article class="match" id="${matchCardId(i)}" tabindex="0" data-search="${search}" aria-label="Match ${i + 1} of ${total}">` +
    `<div class="head"><span class="num">${i + 1}</span>` +
    `<button type="button" class="link" data-source="${escapeHtml(m.source)}" data-index="${m.index}" title="Open ${escapeHtml(m.source)} (event ${m.index})">${escapeHtml(basename(m.source))}#${m.index}</button>` +
    `<span class="sels">${selections}</span></div>` +
    `<dl class="fields">${fieldRows(shown, 'hit')}</dl>${folded}</article>`
  );
}

export function summaryLine(result: PreviewResult): string {
  const shown = result.matches.length < result.matched ? ` (showing the first ${formatCount(result.matches.length)})` : '';
  const skipped = result.skipped.length > 0 ? ` · ${plural(result.skipped.length, 'event')} could not be read` : '';
  return `${plural(result.matched, 'match', 'matches')} in ${plural(result.scanned, 'event')}${shown}${skipped}`;
}

export function renderPreviewHtml(ruleName: string, result: PreviewResult, terms: RuleTerms, a: PanelAssets): string {
  const cards = result.matches.map((m, i) => matchCard(m, i, result.matches.length, terms)).join('\n');
  const skippedList =
    result.skipped.length > 0
      ? `<details class="skipped"><summary>Unreadable events</summary><ul>${result.skipped
          .slice(0, 200)
          .map((s) => `<li>${escapeHtml(basename(s.source))}#${s.index}: ${escapeHtml(s.reason)}</li>`)
          .join('')}</ul></details>`
      : '';
  const list =
    result.matches.length > 0
      ? `<section class="matches" id="matches" aria-label="Matched events (arrow keys or j/k move between them, Enter opens the sample)">\n${cards}\n</section>`
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
<body class="only-matched">
<header>
<h1 title="${escapeHtml(ruleName)}">${escapeHtml(ruleName)}</h1>
<p id="summary" class="summary" data-matched="${result.matched}" data-scanned="${result.scanned}">${escapeHtml(summaryLine(result))}</p>
<p id="state" class="state" role="status" aria-live="polite" hidden></p>
<div class="toolbar">
<label class="visually-hidden" for="filter">Filter matches</label>
<input id="filter" type="search" placeholder="Filter: field, value or selection" autocomplete="off" spellcheck="false">
<label class="toggle"><input id="only-matched" type="checkbox" checked> Matched fields only</label>
<span id="visible" role="status" aria-live="polite"></span>
</div>
</header>
<main>
${renderCorrelations(result.correlations, result.matches)}
${list}
${skippedList}
</main>
<script nonce="${a.nonce}" src="${escapeHtml(a.scriptUri)}"></script>
</body>
</html>`;
}
