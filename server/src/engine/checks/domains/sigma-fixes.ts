import type { Fix, TextEdit } from '../../core/diagnostic';
import type { Range } from '../../core/position';
import type { SourceFile } from '../../document/source';
import type { DomainEntry } from '../../domains/entry';
import type { FieldItem } from '../../sigma/model';
import { quoteLike } from './shared';

/**
 * Sigma-specific rewrites that need more than the entry's own token: inserting a sibling list
 * entry, or turning an `endswith` item into an equivalent wildcard list.
 */

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

const rangeKey = (r: Range): string => `${r.start.line}:${r.start.character}`;
const ITEMS = 'domains.sigmaItems';

/** The Sigma field item holding the entry's value (indexed once per file: lists can be huge). */
function sigmaItemOf(file: SourceFile, entry: DomainEntry): FieldItem | null {
  if (entry.format !== 'sigma') return null;
  let index = file.extra.get(ITEMS) as Map<string, FieldItem> | undefined;
  if (!index) {
    index = new Map();
    for (const rule of file.sigma)
      for (const s of rule.detection?.searches ?? []) for (const g of s.groups) for (const item of g.items) for (const v of item.values) index.set(rangeKey(v.range), item);
    file.extra.set(ITEMS, index);
  }
  return index.get(rangeKey(entry.range)) ?? null;
}

/** Rewriting a whole item is only offered for lists a reviewer can read in a diff. */
const MAX_REWRITE_VALUES = 200;

/** An edit that adds `value` to the entry's list right after the entry, in the list's own layout. */
export function insertAfter(file: SourceFile, entry: DomainEntry, value: string): TextEdit | null {
  const token = quoteLike({ ...entry, syntax: { ...entry.syntax, quote: "'" } }, value);
  if (entry.syntax.list === 'flow' || entry.syntax.list === 'kql') return { range: { start: entry.range.end, end: entry.range.end }, newText: `, ${token}` };
  if (entry.syntax.list === 'block') {
    const line = file.index.lineText(entry.range.start.line);
    const dash = line.slice(0, entry.range.start.character).lastIndexOf('-');
    if (dash < 0) return null;
    const lineEnd = file.index.lineEnd(entry.range.end.line);
    const pos = file.index.position(lineEnd);
    return { range: { start: pos, end: pos }, newText: `\n${line.slice(0, dash)}- ${token}` };
  }
  return null;
}

/**
 * "Match the domain and its subdomains only": for `x.com` under `Field|endswith`, rewrites the item
 * as `Field: ['*.x.com', 'x.com', '*other'...]` — every other value keeps its meaning (a leading
 * `*` is what endswith does) and only the reported entry changes. For a wildcard value `*x.com`,
 * replaces it with `*.x.com` and adds `x.com` beside it.
 */
export function splitFix(file: SourceFile, entry: DomainEntry, host: string): Fix | null {
  if (entry.format !== 'sigma' || !entry.host) return null;
  const title = `Match '${host}' and its subdomains only: '*.${host}' plus the exact '${host}'`;
  if (entry.match === 'wildcard') {
    const rest = entry.value.trim().replace(/^\*+/, '');
    if (/[*?]/.test(rest.replace(/\\[*?]/g, ''))) return null;
    const add = insertAfter(file, entry, rest);
    if (add) return { title, edits: [{ range: entry.range, newText: quoteLike(entry, `*.${rest}`) }, add] };
    if (entry.syntax.list === 'none') return { title, edits: [{ range: entry.range, newText: `[${quoteLike(entry, `*.${rest}`)}, ${quoteLike(entry, rest)}]` }] };
    return null;
  }
  if (entry.match !== 'suffix') return null;
  const item = sigmaItemOf(file, entry);
  if (!item || item.modifiers.length !== 1 || item.modifiers[0].value !== 'endswith' || item.values.length > MAX_REWRITE_VALUES) return null;
  if (item.values.some((v) => typeof v.value !== 'string' || v.nested)) return null;
  const edits: TextEdit[] = [{ range: { start: item.fieldRange.end, end: item.keyRange.end }, newText: '' }];
  const q = (v: string): string => `'${v.replace(/'/g, "''")}'`;
  for (const v of item.values) {
    const text = String(v.value);
    if (sameRange(v.range, entry.range)) {
      const lead = text.startsWith('.') ? '*' : '*.';
      edits.push({ range: v.range, newText: q(`${lead}${text}`) });
      const add = insertAfter(file, entry, text);
      if (add) edits.push(add);
      else if (!item.valueIsList) edits[edits.length - 1] = { range: v.range, newText: `[${q(`${lead}${text}`)}, ${q(text)}]` };
      else return null;
    } else {
      edits.push({ range: v.range, newText: q(`*${text}`) });
    }
  }
  return { title: `${title} (rewrites ${item.field}|endswith as an equivalent wildcard list)`, edits };
}
