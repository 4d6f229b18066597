/**
 * The preview panel's "Correlations" section: one card per firing of a correlation rule (its
 * group values, the time window, the count or value that met the condition, and the events
 * behind it). An event shown as a match card below links to that card; one that is not shown
 * (past the match limit) opens its sample instead. Pure, escaped, unit-tested like html.ts.
 */
import type { PreviewCorrelation, PreviewMatch } from '../protocol';
import { basename, escapeHtml } from './escape';

/** The id of match card `i` (0-based), shared with html.ts so links and cards agree. */
export function matchCardId(i: number): string {
  return `match-${i + 1}`;
}

/** `2025-03-10T17:59:00.000Z` → `2025-03-10 17:59:00`: the panel is narrow. */
export function shortTime(iso: string): string {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.\d+)?Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]}` : iso;
}

/** `start – end`, the end without its date when the window stays within one day. */
export function windowText(w: { start: string; end: string }): string {
  const a = shortTime(w.start);
  const b = shortTime(w.end);
  if (a === b) return a;
  return a.slice(0, 10) === b.slice(0, 10) && a.length === 19 && b.length === 19 ? `${a} – ${b.slice(11)}` : `${a} – ${b}`;
}

function groupValue(v: unknown): string {
  if (v === null || v === undefined) return '(none)';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function measure(c: PreviewCorrelation): string {
  if (c.count !== undefined) return `count ${c.count.toLocaleString('en-US')}`;
  if (c.value !== undefined) return `value ${c.value.toLocaleString('en-US')}`;
  return '';
}

function eventLink(e: { source: string; index: number }, cards: Map<string, number>): string {
  const text = `${escapeHtml(basename(e.source))}#${e.index}`;
  const card = cards.get(`${e.source}\u0000${e.index}`);
  if (card !== undefined)
    return `<a class="ev" href="#${matchCardId(card)}" data-card="${matchCardId(card)}" title="Show match ${card + 1} (${escapeHtml(e.source)}, event ${e.index})">${text}</a>`;
  return `<button type="button" class="link ev" data-source="${escapeHtml(e.source)}" data-index="${e.index}" title="Open ${escapeHtml(e.source)} (event ${e.index})">${text}</button>`;
}

function correlationCard(c: PreviewCorrelation, i: number, cards: Map<string, number>): string {
  const group = Object.entries(c.group);
  const groupHtml =
    group.length > 0
      ? group.map(([k, v]) => `<span class="grp"><span class="k">${escapeHtml(k)}</span>=${escapeHtml(groupValue(v))}</span>`).join(' ')
      : '<span class="grp">(no group-by)</span>';
  const events = c.events.map((e) => eventLink(e, cards)).join(', ');
  return (
    `<article class="correlation" aria-label="Correlation ${i + 1}">` +
    `<div class="head"><span class="num">${i + 1}</span>${groupHtml}</div>` +
    `<div class="meta"><span class="window">${escapeHtml(windowText(c.window))}</span>${measure(c) ? ` · <span class="measure">${escapeHtml(measure(c))}</span>` : ''} · ${c.events.length.toLocaleString('en-US')} event${c.events.length === 1 ? '' : 's'}</div>` +
    `<div class="events">${events}</div></article>`
  );
}

/** The section, or '' for a result that is not a correlation rule's. */
export function renderCorrelations(correlations: PreviewCorrelation[] | undefined, matches: PreviewMatch[]): string {
  if (!correlations) return '';
  if (correlations.length === 0)
    return `<section class="correlations" aria-label="Correlations"><h2>Correlations</h2><p class="empty">The correlation does not fire on the samples.</p></section>`;
  const cards = new Map<string, number>();
  matches.forEach((m, i) => {
    const key = `${m.source}\u0000${m.index}`;
    if (!cards.has(key)) cards.set(key, i);
  });
  const n = correlations.length;
  return `<section class="correlations" aria-label="Correlations"><h2>Correlations <span class="count">${n.toLocaleString('en-US')} group${n === 1 ? '' : 's'}</span></h2>\n${correlations.map((c, i) => correlationCard(c, i, cards)).join('\n')}\n</section>`;
}
