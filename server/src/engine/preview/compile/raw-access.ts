/**
 * FieldAccess over one raw NDJSON line, before JSON.parse: the pre-filter that lets most lines of
 * a large file be rejected without parsing them. It is sound by construction:
 * - a field is read only as an exact-case top-level key (`"Image":`), which is what resolution
 *   returns first for a parsed event, and only when the line has no nested object or array
 *   (so every key is top-level); a later duplicate wins, as in JSON.parse;
 * - anything else (absent key, other casing, nested structure, escapes that do not decode) is
 *   UNKNOWN, and an UNKNOWN outcome means the line is parsed and evaluated fully.
 * A line is rejected only when the rule's condition is definitely false on what could be read.
 * Limitation (documented in the README): a rejected line is not checked for JSON syntax errors
 * elsewhere in it; `strict` mode parses every line.
 *
 * Lines are visited in order within a chunk, so each key keeps a cursor on its next occurrence in
 * the chunk: a key absent from the chunk costs one search per chunk, not one per line.
 */
import type { Tri } from '../logsource';
import { scalarTexts, UNKNOWN, type FieldAccess, type FieldTexts } from './access';
import type { CompiledRule } from './rule';

/**
 * One field the rule reads: its key as it appears in JSON, without the opening quote (V8's
 * indexOf scans for the first character, and `"` occurs every few bytes in JSON while a letter
 * does not; the quote is checked separately), the cursor on its next occurrence in the chunk, and
 * its value on the current line (`line` says which line the value belongs to).
 */
interface FieldSlot {
  key: string;
  /** Next occurrence at or after the current line; -1 when none is left, -2 before the first search. */
  cursor: number;
  line: number;
  value: unknown;
  texts: FieldTexts | undefined;
}

export class RawLineAccess implements FieldAccess {
  private text = '';
  private start = 0;
  private end = 0;
  private flat = false;
  /** Counts lines, so a slot's cached value is known to be stale without clearing anything. */
  private line = 0;
  private readonly slots = new Map<string, FieldSlot>();
  private braceCursor = -2;
  private bracketCursor = -2;

  /** `value` bound to this accessor, for the logsource filter's getter. */
  readonly get = (field: string): unknown => this.value(field);

  /**
   * The pre-filter's verdict on the line `reset` points at: 0 when the condition or the logsource
   * rejects it on its raw text (then the parsed event is rejected too), else the condition's 1
   * (matched: `memo` holds the definite search results) or 2 (not known without parsing).
   */
  verdict(rule: CompiledRule, memo: Int8Array): Tri {
    memo.fill(-1);
    const verdict = rule.evaluate(this, memo);
    return verdict === 0 || rule.logsource.test(this.get) === 0 ? 0 : verdict;
  }

  /** A new chunk of lines; lines must then be visited in increasing order. */
  setChunk(text: string): void {
    this.text = text;
    for (const s of this.slots.values()) s.cursor = -2;
    this.braceCursor = -2;
    this.bracketCursor = -2;
  }

  /** Points the accessor at `text[start, end)` of the chunk; false when the line cannot be pre-filtered. */
  reset(start: number, end: number): boolean {
    this.start = start;
    this.end = end;
    this.line++;
    this.flat = this.isFlatObjectLine();
    return this.flat;
  }

  private slot(field: string): FieldSlot {
    let s = this.slots.get(field);
    if (s === undefined) this.slots.set(field, (s = { key: JSON.stringify(field).slice(1), cursor: -2, line: -1, value: UNKNOWN, texts: undefined }));
    if (s.line !== this.line) {
      s.line = this.line;
      s.value = this.flat ? this.readField(s) : UNKNOWN;
      s.texts = undefined;
    }
    return s;
  }

  value(field: string): unknown {
    return this.slot(field).value;
  }

  texts(field: string): FieldTexts | typeof UNKNOWN {
    const s = this.slot(field);
    if (s.value === UNKNOWN) return UNKNOWN;
    return (s.texts ??= scalarTexts(s.value));
  }

  keywords(): typeof UNKNOWN {
    return UNKNOWN;
  }

