/**
 * Which parts of a matched event to highlight in the preview panel. The server says which
 * selections matched; the rule says which fields and values those selections test. We mark the
 * event fields the matched selections name and, inside their values, the literal parts of the
 * rule's values (wildcards split a value into literal pieces). Display only: whether an event
 * matches is decided by the engine's evaluator, never here. The server computes what the rule
 * tests (`terms` in the preview result): the client never parses rules. Pure: no `vscode` import.
 */
import type { PreviewHighlightTerms, SelectionTerm } from '../protocol';

export type RuleTerms = Map<string, SelectionTerm[]>;

export interface EventRow {
  /** Dotted path of the field in the event (`Event.EventData.Image`). */
  path: string;
  value: string;
  /** A matched selection names this field. */
  matchedField: boolean;
  /** [start, end) spans of `value` to highlight. */
  spans: Array<[number, number]>;
}

/** The terms the server sent with a preview result (none from an older server or a KQL preview). */
export function termsOf(terms: PreviewHighlightTerms | undefined): RuleTerms {
  return new Map(Object.entries(terms ?? {}));
}

/** Flattens an event into dotted paths with printable values. */
export function flattenEvent(event: unknown, prefix = '', out: Array<{ path: string; value: string }> = []): Array<{ path: string; value: string }> {
  if (event !== null && typeof event === 'object' && !Array.isArray(event)) {
    for (const [k, v] of Object.entries(event as Record<string, unknown>)) flattenEvent(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(event) && event.some((v) => v !== null && typeof v === 'object')) {
    event.forEach((v, i) => flattenEvent(v, `${prefix}[${i}]`, out));
  } else {
    out.push({ path: prefix, value: event === undefined ? '' : typeof event === 'string' ? event : JSON.stringify(event) });
  }
  return out;
}

function fieldMatches(path: string, field: string): boolean {
  if (!field) return false;
  const p = path.toLowerCase();
  const f = field.toLowerCase();
  // Exact, or the last segment(s) of a nested path (EVTX `Event.EventData.Image` for `Image`).
  return p === f || p.endsWith('.' + f);
}

function spansOf(value: string, pieces: string[]): Array<[number, number]> {
  const lower = value.toLowerCase();
  const spans: Array<[number, number]> = [];
  for (const piece of pieces) {
    for (let at = lower.indexOf(piece); at >= 0; at = lower.indexOf(piece, at + piece.length)) spans.push([at, at + piece.length]);
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged;
}

/** Rows of one matched event with what its matched selections touch highlighted. */
export function highlightEvent(event: Record<string, unknown>, selections: string[], terms: RuleTerms): EventRow[] {
  const active = selections.flatMap((s) => terms.get(s) ?? []);
  return flattenEvent(event).map(({ path, value }) => {
    const fieldTerms = active.filter((t) => fieldMatches(path, t.field));
    const keywordTerms = active.filter((t) => t.field === '');
    const pieces = [...fieldTerms, ...keywordTerms].flatMap((t) => t.pieces);
    const spans = spansOf(value, pieces);
    return { path, value, matchedField: fieldTerms.length > 0, spans };
  });
}
