/** CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), the checksum EVTX headers and chunks carry. */
import * as zlib from 'node:zlib';

/** Node's native CRC-32 (20.15+), when the runtime has it; the table below otherwise. */
const native = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

function makeTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

const TABLE = makeTable();

/** CRC-32 of `buf[start, end)`, continuing from `crc` (pass the previous result to checksum several ranges). */
export function crc32(buf: Uint8Array, start: number, end: number, crc = 0): number {
  if (native) return native(buf.subarray(start, end), crc);
  let c = ~crc >>> 0;
  for (let i = start; i < end; i++) c = TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
