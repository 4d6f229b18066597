/**
 * Streams a sample as text chunks (1 MiB reads, decoded across chunk edges in the encoding its
 * first bytes announce: bytes.ts), so no reader ever holds a whole file. Archive members arrive
 * as byte streams (archive.ts); in-memory sources are sliced the same way.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { SampleSource } from '../types';
import { decodeHead, makeDecoder, sniffEncoding, type Decoder, type ReaderSource, type TextEncoding } from './bytes';

export const CHUNK_BYTES = 1 << 20;

export class SourceError extends Error {}

interface Chunk {
  text: string;
  /** Bytes consumed so far (for progress). */
  bytes: number;
}

export async function* readChunks(src: ReaderSource, signal?: AbortSignal): AsyncGenerator<Chunk> {
  if (src.text !== undefined) {
    const text = src.text.charCodeAt(0) === 0xfeff ? src.text.slice(1) : src.text;
    for (let i = 0; i < text.length; i += CHUNK_BYTES) {
      if (signal?.aborted) return;
      yield { text: text.slice(i, i + CHUNK_BYTES), bytes: Math.min(text.length, i + CHUNK_BYTES) };
    }
    return;
  }
  const path = src.path ?? src.source;
  if (src.range) yield* decodeChunks(fileBuffers(path, src.range), signal, src.range.start > 0 ? 'utf8' : undefined);
  else yield* decodeChunks(src.bytes ? src.bytes.chunks() : fileBuffers(path), signal);
}

/** Text chunks from buffers, in the encoding the first bytes announce (bytes.ts). */
async function* decodeChunks(buffers: AsyncIterable<Buffer>, signal?: AbortSignal, known?: TextEncoding): AsyncGenerator<Chunk> {
  // A range that starts mid-file has no BOM to read: its file was found to be UTF-8 before.
  let decoder: Decoder | null = known ? makeDecoder(known) : null;
  let pending: Buffer | null = null; // the first bytes, until there are enough to tell the encoding
  let total = 0;
  for await (const buf of buffers) {
    if (signal?.aborted) return;
    total += buf.length;
    let b = buf;
    if (!decoder) {
      b = pending ? Buffer.concat([pending, buf]) : buf;
      if (b.length < 4) {
        pending = Buffer.from(b); // the file reader reuses its buffer
        continue;
      }
      const sniffed = sniffEncoding(b);
      decoder = makeDecoder(sniffed.encoding);
      b = b.subarray(sniffed.bom);
      pending = null;
    }
    const text = decoder.write(b);
    if (text) yield { text, bytes: total };
  }
  if (!decoder) {
    if (!pending) return;
    const sniffed = sniffEncoding(pending);
    decoder = makeDecoder(sniffed.encoding);
    const text = decoder.write(pending.subarray(sniffed.bom));
    if (text) yield { text, bytes: total };
  }
  const rest = decoder.end();
  if (rest) yield { text: rest, bytes: total };
}

/** A file's bytes in CHUNK_BYTES reads, into one reused buffer (the decoders copy what they keep). */
async function* fileBuffers(path: string, range?: { start: number; end: number }): AsyncGenerator<Buffer> {
  const handle = await openFile(path);
  try {
    const buf = Buffer.allocUnsafe(CHUNK_BYTES);
    let pos = range?.start ?? 0;
    const end = range?.end ?? Infinity;
    for (;;) {
      let n: number;
      const want = Math.min(CHUNK_BYTES, end - pos);
      if (want <= 0) break;
      try {
        ({ bytesRead: n } = await handle.read(buf, 0, want, pos));
        pos += n;
      } catch (e) {
        throw new SourceError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      }
      if (n === 0) break;
      yield buf.subarray(0, n);
    }
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

/** Reads up to `bytes` of a source's beginning as text, for format detection. */
export async function peek(src: ReaderSource, bytes = 65536): Promise<string> {
  if (src.text !== undefined) return src.text.slice(src.text.charCodeAt(0) === 0xfeff ? 1 : 0, bytes);
  return decodeHead(await peekBytes(src, bytes));
}

/** The first bytes of a source (archive and encoding detection). */
export async function peekBytes(src: ReaderSource, bytes = 65536): Promise<Buffer> {
  if (src.text !== undefined) return Buffer.from(src.text.slice(0, bytes), 'utf8');
  if (src.bytes) return src.bytes.peek(bytes);
  const path = src.path ?? src.source;
  const handle = await openFile(path);
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
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
