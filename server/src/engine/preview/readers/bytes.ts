/**
 * Bytes to text. A sample's encoding is taken from its first bytes: a UTF-8 BOM is dropped,
 * a UTF-16 LE or BE BOM (what Windows PowerShell 5's `>` writes) switches the decoder, and JSON
 * in UTF-16 without a BOM (`{\0` / `\0{`) is recognised too; anything else is UTF-8. Decoding is
 * incremental, so a character split across two reads is never broken.
 */
import { StringDecoder } from 'node:string_decoder';
import type { SampleSource } from '../types';

export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be';

interface TextDecoding {
  encoding: TextEncoding;
  /** Bytes of BOM to drop from the first buffer. */
  bom: number;
}

/** Needs the first 4 bytes (fewer only at the end of the data). */
export function sniffEncoding(head: Uint8Array): TextDecoding {
  const [a, b, c] = head;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf8', bom: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf16le', bom: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf16be', bom: 2 };
  // JSON or CSV text begins with an ASCII character: in UTF-16 one of its two bytes is 0.
  if (head.length >= 4 && isJsonStart(a) && b === 0 && isAscii(c) && head[3] === 0) return { encoding: 'utf16le', bom: 0 };
  if (head.length >= 4 && a === 0 && isJsonStart(b) && c === 0 && isAscii(head[3])) return { encoding: 'utf16be', bom: 0 };
  return { encoding: 'utf8', bom: 0 };
}

const isJsonStart = (x: number | undefined): boolean => x === 0x7b || x === 0x5b;
const isAscii = (x: number | undefined): boolean => x !== undefined && x >= 0x09 && x < 0x80;

/** An incremental decoder for one encoding: `write` each buffer in order, then `end`. */
export interface Decoder {
  write(buf: Buffer): string;
  end(): string;
}

export function makeDecoder(encoding: TextEncoding): Decoder {
  if (encoding === 'utf16be') {
    const d = new TextDecoder('utf-16be');
    return { write: (buf) => d.decode(buf, { stream: true }), end: () => d.decode() };
  }
  const d = new StringDecoder(encoding);
  return { write: (buf) => d.write(buf), end: () => d.end() };
}

/** Decodes a whole small buffer (detection peeks), the same way as the streaming path. */
export function decodeHead(buf: Buffer): string {
  const { encoding, bom } = sniffEncoding(buf);
  const d = makeDecoder(encoding);
  return d.write(buf.subarray(bom)) + d.end();
}

/**
 * The bytes of an archive member: readable once, front to back, with a peek at its beginning
 * (format detection) that the read then starts with. Never crosses a thread boundary.
 */
export class ByteStream {
  private head: Buffer[] = [];
  private headBytes = 0;
  private done = false;
  private consumed = false;

  constructor(private readonly it: AsyncIterator<Buffer>) {}

  static of(iterable: AsyncIterable<Buffer>): ByteStream {
    return new ByteStream(iterable[Symbol.asyncIterator]());
  }

  /** At least `bytes` of the beginning (less only at the end), kept for `chunks`. */
  async peek(bytes: number): Promise<Buffer> {
    if (this.consumed) throw new Error('member already read');
    while (this.headBytes < bytes && !this.done) {
      const r = await this.it.next();
      if (r.done) this.done = true;
      else {
        this.head.push(r.value);
        this.headBytes += r.value.length;
      }
    }
    const all = Buffer.concat(this.head);
    this.head = [all];
    return all.subarray(0, bytes);
  }

  /** The whole member once: what `peek` saw, then the rest. */
  async *chunks(): AsyncGenerator<Buffer> {
    if (this.consumed) throw new Error('member already read');
    this.consumed = true;
    const head = this.head;
    this.head = [];
    for (const b of head) if (b.length) yield b;
    while (!this.done) {
      const r = await this.it.next();
      if (r.done) this.done = true;
      else if (r.value.length) yield r.value;
    }
  }

  /** Reads and drops what is left (so the archive can move on to the next member). */
  async drain(): Promise<void> {
    if (!this.consumed) {
      this.consumed = true;
      this.head = [];
    }
    while (!this.done) {
      const r = await this.it.next();
      if (r.done) this.done = true;
    }
  }

  /** Stops reading early (the archive is abandoned). */
  async close(): Promise<void> {
    this.done = true;
    await this.it.return?.();
  }
}

/** What the readers take: a sample source, or an archive member whose bytes are a stream. */
export interface ReaderSource extends SampleSource {
  bytes?: ByteStream;
  /**
   * Part of a UTF-8 NDJSON file, `[start, end)` in bytes at line starts (a worker's share of a
   * large file: split.ts). Plain data, so it may cross to a worker.
   */
  range?: { start: number; end: number };
}
