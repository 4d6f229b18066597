/**
 * NDJSON as lines, without parsing: the scanner decides per line whether parsing is needed at all
 * (the raw pre-filter). `readNdjson` is the plain parsed form for other callers.
 */
import type { SampleSource } from '../types';
import { readChunks } from './chunks';
import { describeJsonError, isEventObject, type ReadItem } from './record';

interface LineBatch {
  /** The chunk text; lines are `text.slice(starts[i], ends[i])`. */
  text: string;
  starts: number[];
  ends: number[];
  /** 1-based line number of the first line in the batch. */
  firstLine: number;
  bytes: number;
}

export async function* readLineBatches(src: SampleSource, signal?: AbortSignal): AsyncGenerator<LineBatch> {
  let carry = '';
  let line = 1;
  for await (const chunk of readChunks(src, signal)) {
    const last = chunk.text.lastIndexOf('\n');
    if (last < 0) {
      carry += chunk.text;
      continue;
    }
    const text = carry + chunk.text.slice(0, last + 1);
    carry = chunk.text.slice(last + 1);
    const batch: LineBatch = { text, starts: [], ends: [], firstLine: line, bytes: chunk.bytes };
    let s = 0;
    let e: number;
    while ((e = text.indexOf('\n', s)) >= 0) {
      batch.starts.push(s);
      batch.ends.push(e > s && text.charCodeAt(e - 1) === 13 ? e - 1 : e);
      s = e + 1;
      line++;
    }
    yield batch;
  }
  if (carry) {
    const end = carry.endsWith('\r') ? carry.length - 1 : carry.length;
    yield { text: carry, starts: [0], ends: [end], firstLine: line, bytes: 0 };
  }
}

/** Whether a line holds nothing but whitespace (blank lines are not records). */
export function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

export function parseLine(text: string, start: number, end: number, index: number, line: number): ReadItem {
  const s = text.slice(start, end);
  try {
    const v: unknown = JSON.parse(s);
    if (isEventObject(v)) return { kind: 'event', index, event: v, line };
    return { kind: 'skipped', index, reason: `line ${line}: not a JSON object (${Array.isArray(v) ? 'array' : typeof v})`, line };
  } catch (e) {
    return { kind: 'skipped', index, reason: `line ${line}: invalid JSON (${describeJsonError(e)})`, line };
  }
}

export async function* readNdjson(src: SampleSource, signal?: AbortSignal): AsyncGenerator<ReadItem> {
  let index = 0;
  for await (const b of readLineBatches(src, signal)) {
    for (let i = 0; i < b.starts.length; i++) {
      if (isBlank(b.text, b.starts[i], b.ends[i])) continue;
      yield parseLine(b.text, b.starts[i], b.ends[i], index++, b.firstLine + i);
    }
  }
}
