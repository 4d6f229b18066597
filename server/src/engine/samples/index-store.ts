import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { SampleSource } from '../preview/types';
import { TOOL_VERSION } from '../version';
import type { IndexSnapshot, SampleIndex } from './value-index';

/**
 * The sample index kept between sessions: building it reads every sample event (seconds for the
 * bundled 52k events, on a machine where the editor wants the CPU); reading it back takes a small
 * fraction of that. Saved in a folder the front end owns (the extension's global storage), one
 * file per sample set, keyed by the samples' content — not their paths' timestamps, so a
 * reinstalled extension with the same samples reuses it and an edited sample never does (a
 * file's hash is remembered while its size and modification time stay the same).
 *
 * Several threads or editor windows may start on the same samples at once: one builds (it holds
 * `<key>.lock`, touched while it works), the others wait for its file instead of building too.
 */

/** Bump when what an index holds, or how it is computed, changes: old files are then ignored. */
const INDEX_FORMAT = 3;
/** Samples larger than this are indexed in memory only (the file would be as large as they are). */
const MAX_PERSISTED_BYTES = 256 * 1024 * 1024;
/** Index files kept (most recent first): the current samples and a few earlier sets. */
const KEEP_FILES = 4;
/** A lock not touched for this long belongs to a builder that died. */
const STALE_LOCK_MS = 10_000;
const TOUCH_LOCK_MS = 2_000;
const POLL_MS = 100;

interface StoredIndex {
  format: number;
  version: string;
  key: string;
  snapshot: IndexSnapshot;
}

/** What loadOrBuild is doing: reading a saved index, waiting for another builder, or building. */
export type IndexPhase = 'loading' | 'waiting' | 'building';

/** How the index came to be: read back, built and saved, or built in memory only (and why). */
export type IndexOrigin = { kind: 'loaded' } | { kind: 'built' } | { kind: 'memory'; why: string };

