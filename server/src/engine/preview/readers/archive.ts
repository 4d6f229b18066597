/**
 * Archives of telemetry: `.zip` (yauzl: it reads the central directory, which is the archive's
 * authoritative member list, and inflates with node:zlib), `.gz` (node:zlib), `.tar` and
 * `.tar.gz`/`.tgz` (tar.ts). Each member is handed on as a byte stream, read once, front to back:
 * no archive or member is ever held whole in memory. A member is named `archive.zip!dir/file.json`.
 * Members are taken when their names are telemetry files (extensions.ts); directories and other
 * files (a README) are passed over, and archives inside archives are reported, not opened.
 */
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import * as yauzl from 'yauzl';
import { ByteStream, type ReaderSource } from './bytes';
import { SourceError, peekBytes } from './chunks';
import { memberRole, NESTED_REASON, type Unit } from './members';
import { looksLikeTar, tarMembers } from './tar';

type ArchiveKind = 'zip' | 'gzip' | 'tar';

/** The archive kind from the first bytes (magic numbers; the name only breaks ties for old tars). */
export function archiveKind(name: string, head: Uint8Array): ArchiveKind | null {
  if (head[0] === 0x50 && head[1] === 0x4b && ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6))) return 'zip';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (looksLikeTar(head, /\.tar$/i.test(name))) return 'tar';
  return null;
}

/**
 * A source as the units to read: itself, or the members of the archive it is. In-memory text
 * and members themselves are never archives here (nested archives are reported by the caller).
 */
export async function* expandSource(src: ReaderSource): AsyncGenerator<Unit> {
  if (src.text !== undefined || src.bytes || src.range) {
    yield { kind: 'source', src };
    return;
  }
  const path = src.path ?? src.source;
  const kind = archiveKind(path, await peekBytes(src, 512));
  if (!kind) {
    yield { kind: 'source', src };
    return;
  }
  let members = 0;
  const inner = kind === 'zip' ? zipMembers(src.source, path) : kind === 'tar' ? tarMembers(src.source, fileStream(path)) : gzipMembers(src.source, path);
  for await (const unit of inner) {
    if (unit.kind === 'source') members++;
    yield unit;
  }
  if (members === 0) yield { kind: 'skipped', source: src.source, reason: `${src.source}: no telemetry files (.json, .ndjson, .csv, .log...) in this archive` };
}

async function* zipMembers(source: string, path: string): AsyncGenerator<Unit> {
  const zip = await openZip(source, path);
  try {
    for await (const entry of zip.eachEntry()) {
      const name = `${source}!${entry.fileName}`;
      const role = memberRole(entry.fileName);
      if (role === 'ignore') continue;
      if (role === 'nested') {
        yield { kind: 'skipped', source: name, reason: NESTED_REASON };
        continue;
      }
      if (!entry.canDecodeFileData()) {
        const why = entry.isEncrypted() ? 'encrypted' : `compression method ${entry.compressionMethod} is not supported (only stored and deflate)`;
        yield { kind: 'skipped', source: name, reason: `${why}: not read` };
        continue;
      }
      const stream = await zip.openReadStreamPromise(entry);
      try {
        yield { kind: 'source', src: { source: name, bytes: ByteStream.of(stream) } };
      } finally {
        stream.destroy();
      }
    }
  } finally {
    zip.close();
  }
}

const ZIP_OPTIONS: yauzl.Options = { autoClose: false, lazyEntries: true, strictFileNames: false, validateEntrySizes: true };

async function openZip(source: string, path: string): Promise<yauzl.ZipFile> {
  try {
    return await yauzl.openPromise(path, ZIP_OPTIONS);
  } catch (e) {
    // Some published archives (one of the Security-Datasets) have bytes after the end record (a
    // newline appended in transit) that the record's comment length does not cover; Info-ZIP's
    // unzip reads them anyway. Read the archive without those trailing bytes.
    const m = /Invalid comment length\. Expected: (\d+)\. Found: (\d+)/.exec((e as Error).message);
    if (m && Number(m[1]) > Number(m[2])) {
      const handle = await open(path, 'r');
      const size = (await handle.stat()).size;
      try {
        return await yauzl.fromRandomAccessReaderPromise(new FileRangeReader(handle), size - (Number(m[1]) - Number(m[2])), ZIP_OPTIONS);
      } catch (e2) {
        await handle.close();
        throw new SourceError(`${source}: not a readable zip archive (${(e2 as Error).message})`);
      }
    }
    throw new SourceError(`${source}: not a readable zip archive (${(e as Error).message})`);
  }
}

/** Byte ranges of an open file, for yauzl. */
class FileRangeReader extends yauzl.RandomAccessReader {
  constructor(private readonly handle: FileHandle) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const handle = this.handle;
    return Readable.from(
      (async function* () {
        for (let pos = start; pos < end;) {
          const n = Math.min(end - pos, 1 << 20);
          const buf = Buffer.alloc(n);
          const { bytesRead } = await handle.read(buf, 0, n, pos);
          if (bytesRead === 0) throw new Error('unexpected end of file');
          yield buf.subarray(0, bytesRead);
          pos += bytesRead;
        }
      })(),
    );
  }

  override close(callback: (err: Error | null) => void): void {
    this.handle.close().then(() => callback(null), callback);
  }
}

async function* gzipMembers(source: string, path: string): AsyncGenerator<Unit> {
  const bytes = ByteStream.of(gunzip(fileStream(path)));
  try {
    const head = await peekBytes({ source, bytes }, 512);
    if (looksLikeTar(head, /\.(tar\.gz|tgz)$/i.test(path))) {
      yield* tarMembers(source, bytes.chunks());
      return;
    }
    // One compressed file: named after the archive without `.gz`, so `x.csv.gz` reads as CSV.
    const inner = basename(path).replace(/\.gz$/i, '');
    const name = `${source}!${inner}`;
    if (memberRole(inner) === 'nested') yield { kind: 'skipped', source: name, reason: NESTED_REASON };
    else yield { kind: 'source', src: { source: name, bytes } };
  } finally {
    await bytes.close();
  }
}

function fileStream(path: string): AsyncIterable<Buffer> {
  return createReadStream(path, { highWaterMark: 1 << 20 });
}

/** Gunzips a byte stream (several concatenated gzip members included, as `gzip -c a b` writes). */
function gunzip(input: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  const gz = createGunzip({ chunkSize: 1 << 18 });
  pipeline(input as NodeJS.ReadableStream, gz, () => {
    // Errors reach the reader through `gz` itself.
  });
  return gz;
}
