/**
 * Binary EVTX sample files, streamed chunk by chunk (64 KiB reads through one file handle): each
 * record becomes the JSON event evtx_dump would export, so rules see `Event.System` and
 * `Event.EventData` exactly as with an exported file. Damaged chunks and records are listed as
 * skipped (chunk number, record number, why); reading goes on with the next one.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { SampleSource } from '../../types';
import { SourceError } from '../chunks';
import type { ReadItem } from '../record';
import { CHUNK_BYTES, checkChunk, FILE_HEADER_BYTES, parseFileHeader, readChunk } from './chunk';
import { EvtxFormatError } from './errors';

async function openEvtx(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (e) {
    throw new SourceError(`cannot open ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

async function readAt(handle: FileHandle, buf: Buffer, position: number, path: string): Promise<number> {
  let filled = 0;
  while (filled < buf.length) {
    let n: number;
    try {
      ({ bytesRead: n } = await handle.read(buf, filled, buf.length - filled, position + filled));
    } catch (e) {
      throw new SourceError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    if (n === 0) break;
    filled += n;
  }
  return filled;
}

export async function* readEvtx(src: SampleSource, signal?: AbortSignal): AsyncGenerator<ReadItem> {
  const path = src.path ?? src.source;
  if (src.path === undefined && src.text !== undefined) throw new SourceError(`${src.source}: EVTX is binary; it can only be read from a file`);
  const handle = await openEvtx(path);
  try {
    const head = Buffer.alloc(FILE_HEADER_BYTES);
    const got = await readAt(handle, head, 0, path);
    let header;
    try {
      header = parseFileHeader(head.subarray(0, got), path);
    } catch (e) {
      if (e instanceof EvtxFormatError) throw new SourceError(e.message);
      throw e;
    }
    let index = 0;
    const skipped = (reason: string, line: number): ReadItem => ({ kind: 'skipped', index: index++, reason, line });
    // One buffer for the whole file: a chunk's events are plain objects, nothing points back into it.
    const buf = Buffer.alloc(CHUNK_BYTES);
    for (let n = 0; ; n++) {
      if (signal?.aborted) return;
      const size = await readAt(handle, buf, FILE_HEADER_BYTES + n * CHUNK_BYTES, path);
      if (size === 0) return;
      const chunk = buf.subarray(0, size);
      // Header problems only explain later failures: every chunk and record is checked on its own.
      const label = header.notes.length ? `chunk ${n}; ${header.notes.join(', ')}` : `chunk ${n}`;
      const state = checkChunk(chunk);
      if ('empty' in state) continue;
      if ('problem' in state) {
        yield skipped(`${label}: ${state.problem}, chunk skipped`, 0);
        continue;
      }
      for (const item of readChunk(chunk, label, state.checksums)) {
        if (item.kind === 'event') yield { kind: 'event', index: index++, event: item.event, line: item.record };
        else yield skipped(item.reason, item.record);
      }
      if (size < CHUNK_BYTES) return;
    }
  } finally {
    await handle.close();
  }
}
