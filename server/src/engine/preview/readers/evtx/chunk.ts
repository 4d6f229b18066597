/**
 * EVTX file header and chunks (libevtx "Windows XML Event Log (EVTX) format"; MS-EVEN6 BinXML).
 * File header: "ElfFile\0", …, header size 128 at 32, version 3.x at 36/38, block size 4096 at 40,
 * CRC-32 of bytes 0–119 at 124. Chunk (64 KiB): "ElfChnk\0", record numbers at 8/16, identifiers
 * at 24/32, header size 128 at 40, last record offset at 44, free space offset at 48, CRC-32 of the
 * records (512 to the free space offset) at 52, CRC-32 of header bytes 0–119 and 128–511 at 124.
 * Record: 0x00002a2a, size, identifier, FILETIME, BinXML, and the size again in its last 4 bytes.
 */
import { ChunkBinXml } from './binxml';
import { crc32 } from './crc32';
import { EvtxFormatError } from './errors';
import { renderEvent } from './render';

export const FILE_HEADER_BYTES = 4096;
export const CHUNK_BYTES = 65536;
const CHUNK_HEADER_BYTES = 512;
const RECORD_MAGIC = 0x00002a2a;
const RECORD_MAGIC_BYTES = Buffer.from([0x2a, 0x2a, 0, 0]);

interface FileHeader {
  /** Problems worth reporting that do not stop reading (the chunks carry their own checks). */
  notes: string[];
}

/** Validates the file header; throws when this is not an EVTX file at all. */
export function parseFileHeader(buf: Buffer, name: string): FileHeader {
  if (buf.length < 128 || buf.toString('latin1', 0, 8) !== 'ElfFile\0') throw new EvtxFormatError(`${name}: not an EVTX file (no "ElfFile" signature)`);
  const notes: string[] = [];
  const major = buf.readUInt16LE(38);
  if (major !== 3) notes.push(`file header: format version ${major}.${buf.readUInt16LE(36)} (expected 3.x)`);
  if (buf.readUInt32LE(124) !== crc32(buf, 0, 120)) notes.push('file header: checksum mismatch');
  return { notes };
}

type ChunkItem = { kind: 'event'; record: number; event: Record<string, unknown> } | { kind: 'skipped'; record: number; reason: string };

/** What is wrong with a chunk's header, or null when it can be read. `empty` marks unused space. */
export function checkChunk(buf: Buffer): { empty: true } | { problem: string } | { checksums: string[] } {
  if (buf.length < CHUNK_HEADER_BYTES) return { problem: `truncated chunk (${buf.length} bytes)` };
  const magic = buf.toString('latin1', 0, 8);
  if (magic !== 'ElfChnk\0') {
    // Pre-allocated, never-written space at the end of a file reads as zeros.
    if (buf.every((b) => b === 0)) return { empty: true };
    return { problem: 'no "ElfChnk" signature' };
  }
  const notes: string[] = [];
  const headerCrc = crc32(buf, 128, CHUNK_HEADER_BYTES, crc32(buf, 0, 120));
  if (headerCrc !== buf.readUInt32LE(124)) notes.push('header checksum mismatch');
  const free = Math.min(buf.readUInt32LE(48), buf.length);
  if (free >= CHUNK_HEADER_BYTES && crc32(buf, CHUNK_HEADER_BYTES, free) !== buf.readUInt32LE(52)) notes.push('records checksum mismatch');
  return { checksums: notes };
}

/**
 * Every record of a chunk, in order. A damaged record is skipped and reading resumes at the next
 * record signature, so one bad record costs only itself.
 */
export function* readChunk(buf: Buffer, label: string, notes: string[]): Generator<ChunkItem> {
  const bx = new ChunkBinXml(buf);
  const free = Math.min(Math.max(buf.readUInt32LE(48), CHUNK_HEADER_BYTES), buf.length);
  const noted = notes.length ? ` (${label}: ${notes.join(', ')})` : '';
  let pos = CHUNK_HEADER_BYTES;
  while (pos + 24 <= free) {
    // Record identifiers stay far below 2^53: two 32-bit halves avoid a BigInt per record.
    const record = buf.readUInt32LE(pos + 8) + buf.readUInt32LE(pos + 12) * 0x100000000;
    const at = pos;
    const where = (): string => `record ${record} (${label}, offset ${at})`;
    if (buf.readUInt32LE(pos) !== RECORD_MAGIC) {
      const next = buf.indexOf(RECORD_MAGIC_BYTES, pos + 1);
      yield {
        kind: 'skipped',
        record: -1,
        reason: `${label}: no record signature at offset ${pos}, ${next < 0 || next >= free ? 'rest of the chunk' : `${next - pos} bytes`} skipped${noted}`,
      };
      if (next < 0 || next >= free) return;
      pos = next;
      continue;
    }
    const size = buf.readUInt32LE(pos + 4);
    if (size < 28 || pos + size > buf.length || buf.readUInt32LE(pos + size - 4) !== size) {
      yield { kind: 'skipped', record, reason: `${where()}: bad record size ${size}${noted}` };
      const next = buf.indexOf(RECORD_MAGIC_BYTES, pos + 4);
      if (next < 0 || next >= free) return;
      pos = next;
      continue;
    }
    try {
      const event = renderEvent(bx.record(pos + 24, pos + size - 4));
      if (event) yield { kind: 'event', record, event };
      else yield { kind: 'skipped', record, reason: `${where()}: no element in the record${noted}` };
    } catch (e) {
      if (!(e instanceof EvtxFormatError || e instanceof RangeError)) throw e;
      yield { kind: 'skipped', record, reason: `${where()}: ${e.message}${noted}` };
    }
    pos += size;
  }
}