async function contentHash(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Content hashes already computed, by path, valid while size and modification time stay the same. */
type HashMemo = Record<string, { size: number; mtimeMs: number; sha256: string }>;
const HASHES_FILE = 'sample-hashes.json';

/**
 * Writes `data` to a temporary file beside `target`, then renames it over `target`: readers (other
 * threads, other windows) see the whole file or none of it. False when it could not be written.
 */
async function writeWhole(target: string, data: string | Buffer): Promise<boolean> {
  const tmp = `${target}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, target);
    return true;
  } catch {
    await unlink(tmp).catch(() => undefined);
    return false;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class IndexStore {
  constructor(readonly dir: string) {}

  /**
   * The key of a sample set: its files' contents, their attack labels and the indexed fields;
   * null when the set cannot be persisted (text not from files, or too large).
   */
  async keyFor(sources: SampleSource[], attack: Map<string, Set<number>>, fields: string[]): Promise<{ key: string } | { why: string }> {
    const h = createHash('sha256').update(`${INDEX_FORMAT}\0${TOOL_VERSION}\0${fields.join(',')}\n`);
    const memo = await this.readHashes();
    let learnt = false;
    let bytes = 0;
    for (const s of sources) {
      if (!s.path) return { why: 'samples not read from files' };
      const st = await stat(s.path);
      bytes += st.size;
      if (bytes > MAX_PERSISTED_BYTES) return { why: `samples larger than ${MAX_PERSISTED_BYTES / 1024 / 1024} MiB` };
      // Hashing is most of the cost of reading an index back: a file's hash is kept while its size
      // and modification time stay the same (what the preview cache trusts too).
      let known = memo[s.path];
      if (!known || known.size !== st.size || known.mtimeMs !== st.mtimeMs) {
        known = memo[s.path] = { size: st.size, mtimeMs: st.mtimeMs, sha256: await contentHash(s.path) };
        learnt = true;
      }
      h.update(`${s.source}\0${known.sha256}\0${[...(attack.get(s.path) ?? [])].sort((a, b) => a - b).join(',')}\n`);
    }
    if (learnt) await this.writeHashes(memo);
    return { key: h.digest('hex').slice(0, 32) };
  }

  private async readHashes(): Promise<HashMemo> {
    try {
      const parsed = JSON.parse(await readFile(join(this.dir, HASHES_FILE), 'utf8')) as unknown;
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as HashMemo) : {};
    } catch {
      return {};
    }
  }

  /** Best effort: a failure only means hashing again next time. */
  private async writeHashes(memo: HashMemo): Promise<void> {
    await mkdir(this.dir, { recursive: true }).catch(() => undefined);
    await writeWhole(join(this.dir, HASHES_FILE), JSON.stringify(memo));
  }

  /**
   * Fills `index` from its saved file, or runs `build` (the first indexing pass) and saves the
   * result. Never throws for the store's sake: an unreadable, corrupt or unwritable store only
   * means the index is built in memory, as without a store.
   */
  async loadOrBuild(
    index: SampleIndex,
    attack: Map<string, Set<number>>,
    fields: string[],
    build: () => Promise<void>,
    onPhase: (p: IndexPhase) => void = () => undefined,
  ): Promise<IndexOrigin> {
    const building = (): Promise<void> => {
      onPhase('building');
      return build();
    };
    onPhase('loading');
    let key: string;
    try {
      const k = await this.keyFor(index.sources, attack, fields);
      if ('why' in k) {
        await building();
        return { kind: 'memory', why: k.why };
      }
      key = k.key;
      await mkdir(this.dir, { recursive: true });
    } catch (e) {
      await building();
      return { kind: 'memory', why: (e as Error).message };
    }
    if (await this.tryLoad(index, key)) return { kind: 'loaded' };
    const lock = await this.acquire(key, () => onPhase('waiting'));
    try {
      // Another builder may have finished while this one waited.
      if (await this.tryLoad(index, key)) return { kind: 'loaded' };
      await building();
      if (!lock) return { kind: 'memory', why: 'another builder holds the lock' };
      const snapshot = index.snapshot();
      if (!snapshot) return { kind: 'memory', why: 'the index was not built' };
      return (await this.save(key, snapshot)) ? { kind: 'built' } : { kind: 'memory', why: `cannot write to ${this.dir}` };
    } finally {
      await lock?.release();
    }
  }

  private file(key: string): string {
    return join(this.dir, `samples-${key}.v8`);
  }

  private async tryLoad(index: SampleIndex, key: string): Promise<boolean> {
    let raw: Buffer;
    try {
      raw = await readFile(this.file(key));
    } catch {
      return false;
    }
    try {
      const stored = deserialize(raw) as StoredIndex;
      if (stored.format !== INDEX_FORMAT || stored.version !== TOOL_VERSION || stored.key !== key) return false;
      index.restore(stored.snapshot);
      // Most recently used: pruning keeps it.
      const now = new Date();
      await utimes(this.file(key), now, now).catch(() => undefined);
      return true;
    } catch {
      // Truncated or from another format: rebuilt and overwritten.
      await unlink(this.file(key)).catch(() => undefined);
      return false;
    }
  }

  private async save(key: string, snapshot: IndexSnapshot): Promise<boolean> {
    if (!(await writeWhole(this.file(key), serialize({ format: INDEX_FORMAT, version: TOOL_VERSION, key, snapshot } satisfies StoredIndex)))) return false;
    await this.prune().catch(() => undefined);
    return true;
  }

  /** Keeps the KEEP_FILES most recently used index files. */
  private async prune(): Promise<void> {
    const names = (await readdir(this.dir)).filter((n) => /^samples-[0-9a-f]+\.v8$/.test(n));
    if (names.length <= KEEP_FILES) return;
    const dated = await Promise.all(names.map(async (n) => ({ n, t: (await stat(join(this.dir, n))).mtimeMs })));
    dated.sort((a, b) => b.t - a.t);
    for (const { n } of dated.slice(KEEP_FILES)) await unlink(join(this.dir, n)).catch(() => undefined);
  }

  /**
   * The build lock for `key`, or null after waiting for a builder that keeps its lock fresh
   * (the caller then looks for its file, and builds in memory if there is none).
   */
  private async acquire(key: string, waiting: () => void): Promise<{ release(): Promise<void> } | null> {
    const path = join(this.dir, `samples-${key}.lock`);
    for (;;) {
      try {
        const fd = await open(path, 'wx');
        await fd.close();
        const touch = setInterval(() => {
          const now = new Date();
          utimes(path, now, now).catch(() => undefined);
        }, TOUCH_LOCK_MS);
        touch.unref();
        return {
          release: async () => {
            clearInterval(touch);
            await unlink(path).catch(() => undefined);
          },
        };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return null;
      }
      // Someone builds: wait while their lock stays fresh, then take over a stale one.
      waiting();
      for (;;) {
        await sleep(POLL_MS);
        const held = await stat(path).catch(() => null);
        if (!held) {
          if (await this.exists(key)) return null;
          break;
        }
        if (Date.now() - held.mtimeMs > STALE_LOCK_MS) {
          await unlink(path).catch(() => undefined);
          break;
        }
      }
    }
  }

  private async exists(key: string): Promise<boolean> {
    return stat(this.file(key)).then(
      () => true,
      () => false,
    );
  }
}
