/**
 * Remembers a condition subtree's verdict per combination of the values of the few fields it
 * reads. Sound because a compiled search reads an event only through `value(field)` and
 * `texts(field)` (texts derive from the value), so equal values give equal verdicts; values that
 * cannot be keyed exactly (UNKNOWN on a raw line, arrays, objects) bypass the cache. State lives
 * in the closure, one cache per compiled subtree.
 */
import type { Tri } from '../logsource';
import type { FieldAccess } from './access';

type Node = (access: FieldAccess, memo: Int8Array) => Tri;

/** Entries kept before the cache starts afresh (bounded memory on high-cardinality fields). */
const MAX_ENTRIES = 8192;
/** Lookups between hit-rate checks; below MIN_HIT_SHARE the cache turns itself off for good. */
const CHECK_EVERY = 4096;
const MIN_HIT_SHARE = 0.25;

/** One level per field, keyed by that field's value key; the last level holds verdicts. */
type Trie = Map<string, Trie | Tri>;

export function withValueCache(node: Node, fields: readonly string[]): Node {
  const root: Trie = new Map();
  const last = fields.length - 1;
  let entries = 0;
  let lookups = 0;
  let hits = 0;
  let on = true;
  return (access, memo) => {
    if (!on) return node(access, memo);
    // Nested maps, not one joined key: no string is built, and each value hashes once.
    let level = root;
    for (let i = 0; i < last; i++) {
      const k = valueKey(access.value(fields[i]));
      if (k === null) return node(access, memo);
      let next = level.get(k) as Trie | undefined;
      if (next === undefined) level.set(k, (next = new Map()));
      level = next;
    }
    const k = valueKey(access.value(fields[last]));
    if (k === null) return node(access, memo);
    const known = level.get(k) as Tri | undefined;
    if (++lookups === CHECK_EVERY) {
      on = hits >= CHECK_EVERY * MIN_HIT_SHARE;
      lookups = hits = 0;
      if (!on) root.clear();
    }
    if (known !== undefined) {
      hits++;
      return known;
    }
    const r = node(access, memo);
    // A 2 would only come from what could not be read; it is not a property of the values.
    if (r !== 2 && on) {
      if (++entries > MAX_ENTRIES) {
        root.clear();
        entries = 0;
      } else level.set(k, r);
    }
    return r;
  };
}

/**
 * A field value as a map key, exact: a string is itself; every other keyable value starts with
 * U+0001 and names its type (so `3` and `'3'`, absent and `null` differ), and a string starting
 * with U+0001 takes that long form too. Null when the value cannot be keyed exactly.
 */
export function valueKey(v: unknown): string | null {
  switch (typeof v) {
    case 'string':
      return v.charCodeAt(0) !== 1 ? v : '\u0001s' + v;
    case 'number':
      return '\u0001n' + v;
    case 'boolean':
      return v ? '\u0001T' : '\u0001F';
    case 'undefined':
      return '\u0001U';
    case 'object':
      return v === null ? '\u0001Z' : null;
    default:
      return null;
  }
}
