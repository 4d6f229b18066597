/**
 * The scan loop: reads each sample, filters by logsource, evaluates the compiled rule, and
 * reports matches, unreadable records and progress through a sink. NDJSON lines go through the
 * raw pre-filter first (compile/raw-access.ts) and are parsed only when they might match.
 * Runs in-process (tests, small inputs) or inside the worker (worker.ts), same code.
 */
import type { CompiledRule } from './compile/rule';
import { EventAccess } from './compile/event-access';
import { PROBE_INDEX, PROBE_MATCHED, PROBE_SCANNED, PROBE_SOURCE, getProbe } from './compile/probe';
import { RawLineAccess } from './compile/raw-access';
import { EventView, type ProfileChoice } from './fields/resolve';
import { findProfile, profileAdmits } from './fields/profiles';
import { sizeOf } from './readers/chunks';
import { expandSource } from './readers/archive';
import type { ReaderSource } from './readers/bytes';
import { detectFormat } from './readers/detect';
import { readFormat, type ReadItem } from './readers/index';
import { isBlank, parseLine, readLineBatches } from './readers/ndjson';
import type { EntryStat, PreviewMatch, PreviewProgress, SampleFormat, SampleSource, SkippedRecord, SourceSummary, TelemetryEvent } from './types';

export interface ScanSink {
  match(m: PreviewMatch): void;
  skipped(s: SkippedRecord): void;
  progress?(p: PreviewProgress): void;
  /** A unit (file or archive member) starts: its number in reading order and its name. */
  unit?(ordinal: number, source: string): void;
}

interface ScanOptions {
  profile?: string;
  entryStats?: boolean;
  strict?: boolean;
  signal?: AbortSignal;
  includeEvents?: boolean;
  /**
   * Resume after a watchdog restart: skip units (sources, archive members) before `source` and
   * records up to `afterIndex`.
   */
  resume?: { source: number; afterIndex: number };
  /** Total bytes of all sources, for progress. */
  bytesTotal?: number;
  /** Matches the caller keeps: past this many, matches are counted but not built or sent. */
  limit?: number;
}

interface ScanOutcome {
  scanned: number;
  matched: number;
  sources: SourceSummary[];
  entryHits: number[][][][] | null;
  cancelled: boolean;
  warnings: string[];
  /** Lines read per source scanned as a byte range (split.ts), to renumber the next range's lines. */
  rangeLines: Record<string, number>;
}

const PROGRESS_EVERY = 4096;
/** Lines the pre-filter tries before judging whether it pays (it rejects almost nothing on some data). */
const PREFILTER_TRIAL = 2000;
const PREFILTER_MIN_REJECTED = 100;

export async function scan(rule: CompiledRule, sources: SampleSource[], sink: ScanSink, options: ScanOptions = {}): Promise<ScanOutcome> {
  return new ScanRun(rule, sink, options).run(sources);
}

/** Per-source counters and the place its records are reported under. */
interface UnitState {
  src: ReaderSource;
  summary: SourceSummary;
  /** Records up to this index were scanned before a watchdog restart. */
  skipUpTo: number;
  /** An archive member: progress counts the archive's bytes, not the member's. */
  member: boolean;
  lastBytes: number;
}

/** One scan's state: the rule, where results go, and the running counts. */
class ScanRun {
  private readonly outcome: ScanOutcome;
  private readonly choice: ProfileChoice;
  private readonly memo: Int8Array;
  private readonly probe = getProbe();
  private readonly usePrefilter: boolean;
  private readonly raw = new RawLineAccess();
  private readonly keep: number;
  private bytesBefore = 0;
  private sinceProgress = 0;
  private lastYield = Date.now();

  constructor(
    private readonly rule: CompiledRule,
    private readonly sink: ScanSink,
    private readonly options: ScanOptions,
  ) {
    const warnings: string[] = [];
    let forced = null;
    if (options.profile && options.profile !== 'auto') {
      forced = findProfile(options.profile) ?? null;
      if (!forced) warnings.push(`unknown field-mapping profile '${options.profile}': choosing per event instead`);
    }
    this.choice = { forced };
    this.memo = new Int8Array(rule.searches.length);
    const entryHits = options.entryStats ? rule.searches.map((s) => s.groups.map((g) => g.map((it) => it.entryTests.map(() => 0)))) : null;
    this.outcome = { scanned: 0, matched: 0, sources: [], entryHits, cancelled: false, warnings, rangeLines: {} };
    this.usePrefilter = !options.strict && !options.entryStats && rule.fields.length > 0;
    this.keep = options.limit ?? Infinity;
  }

  /**
   * Units are the sources with archives expanded into their members, numbered in reading order
   * across the whole scan (the probe and `resume` use that number).
   */
  async run(sources: SampleSource[]): Promise<ScanOutcome> {
    const { outcome, options, sink } = this;
    const ui = { n: -1 };
    for (const top of sources) {
      if ((await this.scanSource(top, ui)) === 'cancelled' || options.signal?.aborted) return cancel(outcome);
    }
    sink.progress?.({
      source: '',
      scanned: outcome.scanned,
      matched: outcome.matched,
      bytesRead: options.bytesTotal ?? this.bytesBefore,
      bytesTotal: options.bytesTotal ?? 0,
    });
    return outcome;
  }

