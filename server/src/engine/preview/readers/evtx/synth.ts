/**
 * Builds small EVTX files byte by byte for tests (no binary fixtures): file header, chunks with
 * valid checksums, records holding a template instance. Offsets are chunk-relative, as in EVTX.
 */
import { crc32 } from './crc32';

/** Writes BinXML at a known chunk offset (names and template definitions refer to offsets). */
export class BinWriter {
  private readonly parts: number[] = [];
  constructor(readonly base: number) {}

  get pos(): number {
    return this.base + this.parts.length;
  }
  u8(...v: number[]): this {
    this.parts.push(...v.map((x) => x & 0xff));
    return this;
  }
  u16(v: number): this {
    return this.u8(v, v >> 8);
  }
  u32(v: number): this {
    return this.u8(v, v >> 8, v >> 16, v >>> 24);
  }
  u64(v: bigint): this {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(v);
    return this.u8(...b);
  }
  bytes(b: Uint8Array): this {
    return this.u8(...b);
  }
  utf16(s: string): this {
    return this.bytes(Buffer.from(s, 'utf16le'));
  }
  /** An inline name: its offset points right behind the offset field. */
  name(s: string): this {
    this.u32(this.pos + 4);
    return this.u32(0).u16(0).u16(s.length).utf16(s).u16(0);
  }
  fragmentHeader(): this {
    return this.u8(0x0f, 1, 1, 0);
  }
  open(name: string, attrs = false, nested = false): this {
    this.u8(attrs ? 0x41 : 0x01);
    if (!nested) this.u16(0xffff);
    this.u32(0).name(name);
    return attrs ? this.u32(0) : this;
  }
  attr(name: string): this {
    return this.u8(0x06).name(name);
  }
  text(s: string): this {
    return this.u8(0x05, 0x01).u16(s.length).utf16(s);
  }
  sub(index: number, type: number, optional = false): this {
    return this.u8(optional ? 0x0e : 0x0d)
      .u16(index)
      .u8(type);
  }
  closeStart(): this {
    return this.u8(0x02);
  }
  closeEmpty(): this {
    return this.u8(0x03);
  }
  end(): this {
    return this.u8(0x04);
  }
  eos(): this {
    return this.u8(0x00);
  }
  done(): Buffer {
    return Buffer.from(this.parts);
  }
}

export interface SubValue {
  type: number;
  bytes: Uint8Array;
}

/**
 * A template instance: the definition written inline (`define`) the first time, or referred to
 * by its chunk offset afterwards. Returns the definition's offset for later references.
 */
export function templateInstance(w: BinWriter, define: ((w: BinWriter) => void) | number, values: SubValue[]): number {
  w.u8(0x0c, 0x01).u32(1);
  let defOffset: number;
  if (typeof define === 'number') {
    defOffset = define;
    w.u32(defOffset);
  } else {
    defOffset = w.pos + 4;
    w.u32(defOffset);
    const body = new BinWriter(defOffset + 24);
    define(body);
    const data = body.done();
    w.u32(0).bytes(Buffer.alloc(16, 0xab)).u32(data.length).bytes(data);
  }
  w.u32(values.length);
  for (const v of values) w.u16(v.bytes.length).u8(v.type, 0);
  for (const v of values) w.bytes(v.bytes);
  return defOffset;
}

/** A record around `binxml` (written by `body` at the record's BinXML offset). */
export function record(chunkOffset: number, id: number, body: (w: BinWriter) => void): Buffer {
  const w = new BinWriter(chunkOffset + 24);
  body(w);
  const xml = w.done();
  const size = 24 + xml.length + 4;
  const head = Buffer.alloc(24);
  head.writeUInt32LE(0x00002a2a, 0);
  head.writeUInt32LE(size, 4);
  head.writeBigUInt64LE(BigInt(id), 8);
  head.writeBigUInt64LE(133000000000000000n, 16);
  const tail = Buffer.alloc(4);
  tail.writeUInt32LE(size);
  return Buffer.concat([head, xml, tail]);
}

/** A 64 KiB chunk holding records made by `records(offset)` calls, with valid checksums. */
export function chunk(build: (next: (make: (offset: number) => Buffer) => void) => void): Buffer {
  const buf = Buffer.alloc(65536);
  buf.write('ElfChnk\0', 0, 'latin1');
  let pos = 512;
  let count = 0;
  build((make) => {
    const r = make(pos);
    r.copy(buf, pos);
    pos += r.length;
    count++;
  });
  buf.writeBigUInt64LE(1n, 8);
  buf.writeBigUInt64LE(BigInt(count), 16);
  buf.writeUInt32LE(128, 40);
  buf.writeUInt32LE(pos, 48);
  buf.writeUInt32LE(crc32(buf, 512, pos), 52);
  buf.writeUInt32LE(crc32(buf, 128, 512, crc32(buf, 0, 120)), 124);
  return buf;
}

export function fileHeader(chunks: number): Buffer {
  const buf = Buffer.alloc(4096);
  buf.write('ElfFile\0', 0, 'latin1');
  buf.writeUInt32LE(128, 32);
  buf.writeUInt16LE(1, 36);
  buf.writeUInt16LE(3, 38);
  buf.writeUInt16LE(4096, 40);
  buf.writeUInt16LE(chunks, 42);
  buf.writeUInt32LE(crc32(buf, 0, 120), 124);
  return buf;
}
