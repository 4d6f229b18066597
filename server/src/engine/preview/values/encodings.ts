/**
 * Value transformations from the modifiers appendix: UTF-16 encodings, Base64 (plain and at the
 * three byte offsets) and windash. Byte-level transformations work on literal text: a wildcard
 * inside a value that is then encoded is encoded as the character itself, as pySigma does.
 */
import type { Part, Pattern } from './pattern';

/** A value between modifiers: text (with wildcards) or bytes (after an encoding modifier). */
export type Stage = { kind: 'text'; pattern: Pattern } | { kind: 'bytes'; bytes: Buffer };

export type Utf16Kind = 'utf16le' | 'utf16be' | 'utf16' | 'wide';

function textOf(stage: Stage): string {
  if (stage.kind === 'bytes') return stage.bytes.toString('latin1');
  return stage.pattern.map((x) => (x.t === 'lit' ? x.s : x.t === 'any' ? '*' : x.t === 'one' ? '?' : x.chars[0])).join('');
}

export function bytesOf(stage: Stage): Buffer {
  return stage.kind === 'bytes' ? stage.bytes : Buffer.from(textOf(stage), 'utf8');
}

export function encodeUtf16(text: string, kind: Utf16Kind): Buffer {
  const le = Buffer.from(text, 'utf16le');
  if (kind === 'utf16le' || kind === 'wide') return le;
  const be = Buffer.from(le);
  be.swap16();
  // `utf16`: byte-order mark FF FE, then little endian (the spec's example).
  return kind === 'utf16be' ? be : Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
}

export function base64(bytes: Buffer): string {
  return bytes.toString('base64');
}

/**
 * The three encodings of `bytes` as it may appear inside a longer Base64 string, shifted by 0, 1
 * and 2 bytes, with the characters that depend on the surrounding bytes cut off (pySigma's
 * SigmaBase64OffsetModifier: start offsets 0, 2, 3; end offsets by (length + shift) mod 3).
 */
export function base64Offsets(bytes: Buffer): string[] {
  const starts = [0, 2, 3];
  const ends: (number | undefined)[] = [undefined, -3, -2];
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift, 0x20), bytes]).toString('base64');
    const end = ends[(bytes.length + shift) % 3];
    out.push(encoded.slice(starts[shift], end === undefined ? undefined : encoded.length + end));
  }
  return out;
}

/** Dash characters `windash` makes interchangeable: hyphen, slash, en dash, em dash, horizontal bar. */
const WINDASH_CHARS = ['-', '/', '\u2013', '\u2014', '\u2015'];

const WORD = /[\p{L}\p{N}_]/u;

/**
 * Replaces each dash that starts a command-line flag (no word character before it, one after
 * it: pySigma's `\B[-/]\b`, extended to the spec's five dashes) with a class of all five.
 */
export function windash(p: Pattern): Pattern {
  const out: Pattern = [];
  for (let k = 0; k < p.length; k++) {
    const part = p[k];
    if (part.t !== 'lit') {
      out.push(part);
      continue;
    }
    let lit = '';
    const s = part.s;
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (WINDASH_CHARS.includes(c)) {
        const before = i > 0 ? s[i - 1] : prevChar(p, k);
        const after = i + 1 < s.length ? s[i + 1] : nextChar(p, k);
        const wordBefore = before !== null && WORD.test(before);
        const wordAfter = after !== null && WORD.test(after);
        if (!wordBefore && wordAfter) {
          if (lit) out.push({ t: 'lit', s: lit });
          lit = '';
          out.push({ t: 'cls', chars: WINDASH_CHARS });
          continue;
        }
      }
      lit += c;
    }
    if (lit) out.push({ t: 'lit', s: lit });
  }
  return out;
}

function prevChar(p: Pattern, k: number): string | null {
  const prev: Part | undefined = p[k - 1];
  return prev?.t === 'lit' ? prev.s[prev.s.length - 1] : null;
}

function nextChar(p: Pattern, k: number): string | null {
  const next: Part | undefined = p[k + 1];
  return next?.t === 'lit' ? next.s[0] : null;
}

/** Every concrete text of a pattern with classes (for encoding after windash), capped. */
export function expandClasses(p: Pattern, cap = 3125): Pattern[] {
  let acc: Pattern[] = [[]];
  for (const part of p) {
    if (part.t !== 'cls') {
      for (const a of acc) a.push(part);
      continue;
    }
    const next: Pattern[] = [];
    for (const a of acc) for (const c of part.chars) next.push([...a, { t: 'lit', s: c }]);
    acc = next.length > cap ? next.slice(0, cap) : next;
  }
  return acc.map(mergeLiterals);
}

function mergeLiterals(p: Pattern): Pattern {
  const out: Pattern = [];
  for (const x of p) {
    const last = out[out.length - 1];
    if (x.t === 'lit' && last?.t === 'lit') out[out.length - 1] = { t: 'lit', s: last.s + x.s };
    else out.push(x);
  }
  return out;
}
