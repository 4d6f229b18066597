import type { TriplineConfig } from '../config/config';
import type { SourceFile } from '../document/source';
import { domainEntries } from '../domains/extractors';
import type { DomainEntry } from '../domains/entry';
import { entryHits, type EntryHits } from './entry-hits';
import { kqlCountable, kqlEntryHits, kqlEntryHitsCached, KqlSampleTables, KQL_FILE_BUDGET_MS, type KqlFallback } from './kql-hits';
import type { FileSampleHits } from './file-hits';
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
export class SampleHitsService {
  /** Where relative `samples.paths` resolve when no config file says (the editor's workspace). */
  workspaceRoot: string | null = null;
  private readonly indexes = new Map<string, Slot>();
  private readonly listeners = new Set<() => void>();
  private resolved: { config: TriplineConfig; root: string | null; at: number; set: SampleSet } | undefined;

  /** Each front end's Engine owns one; `mode` is fixed for its life (see the class comment). */
  constructor(readonly mode: 'await' | 'background' = 'await') {}

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
      slot = new Slot(new SampleIndex(set.sources, set.attack), set);
      // Warm-up: the index is awaited (or listened for) where it is used below; a failure shows there.
      void slot.run(DEFAULT_INDEX_FIELDS);
      this.indexes.set(fp, slot);
    }
    const s = slot;
    // KQL entries are counted through their queries (kql-hits.ts); the index serves the rest.
    const kqlEntries = kqlCountable(entries);
    const ready = (kql: Map<DomainEntry, EntryHits | KqlFallback> | null): void => {
      const hits = withKqlCounts(entryHits(file, entries, s.index), kql);
      file.slots.sampleHits = { hits, sources: set.sources.length, baselineEvents: s.index.events.baseline } satisfies FileSampleHits;
    };
    const fields = entries.map((e) => e.field);
    const indexed = s.busy === 0 && s.index.missing(fields).length === 0;
    if (kqlEntries.length === 0 && indexed) return ready(null);
    const cached = kqlEntries.length === 0 ? null : kqlEntryHitsCached(file, entries, s.kql);
    if (indexed && (kqlEntries.length === 0 || cached)) return ready(cached);
    const work = s.index.missing(fields).length > 0 ? s.run(fields) : s.work;
    // The CLI counts every entry; the editor evaluates within a budget and comes back for the rest
    // (the listeners re-run analysis, which finds the finished counts cached), so both end equal.
    const counting = kqlEntries.length === 0 ? Promise.resolve(null) : kqlEntryHits(file, entries, s.kql, this.mode === 'await' ? Infinity : KQL_FILE_BUDGET_MS);
    if (this.mode === 'await') {
      const [, kql] = await Promise.all([work, counting]);
      return ready(kql);
    }
    void Promise.all([work, counting]).then(
      () => {
        for (const l of this.listeners) l();
      },
      () => undefined,
    );
  }
}

/** The index's counts with the KQL entries' whole-query counts in place (or the reason they stay per column). */
function withKqlCounts(hits: EntryHits[], kql: Map<DomainEntry, EntryHits | KqlFallback> | null): EntryHits[] {
  if (!kql) return hits;
  return hits.map((h) => {
    const k = kql.get(h.entry);
    if (k === undefined) return h;
    return typeof k === 'string' ? { ...h, fallback: k } : k;
  });
}

/** One sample index and the indexing passes queued on it (one at a time). */
class Slot {
  busy = 0;
  work: Promise<void> = Promise.resolve();
  readonly kql: KqlSampleTables;
  constructor(readonly index: SampleIndex, set: SampleSet) {
    this.kql = new KqlSampleTables(set.sources, set.attack);
  }

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
