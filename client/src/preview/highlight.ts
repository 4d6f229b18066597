/**
 * Which parts of a matched event to highlight in the preview panel. The server says which
 * selections matched; the rule says which fields and values those selections test. We mark the
 * event fields the matched selections name and, inside their values, the literal parts of the
 * rule's values (wildcards split a value into literal pieces). Display only: whether an event
 * matches is decided by the engine's evaluator, never here. Pure: no `vscode` import.
 */
import { loadSource } from '../../../server/src/engine/document/source';

export interface SelectionTerm {
  /** Field name as written in the rule (`DestinationHostname`), empty for keywords. */
  field: string;
  /** Literal pieces of the rule's values, lower-cased, wildcards removed. */
  pieces: string[];
}

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

function literalPieces(value: string): string[] {
  // `*` and `?` are wildcards unless escaped; keep what lies between them.
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && i + 1 < value.length && '*?\\'.includes(value[i + 1])) {
      cur += value[++i];
    } else if (c === '*' || c === '?') {
      if (cur) out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur) out.push(cur);
  return out.map((p) => p.toLowerCase()).filter((p) => p.length >= 2 || value.length === 1);
}

/** Reads the rule's selections: for each search identifier, its fields and value pieces. */
export function ruleTerms(path: string, text: string): RuleTerms {
  const terms: RuleTerms = new Map();
  const file = loadSource(path, text);
  for (const rule of file.sigma) {
    for (const search of rule.detection?.searches ?? []) {
      const list = terms.get(search.name) ?? [];
      for (const group of search.groups) {
        for (const item of group.items) {
          const pieces = item.values.flatMap((v) => (v.value === null ? [] : literalPieces(String(v.value))));
          list.push({ field: item.field, pieces });
        }
      }
      if (search.keywords.length > 0) list.push({ field: '', pieces: search.keywords.flatMap((k) => (k.value === null ? [] : literalPieces(String(k.value)))) });
      terms.set(search.name, list);
    }
  }
  return terms;
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
