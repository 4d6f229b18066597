/**
 * Streams a sample as text chunks (1 MiB reads, UTF-8 decoded across chunk edges), so no reader
 * ever holds a whole file. In-memory sources are sliced the same way.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import type { SampleSource } from '../types';

export const CHUNK_BYTES = 1 << 20;

export class SourceError extends Error {}

export interface Chunk {
  text: string;
  /** Bytes consumed so far (for progress). */
  bytes: number;
}

export async function* readChunks(src: SampleSource, signal?: AbortSignal): AsyncGenerator<Chunk> {
  if (src.text !== undefined) {
    const text = src.text.charCodeAt(0) === 0xfeff ? src.text.slice(1) : src.text;
    for (let i = 0; i < text.length; i += CHUNK_BYTES) {
      if (signal?.aborted) return;
      yield { text: text.slice(i, i + CHUNK_BYTES), bytes: Math.min(text.length, i + CHUNK_BYTES) };
    }
    return;
  }
  const path = src.path ?? src.source;
  const handle = await openFile(path);
  try {
    const buf = Buffer.allocUnsafe(CHUNK_BYTES);
    const decoder = new StringDecoder('utf8');
    let total = 0;
    let first = true;
    for (;;) {
      if (signal?.aborted) return;
      let n: number;
      try {
        ({ bytesRead: n } = await handle.read(buf, 0, CHUNK_BYTES, null));
      } catch (e) {
        throw new SourceError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      }
      if (n === 0) break;
      total += n;
      let text = decoder.write(buf.subarray(0, n));
      if (first) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      if (text) yield { text, bytes: total };
    }
    const rest = decoder.end();
    if (rest) yield { text: rest, bytes: total };
  } finally {
    await handle.close();
  }
}

/** Opens a sample file for reading, with one clear message for a missing file or a directory. */
async function openFile(path: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    throw new SourceError(`cannot open ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  if ((await handle.stat()).isDirectory()) {
    await handle.close();
    throw new SourceError(`${path} is a directory`);
  }
  return handle;
}

/** Reads up to `bytes` of a source's beginning, for format detection. */
export async function peek(src: SampleSource, bytes = 65536): Promise<string> {
  if (src.text !== undefined) return src.text.slice(0, bytes);
  const path = src.path ?? src.source;
  const handle = await openFile(path);
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    let text = buf.subarray(0, bytesRead).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return text;
  } finally {
    await handle.close();
  }
}

/** Total size in bytes, for progress (0 when unknown). */
export async function sizeOf(src: SampleSource): Promise<number> {
  if (src.text !== undefined) return src.text.length;
  try {
    const { stat } = await import('node:fs/promises');
    return (await stat(src.path ?? src.source)).size;
  } catch {
    return 0;
  }
}
