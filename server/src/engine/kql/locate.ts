import type { Position } from '../core/position';
import type { SourceFile } from '../document/source';
import { kqlOf, type KqlQuery } from './analysis';
import type { KqlSegment } from './segments';

/** The query offset whose file offset is the largest not above `fileOffset` (the map is monotonic). */
function unmap(seg: KqlSegment, fileOffset: number): number {
  let lo = 0;
  let hi = seg.text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (seg.map(mid) <= fileOffset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The analysed query under a file position, and the position as an offset into the query. */
export function queryAt(file: SourceFile, pos: Position): { query: KqlQuery; offset: number } | null {
  const a = kqlOf(file);
  if (!a) return null;
  const fileOffset = file.index.offset(pos);
  for (const q of a.queries) {
    const seg = q.segment;
    if (fileOffset < seg.map(0) || fileOffset > seg.map(seg.text.length)) continue;
    return { query: q, offset: unmap(seg, fileOffset) };
  }
  return null;
}
