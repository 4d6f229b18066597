import type { Fix, TextEdit } from '../../core/diagnostic';
import type { SourceFile } from '../../document/source';
import type { DomainEntry } from '../../domains/entry';
import type { Check } from '../check';
import { entriesOf, shown } from './shared';

/**
 * Coverage between plain string matches of one OR-list: a suffix covers every value ending with it,
 * a substring every value containing it, a prefix every value starting with it. Wildcards and
 * regexes only count as duplicates. Indexed by text so a 10,000-entry list stays linear-ish.
 */
interface Keyed {
  entry: DomainEntry;
  text: string;
}

function key(e: DomainEntry): string {
  return e.caseSensitive ? e.value : e.value.toLowerCase();
}

/**
 * Texts keyed by a polynomial hash, so every suffix (or prefix) of a value can be looked up in one
 * pass over its characters without allocating substrings: 10,000-entry lists stay fast.
 */
class HashIndex {
  private readonly byHash = new Map<number, Keyed[]>();
  add(k: Keyed): void {
    const h = HashIndex.hash(k.text);
    const l = this.byHash.get(h);
    if (l) l.push(k);
    else this.byHash.set(h, [k]);
  }
  static hash(t: string): number {
    let h = 0;
    for (let i = t.length - 1; i >= 0; i--) h = (Math.imul(h, 31) + t.charCodeAt(i)) | 0;
    return h;
  }
  static hashForward(t: string): number {
    let h = 0;
    for (let i = 0; i < t.length; i++) h = (Math.imul(h, 31) + t.charCodeAt(i)) | 0;
    return h;
  }
  get size(): number {
    return this.byHash.size;
  }
  /** Entries whose text is a proper suffix of `t` (hash over characters from the end). */
  suffixOf(t: string, skip: DomainEntry): Keyed | null {
    let h = 0;
    for (let i = t.length - 1; i > 0; i--) {
      h = (Math.imul(h, 31) + t.charCodeAt(i)) | 0;
      const l = this.byHash.get(h);
      if (l) for (const k of l) if (k.entry !== skip && k.text.length === t.length - i && t.endsWith(k.text)) return k;
    }
    return null;
  }
  /** Entries whose text is a proper prefix of `t`; the index must have been built with hashForward. */
  prefixOf(t: string, skip: DomainEntry): Keyed | null {
    let h = 0;
    for (let i = 0; i < t.length - 1; i++) {
      h = (Math.imul(h, 31) + t.charCodeAt(i)) | 0;
      const l = this.byHash.get(h);
      if (l) for (const k of l) if (k.entry !== skip && k.text.length === i + 1 && t.startsWith(k.text)) return k;
    }
    return null;
  }
  addForward(k: Keyed): void {
    const h = HashIndex.hashForward(k.text);
    const l = this.byHash.get(h);
    if (l) l.push(k);
    else this.byHash.set(h, [k]);
  }
}

function findCover(
  a: Keyed,
  exact: Map<string, Keyed>,
  suffixes: Map<string, Keyed>,
  prefixes: Map<string, Keyed>,
  substrings: Keyed[],
  suffixIndex: HashIndex,
  prefixIndex: HashIndex,
): Keyed | null {
  const t = a.text;
  const m = a.entry.match;
  const other = (k: Keyed | undefined): Keyed | null => (k && k.entry !== a.entry ? k : null);
  // Same text, same kind: the later one is the duplicate.
  const same = m === 'suffix' ? suffixes.get(t) : m === 'prefix' ? prefixes.get(t) : m === 'substring' ? substrings.find((s) => s.text === t) : exact.get(t);
  if (same && same.entry !== a.entry && isBefore(same.entry, a.entry)) return same;
  if (m === 'exact' || m === 'suffix') {
    const c = suffixIndex.size > 0 ? suffixIndex.suffixOf(t, a.entry) : null;
    if (c) return c;
    if (m === 'exact') {
      const e = other(suffixes.get(t));
      if (e) return e;
    }
  }
  if (m === 'exact' || m === 'prefix') {
    const c = prefixIndex.size > 0 ? prefixIndex.prefixOf(t, a.entry) : null;
    if (c) return c;
    if (m === 'exact') {
      const e = other(prefixes.get(t));
      if (e) return e;
    }
  }
  if (m === 'exact' || m === 'suffix' || m === 'prefix' || m === 'substring') {
    for (const s of substrings) if (s.entry !== a.entry && s.text.length < t.length && t.includes(s.text)) return s;
    if (m !== 'substring') for (const s of substrings) if (s.entry !== a.entry && s.text === t) return s;
  }
  return null;
}

