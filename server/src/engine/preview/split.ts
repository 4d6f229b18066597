/**
 * How a preview is shared among worker threads: the sources in input order, a large UTF-8 NDJSON
 * file cut into byte ranges at line starts, grouped into one contiguous part per worker of about
 * equal size. Contiguous parts keep input order: the caller concatenates their results in part
 * order, renumbering events of a range after the ranges before it (merge in worker-client.ts).
 */
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { archiveKind } from './readers/archive';
import type { ReaderSource } from './readers/bytes';
import { sniffEncoding } from './readers/bytes';
import { peekBytes, sizeOf } from './readers/chunks';
import { detectFormat } from './readers/detect';
import type { SampleSource } from './types';

/**
 * Below this much data one worker is quicker than starting several: a worker costs its start-up
 * (loading the engine, compiling the rule) before it reads a byte. `npm run bench` measures where
 * the split starts to pay on the machine at hand.
 */
export const SPLIT_MIN_BYTES = 24 << 20;
/** Smallest byte range worth a share of a file. */
const RANGE_MIN_BYTES = 8 << 20;

export function defaultWorkers(): number {
  return Math.max(1, Math.min(availableParallelism(), 8));
}

interface Piece {
  src: ReaderSource;
  bytes: number;
}

/** One list of sources per worker (a single part when splitting is not worth it). */
export async function planParts(samples: SampleSource[], workers: number, minBytes = SPLIT_MIN_BYTES): Promise<ReaderSource[][]> {
  const sizes = await Promise.all(samples.map((s) => sizeOf(s)));
  const total = sizes.reduce((a, b) => a + b, 0);
  if (workers <= 1 || total < minBytes) return [samples];
  const target = total / workers;
  const pieces: Piece[] = [];
  for (let i = 0; i < samples.length; i++) {
    const src = samples[i];
    const size = sizes[i];
    const cuts = size >= 2 * RANGE_MIN_BYTES && size > target ? Math.min(workers, Math.round(size / Math.max(target, RANGE_MIN_BYTES))) : 1;
    if (cuts > 1 && (await splittable(src))) pieces.push(...(await ranges(src, size, cuts)));
    else pieces.push({ src, bytes: size });
  }
  return group(pieces, workers, target);
}

/** A plain UTF-8 NDJSON file on disk: its lines can be read from any line start. */
async function splittable(src: ReaderSource): Promise<boolean> {
  if (src.text !== undefined || src.bytes || src.range || (src.format && src.format !== 'ndjson')) return false;
  try {
    const head = await peekBytes(src, 512);
    if (archiveKind(src.path ?? src.source, head)) return false;
    const enc = sniffEncoding(head);
    if (enc.encoding !== 'utf8') return false;
    return (await detectFormat(src)) === 'ndjson';
  } catch {
    return false; // the scan reports why
  }
}

/** `cuts` ranges of about equal size, each starting just after a line break. */
async function ranges(src: ReaderSource, size: number, cuts: number): Promise<Piece[]> {
  const path = src.path ?? src.source;
  const handle = await open(path, 'r');
  try {
    const starts = [0];
    const buf = Buffer.allocUnsafe(1 << 16);
    for (let k = 1; k < cuts; k++) {
      let pos = Math.max(Math.floor((size * k) / cuts), starts[starts.length - 1] + 1);
      let next = -1;
      while (next < 0 && pos < size) {
        const { bytesRead } = await handle.read(buf, 0, buf.length, pos);
        if (bytesRead === 0) break;
        const nl = buf.subarray(0, bytesRead).indexOf(10);
        if (nl >= 0) next = pos + nl + 1;
        else pos += bytesRead;
      }
      if (next > starts[starts.length - 1] && next < size) starts.push(next);
    }
    return starts.map((start, i) => {
      const end = i + 1 < starts.length ? starts[i + 1] : size;
      return { src: { source: src.source, path, format: 'ndjson' as const, range: { start, end } }, bytes: end - start };
    });
  } finally {
    await handle.close();
  }
}

/** Consecutive pieces into `workers` parts of about `target` bytes; adjacent ranges of one file rejoin. */
function group(pieces: Piece[], workers: number, target: number): ReaderSource[][] {
  const parts: Piece[][] = [[]];
  let filled = 0;
  for (const p of pieces) {
    const cur = parts[parts.length - 1];
    if (cur.length > 0 && filled + p.bytes / 2 > target && parts.length < workers) {
      parts.push([p]);
      filled = p.bytes;
    } else {
      cur.push(p);
      filled += p.bytes;
    }
  }
  return parts.map((part) => {
    const out: ReaderSource[] = [];
    for (const { src } of part) {
      const prev = out[out.length - 1];
      if (prev?.range && src.range && prev.source === src.source && prev.range.end === src.range.start)
        prev.range = { start: prev.range.start, end: src.range.end };
      else out.push({ ...src });
    }
    return out;
  });
}
