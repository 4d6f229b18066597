import type { TriplineConfig } from '../config/config';
import type { SourceFile } from '../document/source';
import { domainEntries } from '../domains/extractors';
import type { DomainEntry } from '../domains/entry';
import { EntryHitsMemo, entryHits, type EntryHits } from './entry-hits';
import { kqlCountable, kqlEntryHits, kqlEntryHitsCached, KqlSampleTables, KQL_FILE_BUDGET_MS, type KqlFallback } from './kql-hits';
import type { FileSampleHits } from './file-hits';
import { sampleFingerprint } from './fingerprint';
import { resolveSampleSources, type SampleSet } from './sources';
import { ruleContextFiles } from '../preview';
import { IndexStore, type IndexOrigin, type IndexPhase } from './index-store';
import { countOnIndex, type SampleCount } from './rule-count';
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
  /** Where indexes are kept between sessions (the editor's storage); none: built in memory each time. */
  private store: IndexStore | null = null;

  /** Each front end's Engine owns one; `mode` is fixed for its life (see the class comment). */
  constructor(readonly mode: 'await' | 'background' = 'await') {}

  /** Keep sample indexes in `dir` between sessions (null: memory only). */
  useStore(dir: string | null): void {
    if ((this.store?.dir ?? null) === dir) return;
    this.store = dir ? new IndexStore(dir) : null;
  }

  /** How the current index came to be (read back from the store, built...); undefined before the first. */
  indexOrigin(): IndexOrigin | undefined {
    return [...this.indexes.values()][0]?.origin;
  }

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

  /**
   * A detection rule's match count from the sample index (see rule-count.ts), or null when the
   * full preview must answer: the index is not ready yet (it is started, and listeners told when
   * it is), the rule is a correlation or has filters or other rules around it, a field-mapping
   * profile is forced (the index reads events with automatic profiles), or a regex ran long.
   */
  async countRule(file: SourceFile, docIndex: number, config: TriplineConfig): Promise<SampleCount | null> {
    const rule = docIndex < 0 ? file.sigma.find((r) => r.type === 'detection') : file.sigma.find((r) => r.docIndex === docIndex);
    if (!rule || rule.type !== 'detection') return null;
    if (config.samples.profile && config.samples.profile !== 'auto') return null;
    const set = this.samples(config);
    if (set.sources.length === 0) return null;
    const slot = this.slotFor(set);
    // Reading a saved index back takes a fraction of a preview: worth waiting for.
    if (!slot.index.ready && slot.phase === 'loading') await slot.loaded();
    if (slot.busy > 0 || !slot.index.ready) {
      if (!slot.countersWaiting) {
        // The editor asks again when told: once per index, however many lenses asked meanwhile.
        slot.countersWaiting = true;
        void slot.work.then(() => this.listeners.forEach((l) => l()));
      }
      return null;
    }
    if (ruleContextFiles(file.path, file.text, config).length > 0) return null;
    return countOnIndex(slot.index, rule, config.samples.placeholders);
  }

  /** The index of the current samples, started (read back or built) when new. */
  private slotFor(set: SampleSet): Slot {
    const fp = sampleFingerprint(set.sources);
    let slot = this.indexes.get(fp);
    if (!slot) {
      // Only the current samples matter: forget indexes of files that changed since.
      this.indexes.clear();
      slot = new Slot(new SampleIndex(set.sources, set.attack), set);
      // Warm-up: the index is awaited (or listened for) where it is used; a failure shows there.
      void slot.warm(this.store);
      this.indexes.set(fp, slot);
    }
    return slot;
  }

  async prepare(file: SourceFile, config: TriplineConfig): Promise<void> {
    if (file.kind === 'other' || config.checks['domains/noisy-in-samples'] === 'off') return;
    const entries = domainEntries(file).filter((e) => e.field);
    if (entries.length === 0) return;
    const set = this.samples(config);
    if (set.sources.length === 0) return;
    const s = this.slotFor(set);
    // KQL entries are counted through their queries (kql-hits.ts); the index serves the rest.
    const kqlEntries = kqlCountable(entries);
    const ready = (kql: Map<DomainEntry, EntryHits | KqlFallback> | null): void => {
      const hits = withKqlCounts(entryHits(file, entries, s.index, { memo: s.entryMemo }), kql);
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
  origin: IndexOrigin | undefined;
  /** What the first pass is doing while the index is not ready. */
  phase: IndexPhase = 'building';
  private readonly phaseWaiters: (() => void)[] = [];
  /** Entry counts of earlier analyses on this index. */
  readonly entryMemo = new EntryHitsMemo();
  /** Someone asked for a rule count before the index was ready (and is told when it is). */
  countersWaiting = false;
  readonly kql: KqlSampleTables;
  constructor(
    readonly index: SampleIndex,
    private readonly set: SampleSet,
  ) {
    this.kql = new KqlSampleTables(set.sources, set.attack);
  }

  /** The first pass: the default fields, read back from the store when it has them. */
  warm(store: IndexStore | null): Promise<void> {
    const build = (): Promise<void> => this.index.add(DEFAULT_INDEX_FIELDS);
    const onPhase = (p: IndexPhase): void => {
      this.phase = p;
      if (p !== 'loading') this.phaseWaiters.splice(0).forEach((w) => w());
    };
    onPhase(store ? 'loading' : 'building');
    const work = this.queue(async () => {
      this.origin = store ? await store.loadOrBuild(this.index, this.set.attack, DEFAULT_INDEX_FIELDS, build, onPhase) : (await build(), { kind: 'memory', why: 'no store' });
    });
    void work.finally(() => this.phaseWaiters.splice(0).forEach((w) => w()));
    return work;
  }

  /** Resolves when the index is read back from the store, or turns out to need building. */
  loaded(): Promise<void> {
    if (this.phase !== 'loading' || this.index.ready) return Promise.resolve();
    return new Promise((r) => this.phaseWaiters.push(r));
  }

  run(fields: string[]): Promise<void> {
    return this.queue(() => this.index.add(fields));
  }

  private queue(job: () => Promise<void>): Promise<void> {
    this.busy++;
    this.work = this.work
      .then(job)
      .catch((e: unknown) => {
        this.index.problems.push(`indexing failed: ${(e as Error).message}`);
      })
      .finally(() => {
        this.busy--;
      });
    return this.work;
  }
}