  /** `{...}` with no nested object or array: every `{`/`[` after the first sits inside a string. */
  private isFlatObjectLine(): boolean {
    const text = this.text;
    let s = this.start;
    let e = this.end;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e - s < 2 || text.charCodeAt(s) !== 123 /* { */ || text.charCodeAt(e - 1) !== 125 /* } */) return false;
    let flat = true;
    this.braceCursor = this.scanBrackets('{', this.braceCursor, s, e, () => (flat = false));
    this.bracketCursor = this.scanBrackets('[', this.bracketCursor, s, e, () => (flat = false));
    return flat;
  }

  /** Visits the `open` characters of the line after its first character; returns the new cursor. */
  private scanBrackets(open: string, cursor: number, s: number, e: number, structural: () => void): number {
    const text = this.text;
    let p = cursor;
    if (p === -1) return -1;
    if (p < s + 1) p = text.indexOf(open, s + 1);
    while (p >= 0 && p < e) {
      // A structural bracket follows `:`, `,` or `[` (after spaces); inside strings one follows other text.
      let q = p - 1;
      while (q > s && isSpace(text.charCodeAt(q))) q--;
      const c = text.charCodeAt(q);
      if (c === 58 /* : */ || c === 44 /* , */ || c === 91 /* [ */) structural();
      p = text.indexOf(open, p + 1);
    }
    return p;
  }

  private readField(slot: FieldSlot): unknown {
    const text = this.text;
    const key = slot.key;
    let p = slot.cursor;
    if (p === -1) return UNKNOWN;
    if (p < this.start) p = text.indexOf(key, this.start);
    let found = -1;
    while (p >= 0 && p < this.end) {
      if (p > this.start && text.charCodeAt(p - 1) === 34 /* " */) {
        let q = p + key.length;
        while (q < this.end && isSpace(text.charCodeAt(q))) q++;
        if (text.charCodeAt(q) === 58 /* : */) found = q + 1;
      }
      p = text.indexOf(key, p + key.length);
    }
    slot.cursor = p;
    // Absent under this exact name: another casing or a mapping may still provide it.
    if (found < 0) return UNKNOWN;
    let q = found;
    while (q < this.end && isSpace(text.charCodeAt(q))) q++;
    return readValue(text, q, this.end);
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

function readValue(text: string, q: number, end: number): unknown {
  const c = text.charCodeAt(q);
  if (c === 34 /* " */) {
    let e = text.indexOf('"', q + 1);
    while (e >= 0 && e < end) {
      let b = 0;
      while (text.charCodeAt(e - 1 - b) === 92 /* \ */) b++;
      if (b % 2 === 0) break;
      e = text.indexOf('"', e + 1);
    }
    if (e < 0 || e >= end) return UNKNOWN;
    const body = text.slice(q + 1, e);
    return body.indexOf('\\') < 0 ? body : unescapeJson(body);
  }
  let e = q;
  while (e < end) {
    const x = text.charCodeAt(e);
    if (x === 44 || x === 125 || isSpace(x)) break;
    e++;
  }
  const token = text.slice(q, e);
  if (token === 'true') return true;
  if (token === 'false') return false;
  if (token === 'null') return null;
  if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(token)) return Number(token);
  return UNKNOWN;
}

/**
 * The text of a JSON string body with escapes, as JSON.parse gives it (Windows paths are full of
 * `\\`, and JSON.parse of a one-string document costs more than this loop); UNKNOWN where
 * JSON.parse would throw (a bad escape, a raw control character).
 */
export function unescapeJson(body: string): string | typeof UNKNOWN {
  let out = '';
  let from = 0;
  for (let i = body.indexOf('\\'); i >= 0; i = body.indexOf('\\', from)) {
    out += body.slice(from, i);
    const c = body.charCodeAt(i + 1);
    const simple = simpleEscape(c);
    if (simple !== null) {
      out += simple;
      from = i + 2;
    } else if (c === 117 /* u */ && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 2, i + 6))) {
      out += String.fromCharCode(parseInt(body.slice(i + 2, i + 6), 16));
      from = i + 6;
    } else return UNKNOWN;
  }
  for (let k = 0; k < body.length; k++) if (body.charCodeAt(k) < 32) return UNKNOWN;
  return out + body.slice(from);
}

function simpleEscape(c: number): string | null {
  switch (c) {
    case 34:
      return '"';
    case 92:
      return '\\';
    case 47:
      return '/';
    case 98:
      return '\b';
    case 102:
      return '\f';
    case 110:
      return '\n';
    case 114:
      return '\r';
    case 116:
      return '\t';
    default:
      return null;
  }
}