function isBefore(a: DomainEntry, b: DomainEntry): boolean {
  return a.range.start.line < b.range.start.line || (a.range.start.line === b.range.start.line && a.range.start.character < b.range.start.character);
}

/** Deletes a list entry with its line (block list) or its comma (flow list). */
function removal(file: SourceFile, e: DomainEntry): TextEdit[] | null {
  const start = file.index.offset(e.range.start);
  const end = file.index.offset(e.range.end);
  if (e.syntax.list === 'block') {
    const line = e.range.start.line;
    const from = file.index.lineStart(line);
    const prefix = file.text.slice(from, start);
    if (!/^\s*-\s*$/.test(prefix)) return null;
    const lineEnd = file.index.lineEnd(e.range.end.line);
    const rest = file.text.slice(end, lineEnd);
    if (!/^\s*(#.*)?$/.test(rest)) return null;
    const next = lineEnd < file.text.length ? lineEnd + (file.text[lineEnd] === '\r' ? 2 : 1) : lineEnd;
    return [{ range: file.index.range(from, next), newText: '' }];
  }
  if (e.syntax.list === 'flow' || e.syntax.list === 'kql') {
    const after = /^\s*,\s*/.exec(file.text.slice(end, end + 64));
    if (after) return [{ range: file.index.range(start, end + after[0].length), newText: '' }];
    const before = /,\s*$/.exec(file.text.slice(Math.max(0, start - 64), start));
    if (before) return [{ range: file.index.range(start - before[0].length, end), newText: '' }];
  }
  return null;
}

const KIND: Record<string, string> = { suffix: 'ends with', prefix: 'starts with', substring: 'contains', exact: 'equals' };

export const redundant: Check = {
  id: 'domains/redundant',
  defaultSeverity: 'information',
  doc: 'An entry already covered by another entry of the same list: a duplicate, a host under a suffix already listed (`api.dropboxapi.com` next to `dropboxapi.com` with endswith), or a value containing a `contains` entry. It adds nothing and hides what the list really matches. The quick fix removes it.',
  kinds: ['sigma', 'kql', 'sentinel'],
  run(ctx) {
    const lists = new Map<string, Keyed[]>();
    for (const e of entriesOf(ctx.file)) {
      if (e.match === 'regex') continue;
      const l = lists.get(e.listId) ?? [];
      l.push({ entry: e, text: key(e) });
      lists.set(e.listId, l);
    }
    for (const list of lists.values()) {
      if (list.length < 2) continue;
      const exact = new Map<string, Keyed>();
      const suffixes = new Map<string, Keyed>();
      const prefixes = new Map<string, Keyed>();
      const substrings: Keyed[] = [];
      const suffixIndex = new HashIndex();
      const prefixIndex = new HashIndex();
      for (const k of list) {
        const m = k.entry.match;
        const table = m === 'suffix' ? suffixes : m === 'prefix' ? prefixes : m === 'exact' || m === 'wildcard' || m === 'term' ? exact : null;
        if (table && !table.has(k.text)) {
          table.set(k.text, k);
          if (m === 'suffix') suffixIndex.add(k);
          if (m === 'prefix') prefixIndex.addForward(k);
        }
        if (m === 'substring') substrings.push(k);
      }
      // Wildcard and term entries take part as duplicates only.
      for (const k of list) {
        const cover =
          k.entry.match === 'wildcard' || k.entry.match === 'term'
            ? dup(k, exact)
            : findCover(k, exact, suffixes, prefixes, substrings.length > 2000 ? substrings.slice(0, 2000) : substrings, suffixIndex, prefixIndex);
        if (!cover) continue;
        const edits = removal(ctx.file, k.entry);
        const fixes: Fix[] = edits ? [{ title: `Remove ${shown(k.entry)}`, edits, preferred: true }] : [];
        const identical = cover.text === k.text && cover.entry.match === k.entry.match;
        const message = identical
          ? `${shown(k.entry)} is listed twice in this list; the first one (line ${cover.entry.range.start.line + 1}) already matches it. Remove this one.`
          : `${shown(k.entry)} is already covered by ${shown(cover.entry)} (${KIND[cover.entry.match] ?? cover.entry.match}, line ${cover.entry.range.start.line + 1}) in the same list: it adds nothing. Remove it.`;
        ctx.report({ range: k.entry.range, message, fixes });
      }
    }
  },
};

function dup(k: Keyed, exact: Map<string, Keyed>): Keyed | null {
  const first = exact.get(k.text);
  return first && first.entry !== k.entry && first.entry.match === k.entry.match && isBefore(first.entry, k.entry) ? first : null;
}