  /** One top-level source: a file, or an archive and its members. */
  private async scanSource(top: ReaderSource, ui: { n: number }): Promise<'cancelled' | void> {
    const { options, outcome, sink } = this;
    let topBytes = 0;
    let expanded = false;
    try {
      for await (const unit of expandSource(top)) {
        ui.n++;
        if (options.resume && ui.n < options.resume.source) continue;
        if (unit.kind === 'skipped') {
          outcome.sources.push({ source: unit.source, format: 'unknown', scanned: 0, matched: 0, skipped: 1 });
          sink.skipped({ source: unit.source, index: -1, reason: unit.reason });
          continue;
        }
        sink.unit?.(ui.n, unit.src.source);
        const r = await this.scanUnit(unit.src, ui.n, unit.src !== top);
        expanded ||= unit.src !== top;
        if (r === 'cancelled') return 'cancelled';
        topBytes += r;
      }
    } catch (e) {
      // The archive itself is unreadable (or broke while listing members). A resumed scan has
      // reported it already.
      ui.n++;
      if (options.resume && ui.n < options.resume.source) return;
      outcome.sources.push({ source: top.source, format: 'unknown', scanned: 0, matched: 0, skipped: 1 });
      sink.skipped({ source: top.source, index: -1, reason: (e as Error).message });
    }
    if (options.signal?.aborted) return 'cancelled';
    this.bytesBefore += expanded ? await sizeOf(top) : topBytes;
  }

  /** Scans one unit (a file or an archive member); returns the bytes it read, for progress. */
  private async scanUnit(src: ReaderSource, ui: number, member: boolean): Promise<number | 'cancelled'> {
    const skipUpTo = this.options.resume && ui === this.options.resume.source ? this.options.resume.afterIndex : -1;
    if (this.probe) this.probe[PROBE_SOURCE] = ui;
    const summary: SourceSummary = { source: src.source, format: 'unknown', scanned: 0, matched: 0, skipped: 0 };
    this.outcome.sources.push(summary);
    const unit: UnitState = { src, summary, skipUpTo, member, lastBytes: 0 };
    const format = await this.formatOf(unit);
    if (format === null) return 0;
    summary.format = format;
    try {
      const r = format === 'ndjson' ? await this.scanLines(unit) : await this.scanRecords(unit, format);
      if (r === 'cancelled') return r;
    } catch (e) {
      this.skip(unit, { source: src.source, index: -1, reason: (e as Error).message });
    }
    if (this.options.signal?.aborted) return 'cancelled';
    return unit.lastBytes;
  }

  /** The unit's format, or null when it is unreadable (reported). */
  private async formatOf(unit: UnitState): Promise<SampleFormat | null> {
    try {
      const f = await detectFormat(unit.src);
      if (typeof f === 'string') return f;
      this.skip(unit, { source: unit.src.source, index: -1, reason: f.unreadable });
    } catch (e) {
      this.skip(unit, { source: unit.src.source, index: -1, reason: (e as Error).message });
    }
    return null;
  }

  private skip(unit: UnitState, s: SkippedRecord): void {
    unit.summary.skipped++;
    this.sink.skipped(s);
  }

  /** Counts one record of the unit as scanned (and tells the watchdog which one it is). */
  private count(unit: UnitState, index: number): void {
    const probe = this.probe;
    if (probe) probe[PROBE_INDEX] = index;
    this.outcome.scanned++;
    unit.summary.scanned++;
    if (probe) probe[PROBE_SCANNED] = this.outcome.scanned;
  }

  /** After every record: true when the scan was cancelled. Reports and yields only now and then. */
  private async after(unit: UnitState): Promise<boolean> {
    return ++this.sinceProgress >= PROGRESS_EVERY && (await this.tick(unit.src.source, unit.lastBytes));
  }

  /** NDJSON: each line through the raw pre-filter, parsed only when it might match. */
  private async scanLines(unit: UnitState): Promise<'cancelled' | void> {
    const { rule, memo, raw } = this;
    const src = unit.src;
    let index = 0;
    let tried = 0;
    let rejected = 0;
    let prefilter = this.usePrefilter;
    for await (const b of readLineBatches(src, this.options.signal)) {
      unit.lastBytes = unit.member ? 0 : b.bytes || unit.lastBytes;
      if (src.range) this.outcome.rangeLines[src.source] = b.firstLine + b.starts.length - 1;
      raw.setChunk(b.text);
      for (let i = 0; i < b.starts.length; i++) {
        const s = b.starts[i];
        const e = b.ends[i];
        if (isBlank(b.text, s, e)) continue;
        const idx = index++;
        if (idx <= unit.skipUpTo) continue;
        this.count(unit, idx);
        let rawMatched = false;
        if (prefilter && raw.reset(s, e)) {
          tried++;
          const verdict = raw.verdict(rule, memo);
          if (verdict === 0) {
            rejected++;
            if (await this.after(unit)) return 'cancelled';
            continue;
          }
          // Stop paying for the pre-filter when it almost never rejects (e.g. other key casing).
          if (tried === PREFILTER_TRIAL && rejected < PREFILTER_MIN_REJECTED) prefilter = false;
          rawMatched = verdict === 1;
        }
        const item = parseLine(b.text, s, e, idx, b.firstLine + i);
        if (item.kind === 'skipped') this.skip(unit, { source: src.source, index: item.index, reason: item.reason });
        else this.evaluateEvent(item.event, src.source, idx, unit.summary, rawMatched);
        if (await this.after(unit)) return 'cancelled';
      }
    }
  }

