/**
 * A streaming tar reader (POSIX ustar, with GNU long names and pax `path` records): 512-byte
 * headers, each followed by the member's data padded to 512 bytes. Small enough to own rather
 * than add a dependency, and it never buffers more than one read. Each member is handed on as a
 * byte stream; whatever the consumer leaves unread is skipped before the next header.
 */
import { ByteStream } from './bytes';
import { SourceError } from './chunks';
import { memberRole, NESTED_REASON, type Unit } from './members';

const BLOCK = 512;

/** A ustar magic, or (for old tars named `.tar`) a header whose checksum is right. */
export function looksLikeTar(head: Uint8Array, named: boolean): boolean {
  if (head.length < BLOCK) return false;
  const magic = String.fromCharCode(...head.subarray(257, 262));
  if (magic === 'ustar') return checksumOk(head);
  return named && checksumOk(head);
}

function checksumOk(h: Uint8Array): boolean {
  const want = octal(h, 148, 8);
  if (want < 0) return false;
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
  return sum === want;
}

function cstr(h: Uint8Array, start: number, len: number): string {
  let end = start;
  while (end < start + len && h[end] !== 0) end++;
  return Buffer.from(h.subarray(start, end)).toString('utf8');
}

/** Octal number field (or GNU base-256 when the high bit is set); -1 when malformed. */
function octal(h: Uint8Array, start: number, len: number): number {
  if (h[start] & 0x80) {
    let v = 0;
    for (let i = start + 1; i < start + len; i++) v = v * 256 + h[i];
    return v;
  }
  const s = cstr(h, start, len).trim();
  if (s === '') return 0;
  return /^[0-7]+$/.test(s) ? parseInt(s, 8) : -1;
}

/** Exact-size reads over a stream of buffers of any size. */
class BlockReader {
  private buf: Buffer = Buffer.alloc(0);
  private done = false;
  constructor(private readonly it: AsyncIterator<Buffer>) {}

  private async fill(n: number): Promise<boolean> {
    while (this.buf.length < n && !this.done) {
      const r = await this.it.next();
      if (r.done) this.done = true;
      else this.buf = this.buf.length ? Buffer.concat([this.buf, r.value]) : r.value;
    }
    return this.buf.length >= n;
  }

  /** Exactly `n` bytes, or null at the end of the data. */
  async read(n: number): Promise<Buffer | null> {
    if (!(await this.fill(n))) return null;
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }

  /** `n` bytes in pieces as they arrive; throws when the data ends first. */
  async *pieces(n: number): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      if (!(await this.fill(1))) throw new SourceError(`the tar archive ends inside a member (${left} bytes missing)`);
      const take = Math.min(left, this.buf.length);
      yield this.buf.subarray(0, take);
      this.buf = this.buf.subarray(take);
      left -= take;
    }
  }

  async skip(n: number): Promise<void> {
    for await (const piece of this.pieces(n)) void piece;
  }
}

/** The members of a tar stream, as units named `archive!path`. */
export async function* tarMembers(source: string, input: AsyncIterable<Buffer>): AsyncGenerator<Unit> {
  const r = new BlockReader(input[Symbol.asyncIterator]());
  let longName: string | null = null;
  let offset = 0;
  for (;;) {
    const h = await r.read(BLOCK);
    if (!h || h.every((b) => b === 0)) return; // end-of-archive blocks (or a tar without them)
    if (!checksumOk(h)) throw new SourceError(`${source}: corrupt tar header at byte ${offset}`);
    const size = octal(h, 124, 12);
    if (size < 0) throw new SourceError(`${source}: corrupt tar header at byte ${offset}`);
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    offset += BLOCK + padded;
    const type = String.fromCharCode(h[156] || 0x30);
    if (type === 'L' || type === 'x') {
      const data = await r.read(padded);
      if (!data) throw new SourceError(`${source}: the tar archive ends inside a header`);
      const text = data.subarray(0, size).toString('utf8');
      longName = type === 'L' ? text.replace(/\0.*$/s, '') : (paxPath(text) ?? longName);
      continue;
    }
    const prefix = h[257] === 0x75 ? cstr(h, 345, 155) : ''; // 'u' of ustar
    const path = longName ?? (prefix ? `${prefix}/${cstr(h, 0, 100)}` : cstr(h, 0, 100));
    longName = null;
    const regular = type === '0' || type === '7';
    const role = regular ? memberRole(path) : 'ignore';
    if (role === 'read') {
      const bytes = ByteStream.of(r.pieces(size));
      try {
        yield { kind: 'source', src: { source: `${source}!${path}`, bytes } };
      } finally {
        await bytes.drain();
      }
      await r.skip(padded - size);
      continue;
    }
    if (role === 'nested') yield { kind: 'skipped', source: `${source}!${path}`, reason: NESTED_REASON };
    await r.skip(padded);
  }
}

/** The `path` record of a pax extended header (`<len> path=<value>\n` records). */
function paxPath(text: string): string | null {
  for (const rec of text.split('\n')) {
    const m = /^\d+ path=(.*)$/s.exec(rec);
    if (m) return m[1];
  }
  return null;
}
