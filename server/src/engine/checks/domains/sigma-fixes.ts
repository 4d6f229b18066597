import type { Fix, TextEdit } from '../../core/diagnostic';
import type { Range } from '../../core/position';
import type { SourceFile } from '../../document/source';
import type { DomainEntry } from '../../domains/entry';
import type { FieldGroup, FieldItem, SearchIdentifier } from '../../sigma/model';
import { quoteLike } from './shared';

/**
 * Sigma-specific rewrites that need more than the entry's own token: inserting a sibling list
 * entry, or an exact-match alternative beside an `endswith` list. Each changes what the user
 * pointed at; list-wide rewrites are separate "Fix all … in this list" actions.
 */

const rangeKey = (r: Range): string => `${r.start.line}:${r.start.character}`;

/** The Sigma field item holding the entry's value (indexed once per file: lists can be huge). */
function sigmaItemOf(file: SourceFile, entry: DomainEntry): FieldItem | null {
  if (entry.format !== 'sigma') return null;
  let index = file.slots.sigmaItems;
  if (!index) {
    index = new Map();
    for (const rule of file.sigma)
      for (const s of rule.detection?.searches ?? [])
        for (const g of s.groups) for (const item of g.items) for (const v of item.values) index.set(rangeKey(v.range), item);
    file.slots.sigmaItems = index;
  }
  return index.get(rangeKey(entry.range)) ?? null;
}

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

/** "Use '.x' + exact 'x'": short enough for a narrow quick-fix menu. */
function keepExactTitle(dotted: string, host: string): string {
  return `Use '${dotted}' + exact '${host}'`;
}

/**
 * For a wildcard entry `*x.com` (no modifier): replaces it with `*.x.com` and adds the exact
 * `x.com` beside it in the same list. Touches only that entry's place in the list.
 */
export function wildcardSplitFix(file: SourceFile, entry: DomainEntry): Fix | null {
  if (entry.format !== 'sigma' || entry.match !== 'wildcard') return null;
  const rest = entry.value.trim().replace(/^\*+/, '');
  if (/[*?]/.test(rest.replace(/\\[*?]/g, ''))) return null;
  const title = keepExactTitle(`*.${rest}`, rest);
  const add = insertAfter(file, entry, rest);
  if (add) return { title, edits: [{ range: entry.range, newText: quoteLike(entry, `*.${rest}`) }, add], preferred: true };
  if (entry.syntax.list === 'none')
    return { title, edits: [{ range: entry.range, newText: `[${quoteLike(entry, `*.${rest}`)}, ${quoteLike(entry, rest)}]` }], preferred: true };
  return null;
}

/** Rewriting a map is only offered for lists a reviewer can read in a diff (and that stay cheap to build per entry). */
export const MAX_REWRITE_VALUES = 200;

/** Last line of an item's value (a YAML node range may end at column 0 of the next line). */
function lastLineOf(item: FieldItem): number {
  const end = item.valueRange.end;
  const valueEnd = end.character === 0 && end.line > item.keyRange.start.line ? end.line - 1 : end.line;
  return item.values.reduce((m, v) => Math.max(m, v.range.end.line), Math.max(item.keyRange.start.line, valueEnd));
}

/** The search identifier and map (group) holding `item`. */
function groupOf(file: SourceFile, item: FieldItem): { search: SearchIdentifier; group: FieldGroup } | null {
  for (const rule of file.sigma)
    for (const search of rule.detection?.searches ?? []) for (const group of search.groups) if (group.items.includes(item)) return { search, group };
  return null;
}

/** First and last line of a map's items, or null when a key shares its line with something else (flow map, `sel: {..}`). */
function blockLines(file: SourceFile, group: FieldGroup, dashed: boolean): { first: number; last: number } | null {
  let first = Infinity;
  let last = -1;
  for (const item of group.items) {
    const before = file.index.lineText(item.keyRange.start.line).slice(0, item.keyRange.start.character);
    if (!/^\s*$/.test(before) && !(dashed && /^\s*-\s+$/.test(before) && item === group.items[0])) return null;
    first = Math.min(first, item.keyRange.start.line);
    last = Math.max(last, lastLineOf(item));
  }
  return last < 0 ? null : { first, last };
}

/** The map's lines with `item` replaced by `Field: 'host'` (an exact match: no modifier). */
function exactCopy(file: SourceFile, lines: { first: number; last: number }, item: FieldItem, exact: string): string[] {
  const out: string[] = [];
  const itemEnd = lastLineOf(item);
  for (let l = lines.first; l <= lines.last; l++) {
    const inItem = l >= item.keyRange.start.line && l <= itemEnd;
    if (!inItem) out.push(file.index.lineText(l));
    else if (l === item.keyRange.start.line) out.push(`${file.index.lineText(l).slice(0, item.keyRange.start.character)}${item.field}: ${exact}`);
  }
  return out;
}

/**
 * "Use '.x.com' + exact 'x.com'" for an entry of a `Field|endswith` list. An endswith list cannot
 * hold an exact match, and a second key in the same map would be ANDed, so the exact host goes
 * into a second map of the search (a list of maps is an OR): the map with the entry dotted, or the
 * same map with the domain list replaced by `Field: 'x.com'`. Other entries keep their meaning.
 * A single map is turned into a one-element list of maps first (re-indented by two spaces).
 */
export function endswithKeepExactFix(file: SourceFile, entry: DomainEntry): Fix | null {
  const host = entry.value;
  if (entry.format !== 'sigma' || entry.match !== 'suffix' || entry.value.startsWith('.') || entry.range.start.line !== entry.range.end.line) return null;
  const item = sigmaItemOf(file, entry);
  if (!item || !item.field || item.modifiers.length !== 1 || item.modifiers[0].value !== 'endswith' || item.values.length > MAX_REWRITE_VALUES) return null;
  const where = groupOf(file, item);
  if (!where || (where.search.shape !== 'map' && where.search.shape !== 'maps')) return null;
  const dashed = where.search.shape === 'maps';
  const lines = blockLines(file, where.group, dashed);
  if (!lines || lines.first <= where.search.nameRange.start.line) return null;
  const title = keepExactTitle(`.${host}`, host);
  const dotted = quoteLike(entry, `.${entry.value}`);
  const copy = exactCopy(file, lines, item, `'${entry.value.replace(/'/g, "''")}'`);
  const lastEnd = file.index.position(file.index.lineEnd(lines.last));
  if (dashed) {
    // Already a list of maps: dot the entry, append the exact-match map after this one.
    return {
      title,
      edits: [
        { range: entry.range, newText: dotted },
        { range: { start: lastEnd, end: lastEnd }, newText: `\n${copy.join('\n')}` },
      ],
    };
  }
  const indent = item.keyRange.start.character;
  const original: string[] = [];
  for (let l = lines.first; l <= lines.last; l++) {
    let text = file.index.lineText(l);
    if (l === entry.range.start.line) text = text.slice(0, entry.range.start.character) + dotted + text.slice(entry.range.end.character);
    original.push(text);
  }
  const asListItem = (ls: string[]): string[] => ls.map((t, i) => (i === 0 ? `${t.slice(0, indent)}- ${t.slice(indent)}` : t.trim() === '' ? t : `  ${t}`));
  const start = { line: lines.first, character: 0 };
  return { title, edits: [{ range: { start, end: lastEnd }, newText: [...asListItem(original), ...asListItem(copy)].join('\n') }] };
}