  /** Every other format: the reader's records, each evaluated. */
  private async scanRecords(unit: UnitState, format: SampleFormat): Promise<'cancelled' | void> {
    const src = unit.src;
    for await (const item of readFormat(src, format, this.options.signal) as AsyncGenerator<ReadItem>) {
      if (item.index <= unit.skipUpTo) continue;
      this.count(unit, item.index);
      if (item.kind === 'skipped') this.skip(unit, { source: src.source, index: item.index, reason: item.reason });
      else this.evaluateEvent(item.event, src.source, item.index, unit.summary);
      if (await this.after(unit)) return 'cancelled';
    }
  }

  /**
   * `rawMatched`: the pre-filter already found the condition true on the raw line. Raw values are
   * what resolution returns first for the parsed event (raw-access.ts), so a definite raw result
   * is the parsed result: `memo` keeps the raw search results (0/1 definite, 2 unknown) and the
   * condition is not evaluated a second time; the profile and logsource gates still apply.
   */
  private evaluateEvent(event: TelemetryEvent, source: string, index: number, summary: SourceSummary, rawMatched = false): void {
    const { rule, memo, outcome } = this;
    const view = new EventView(event, this.choice);
    if (!profileAdmits(view.currentProfile(), rule.category)) return;
    if (rule.logsource.test((f) => view.get(f), view.renames) === 0) return;
    const access = new EventAccess(view);
    if (outcome.entryHits) countEntries(rule, access, outcome.entryHits);
    if (!rawMatched) {
      memo.fill(-1);
      if (rule.evaluate(access, memo) !== 1) return;
    }
    outcome.matched++;
    summary.matched++;
    if (this.probe) this.probe[PROBE_MATCHED] = outcome.matched;
    // Past the limit a match is only counted: nobody will see its selections or fields.
    if (outcome.matched > this.keep) return;
    this.sink.match({
      source,
      index,
      event: this.options.includeEvents === false ? {} : event,
      selections: this.selections(access),
      fields: this.fieldPaths(view),
    });
  }

  /** The positive searches that hold for the event (`memo` has those the condition decided). */
  private selections(access: EventAccess): string[] {
    const { rule, memo } = this;
    const out: string[] = [];
    rule.searches.forEach((s, i) => {
      if (!rule.positive.has(s.name)) return;
      const known = memo[i];
      const r = known === 0 || known === 1 ? known : s.test(access);
      if (r === 1) out.push(s.name);
    });
    return out;
  }

  /** Where each rule field was found in the event, for highlighting. */
  private fieldPaths(view: EventView): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const f of this.rule.fields) {
      const hit = view.resolve(f);
      if (hit) fields[f] = hit.path;
    }
    return fields;
  }

  // Called every PROGRESS_EVERY records: reports progress and lets other work in.
  private async tick(source: string, bytes: number): Promise<boolean> {
    const { outcome, options } = this;
    this.sinceProgress = 0;
    this.sink.progress?.({
      source,
      scanned: outcome.scanned,
      matched: outcome.matched,
      bytesRead: this.bytesBefore + bytes,
      bytesTotal: options.bytesTotal ?? 0,
    });
    // Let cancellation and other work in: yield to the event loop every ~50 ms.
    if (Date.now() - this.lastYield > 50) {
      await new Promise<void>((r) => setImmediate(r));
      this.lastYield = Date.now();
    }
    return !!options.signal?.aborted;
  }
}

function cancel(o: ScanOutcome): ScanOutcome {
  o.cancelled = true;
  return o;
}

function countEntries(rule: CompiledRule, access: EventAccess, hits: number[][][][]): void {
  rule.searches.forEach((s, si) =>
    s.groups.forEach((g, gi) =>
      g.forEach((it, ii) =>
        it.entryTests.forEach((t, vi) => {
          if (t(access)) hits[si][gi][ii][vi]++;
        }),
      ),
    ),
  );
}

/** Flattens entry hit counts with the rule's value ranges, for the editor. */
export function entryStats(rule: CompiledRule, hits: number[][][][]): EntryStat[] {
  const out: EntryStat[] = [];
  rule.searches.forEach((s, si) =>
    s.groups.forEach((g, gi) =>
      g.forEach((it, ii) =>
        it.entries.forEach((entry, vi) => {
          out.push({ selection: s.name, group: gi, item: ii, value: vi, field: it.field, range: entry.range, hits: hits[si][gi][ii][vi] });
        }),
      ),
    ),
  );
  return out;
}
