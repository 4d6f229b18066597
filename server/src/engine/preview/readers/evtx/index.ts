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

/** Chunks per read: fewer, larger reads; memory stays bounded whatever the file size. */
const READ_CHUNKS = 16;

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
    // One 1 MiB buffer (16 chunks per read) for the whole file: events are plain objects, nothing
    // points back into it.
    const block = Buffer.alloc(CHUNK_BYTES * READ_CHUNKS);
    let filled = 0;
    for (let n = 0; ; n++) {
      if (signal?.aborted) return;
      const slot = n % READ_CHUNKS;
      if (slot === 0) filled = await readAt(handle, block, FILE_HEADER_BYTES + n * CHUNK_BYTES, path);
      const size = Math.max(0, Math.min(CHUNK_BYTES, filled - slot * CHUNK_BYTES));
      if (size === 0) return;
      const chunk = block.subarray(slot * CHUNK_BYTES, slot * CHUNK_BYTES + size);
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
