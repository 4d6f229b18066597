import type { SourceFile } from '../document/source';

/** What one selection of a rule tests: a field (empty for keywords) and the literal parts of its values. */
interface SelectionTerm {
  /** Field name as written in the rule (`DestinationHostname`), empty for keywords. */
  field: string;
  /** Literal pieces of the rule's values, lower-cased, wildcards removed. */
  pieces: string[];
}

/** Search identifier → what it tests. */
export type HighlightTerms = Record<string, SelectionTerm[]>;

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

/**
 * What the preview panel highlights in a matched event: for each search identifier, its fields
 * and value pieces. Computed by the server from its parse of the rule, so the client never parses
 * rules itself. Display only: whether an event matches is decided by the evaluator.
 */
export function highlightTerms(file: SourceFile): HighlightTerms {
  const terms: HighlightTerms = {};
  for (const rule of file.sigma) {
    for (const search of rule.detection?.searches ?? []) {
      const list = terms[search.name] ?? [];
      for (const group of search.groups) {
        for (const item of group.items) {
          const pieces = item.values.flatMap((v) => (v.value === null ? [] : literalPieces(String(v.value))));
          list.push({ field: item.field, pieces });
        }
      }
      if (search.keywords.length > 0)
        list.push({ field: '', pieces: search.keywords.flatMap((k) => (k.value === null ? [] : literalPieces(String(k.value)))) });
      terms[search.name] = list;
    }
  }
  return terms;
}
