import { isMap, isScalar, type Scalar } from 'yaml';
import type { Range } from '../core/position';
import type { SourceFile } from '../document/source';
import { mapPairs, nodeRange, scalarText, type YamlDocument } from '../document/yaml';
import { splitKqlQueries } from './split';

/**
 * A piece of KQL inside a file: one query of a `.kql` file (blank lines separate queries), or the
 * `query:` value of a Sentinel rule (always one query).
 * `map` turns an offset in the query text into an offset in the file, so diagnostics land on the
 * right character even inside YAML block scalars or quoted strings.
 */
export interface KqlSegment {
  text: string;
  map(offset: number): number;
  /** Index of the YAML document (Sentinel), or -1 for a KQL file. */
  doc: number;
  /** Range of the `query` key, for findings about the query as a whole. */
  keyRange?: Range;
  /** The source is a double-quoted YAML scalar, where one query character may be a 2–10 character escape. */
  escaped?: boolean;
}

export function identitySegment(text: string): KqlSegment {
  return { text, map: (o) => Math.max(0, Math.min(o, text.length)), doc: -1 };
}

/** The part of a KQL file from `start` to `end` as a segment: query offset `o` is file offset `start + o`. */
function spanSegment(fileText: string, start: number, end: number): KqlSegment {
  const text = fileText.slice(start, end);
  return { text, map: (o) => start + Math.max(0, Math.min(o, text.length)), doc: -1 };
}

/** The queries of a `.kql`/`.csl` file: blocks separated by blank lines, as Log Analytics runs them (see split.ts). */
export function kqlFileSegments(fileText: string): KqlSegment[] {
  return splitKqlQueries(fileText).map((s) => spanSegment(fileText, s.start, s.end));
}

/**
 * The query of a `.kql`/`.csl` file at a file offset (the one under the cursor, as Log Analytics
 * runs it), else the nearest one after it, else the last; null when the file holds no query.
 */
export function kqlFileSegmentAt(fileText: string, offset: number): KqlSegment | null {
  const spans = splitKqlQueries(fileText);
  if (spans.length === 0) return null;
  const s = spans.find((x) => offset <= x.end) ?? spans[spans.length - 1];
  return spanSegment(fileText, s.start, s.end);
}

/**
 * Aligns a YAML scalar's value with its source characters. The value is a subsequence of the
 * source, except for escapes (`\n` written as two characters) and folded line breaks (a newline
 * read as a space); indentation, quotes and the block header are skipped.
 */
function alignScalar(value: string, source: string, sourceStart: number, style: 'literal' | 'folded' | 'flow'): number[] {
  const block = style !== 'flow';
  const map = new Array<number>(value.length + 1);
  let j = 0;
  if (block) {
    // Skip the header line (`|`, `>-`, `|+2`, and any comment after it).
    const nl = source.indexOf('\n');
    j = nl < 0 ? source.length : nl + 1;
  } else if (source[0] === '"' || source[0] === "'") {
    j = 1;
  }
  let last = j;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    let k = j;
    let found = -1;
    while (k < source.length) {
      const s = source[k];
      if (s === c) {
        found = k;
        j = k + 1;
        break;
      }
      if (c === ' ' && (s === '\n' || s === '\r') && style !== 'literal') {
        found = k;
        j = k + (s === '\r' && source[k + 1] === '\n' ? 2 : 1);
        break;
      }
      if (s === '\\' && k + 1 < source.length && c !== '\\' && /[\n\t\r"'/0abefnrtvNLP_ xuU]/.test(source[k + 1]) && escapeMatches(source, k, c)) {
        found = k;
        j = k + escapeLength(source, k);
        break;
      }
      k++;
    }
    if (found < 0) {
      // Could not align (an exotic escape): keep the rest at the last good position.
      for (; i < value.length; i++) map[i] = sourceStart + last;
      break;
    }
    map[i] = sourceStart + found;
    last = j;
  }
  map[value.length] = sourceStart + last;
  return map;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '"': '"',
  '/': '/',
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  v: '\v',
  ' ': ' ',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
  '\\': '\\',
};

function escapeMatches(source: string, k: number, c: string): boolean {
  const e = source[k + 1];
  if (e === 'x' || e === 'u' || e === 'U') {
    const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
    const code = parseInt(source.slice(k + 2, k + 2 + n), 16);
    return !Number.isNaN(code) && String.fromCodePoint(code)[0] === c;
  }
  return SIMPLE_ESCAPES[e] === c;
}

function escapeLength(source: string, k: number): number {
  const e = source[k + 1];
  return e === 'x' ? 4 : e === 'u' ? 6 : e === 'U' ? 10 : 2;
}

/** The `query` of a Sentinel document as a segment, or null when it is missing or not a string. */
function sentinelQuerySegment(file: SourceFile, doc: YamlDocument, docIndex: number): KqlSegment | null {
  if (!isMap(doc.contents)) return null;
  for (const pair of mapPairs(doc.contents)) {
    if (scalarText(pair.key) !== 'query') continue;
    const v = pair.value;
    if (!isScalar(v) || typeof (v as Scalar).value !== 'string' || !v.range) return null;
    const s = v as Scalar<string>;
    const [start, , end] = s.range as [number, number, number];
    const style = s.type === 'BLOCK_LITERAL' ? 'literal' : s.type === 'BLOCK_FOLDED' ? 'folded' : 'flow';
    const offsets = alignScalar(s.value, file.text.slice(start, end), start, style);
    const text = s.value;
    return {
      text,
      map: (o) => offsets[Math.max(0, Math.min(o, text.length))],
      doc: docIndex,
      keyRange: nodeRange(pair.key as Scalar, file.index),
      escaped: s.type === 'QUOTE_DOUBLE',
    };
  }
  return null;
}

export function kqlSegments(file: SourceFile): KqlSegment[] {
  if (file.kind === 'kql') return kqlFileSegments(file.text);
  if (file.kind !== 'sentinel') return [];
  const out: KqlSegment[] = [];
  file.sentinelDocs.forEach((doc) => {
    const i = file.yaml?.docs.indexOf(doc) ?? -1;
    const seg = sentinelQuerySegment(file, doc, i);
    if (seg) out.push(seg);
  });
  return out;
}
