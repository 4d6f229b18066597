import type { TriplineConfig } from '../config/config';
import type { SourceFile } from '../document/source';
import { domainEntries } from '../domains/extractors';
import { entryHits } from './entry-hits';
import { SAMPLE_HITS_KEY, type FileSampleHits } from './file-hits';
import { installHoverHits } from './hover-hits';
import { sampleFingerprint } from './fingerprint';
import { resolveSampleSources, type SampleSet } from './sources';
import { DEFAULT_INDEX_FIELDS, SampleIndex } from './value-index';

/**
 * Computes per-entry sample hit counts before checks run (a preparer), so the synchronous
 * `domains/noisy-in-samples` check, the inlay hints and the hover all read the same numbers.
 *
 * - `await` (the CLI, tests): the first file that needs counts waits while the samples are indexed
 *   once; every later file reuses the index. Same diagnostics as the editor, no extra pass per rule.
 * - `background` (the language server): never delays diagnostics. If the index for the current
 *   samples is not ready, it is built in the background and `onUpdate` listeners are told, so the
 *   server re-runs analysis and the finding appears a moment later.
 */
class SampleHitsService {
  mode: 'await' | 'background' = 'await';
  /** Where relative `samples.paths` resolve when no config file says (the editor's workspace). */
  workspaceRoot: string | null = null;
  private readonly indexes = new Map<string, Slot>();
  private readonly listeners = new Set<() => void>();
  private resolved: { config: TriplineConfig; root: string | null; at: number; set: SampleSet } | undefined;

  onUpdate(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The samples for a configuration; re-resolved at most every few seconds (globs walk folders). */
  samples(config: TriplineConfig): SampleSet {
    const now = Date.now();
    const r = this.resolved;
    if (r && r.config === config && r.root === this.workspaceRoot && now - r.at < 3000) return r.set;
    const set = resolveSampleSources(config, this.workspaceRoot);
    this.resolved = { config, root: this.workspaceRoot, at: now, set };
    return set;
  }

  /** The fingerprint of the current samples, to notice changed files. */
  fingerprint(config: TriplineConfig): string {
    return sampleFingerprint(this.samples(config).sources);
  }

  async prepare(file: SourceFile, config: TriplineConfig): Promise<void> {
    if (file.kind === 'other' || config.checks['domains/noisy-in-samples'] === 'off') return;
    const entries = domainEntries(file).filter((e) => e.field);
    if (entries.length === 0) return;
    const set = this.samples(config);
    if (set.sources.length === 0) return;
    const fp = sampleFingerprint(set.sources);
    let slot = this.indexes.get(fp);
    if (!slot) {
      // Only the current samples matter: forget indexes of files that changed since.
      this.indexes.clear();
      slot = new Slot(new SampleIndex(set.sources, set.attack));
      // Indexing starts now, in the background; run() records its failures in index.problems.
      void slot.run(DEFAULT_INDEX_FIELDS);
      this.indexes.set(fp, slot);
    }
    const s = slot;
    const ready = (): void => {
      file.extra.set(SAMPLE_HITS_KEY, { hits: entryHits(file, entries, s.index), sources: set.sources.length, baselineEvents: s.index.events.baseline } satisfies FileSampleHits);
    };
    const fields = entries.map((e) => e.field);
    if (s.busy === 0 && s.index.missing(fields).length === 0) return ready();
    const work = s.index.missing(fields).length > 0 ? s.run(fields) : s.work;
    if (this.mode === 'await') {
      await work;
      return ready();
    }
    void work.then(() => {
      for (const l of this.listeners) l();
    });
  }
}

/** One sample index and the indexing passes queued on it (one at a time). */
class Slot {
  busy = 0;
  work: Promise<void> = Promise.resolve();
  constructor(readonly index: SampleIndex) {}

  run(fields: string[]): Promise<void> {
    this.busy++;
    this.work = this.work
      .then(() => this.index.add(fields))
      .catch((e: unknown) => {
        this.index.problems.push(`indexing failed: ${(e as Error).message}`);
      })
      .finally(() => {
        this.busy--;
      });
    return this.work;
  }
}

/** The one service both front ends share (the CLI leaves it in `await` mode). */
export const SAMPLE_HITS = new SampleHitsService();
installHoverHits();
