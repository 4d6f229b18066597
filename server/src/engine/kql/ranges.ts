import type { Range } from '../core/position';
import type { SourceFile } from '../document/source';
import type { KqlSegment } from './segments';

/**
 * File range of a span of a query. An empty span (Kusto reports "Expected: )" where the token is
 * missing) is widened to the character before it, or after it, so editors can show it.
 */
export function queryRange(file: SourceFile, seg: KqlSegment, start: number, end: number): Range {
  let s = start;
  let e = Math.max(start, end);
  if (e === s) {
    // Point at the last non-space character before the gap: a missing ")" belongs to the line
    // that left it open, not to the next line.
    let k = s - 1;
    while (k >= 0 && /\s/.test(seg.text[k])) k--;
    if (k >= 0) {
      s = k;
      e = k + 1;
    } else if (s < seg.text.length) {
      e = s + 1;
    }
  }
  // The last character may be written as an escape (`\"` in a double-quoted scalar): end after it.
  const last = seg.map(e - 1);
  const stop = seg.escaped && file.text[last] === '\\' && seg.map(e) > last + 1 ? Math.min(seg.map(e), last + escapeWidth(file.text, last)) : last + 1;
  return file.index.range(seg.map(s), stop);
}

function escapeWidth(text: string, at: number): number {
  const e = text[at + 1];
  return e === 'x' ? 4 : e === 'u' ? 6 : e === 'U' ? 10 : 2;
}
