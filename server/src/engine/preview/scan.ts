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

export async function scan(rule: CompiledRule, sources: SampleSource[], sink: ScanSink, options: ScanOptions = {}): Promise<ScanOutcome> {
  const warnings: string[] = [];
  let forced = null;
  if (options.profile && options.profile !== 'auto') {
    forced = findProfile(options.profile) ?? null;
    if (!forced) warnings.push(`unknown field-mapping profile '${options.profile}': choosing per event instead`);
  }
  const choice: ProfileChoice = { forced };
  const memo = new Int8Array(rule.searches.length);
  const probe = getProbe();
  const entryHits = options.entryStats ? rule.searches.map((s) => s.groups.map((g) => g.map((it) => it.entryTests.map(() => 0)))) : null;
  const outcome: ScanOutcome = { scanned: 0, matched: 0, sources: [], entryHits, cancelled: false, warnings, rangeLines: {} };
  const usePrefilter = !options.strict && !options.entryStats && rule.fields.length > 0;
  const raw = new RawLineAccess();
  let bytesBefore = 0;
  let sinceProgress = 0;
  let lastYield = Date.now();

  const keep = options.limit ?? Infinity;

  /**
   * `rawMatched`: the pre-filter already found the condition true on the raw line. Raw values are
   * what resolution returns first for the parsed event (raw-access.ts), so a definite raw result
   * is the parsed result: `memo` keeps the raw search results (0/1 definite, 2 unknown) and the
   * condition is not evaluated a second time; the profile and logsource gates still apply.
   */
  const evaluateEvent = (event: TelemetryEvent, source: string, index: number, summary: SourceSummary, rawMatched = false): void => {
    const view = new EventView(event, choice);
    if (!profileAdmits(view.currentProfile(), rule.category)) return;
    if (rule.logsource.test((f) => view.get(f), view.renames) === 0) return;
    const access = new EventAccess(view);
    if (entryHits) countEntries(rule, access, entryHits);
    if (!rawMatched) {
      memo.fill(-1);
      if (rule.evaluate(access, memo) !== 1) return;
    }
    outcome.matched++;
    summary.matched++;
    if (probe) probe[PROBE_MATCHED] = outcome.matched;
    // Past the limit a match is only counted: nobody will see its selections or fields.
    if (outcome.matched > keep) return;
    const selections: string[] = [];
    rule.searches.forEach((s, i) => {
      if (!rule.positive.has(s.name)) return;
      const known = memo[i];
      const r = known === 0 || known === 1 ? known : s.test(access);
      if (r === 1) selections.push(s.name);
    });
    const fields: Record<string, string> = {};
    for (const f of rule.fields) {
      const hit = view.resolve(f);
      if (hit) fields[f] = hit.path;
    }
    sink.match({ source, index, event: options.includeEvents === false ? {} : event, selections, fields });
  };

  // Called after every record; only every PROGRESS_EVERY records does it report and yield
  // (callers test the counter first so the common path allocates no promise).
  const tick = async (source: string, bytes: number): Promise<boolean> => {
    sinceProgress = 0;
    sink.progress?.({ source, scanned: outcome.scanned, matched: outcome.matched, bytesRead: bytesBefore + bytes, bytesTotal: options.bytesTotal ?? 0 });
    // Let cancellation and other work in: yield to the event loop every ~50 ms.
    if (Date.now() - lastYield > 50) {
      await new Promise<void>((r) => setImmediate(r));
      lastYield = Date.now();
    }
    return !!options.signal?.aborted;
  };

  /** Scans one unit (a file or an archive member); returns the bytes it read, for progress. */
  const scanUnit = async (src: ReaderSource, ui: number, member: boolean): Promise<number | 'cancelled'> => {
    const skipUpTo = options.resume && ui === options.resume.source ? options.resume.afterIndex : -1;
    if (probe) probe[PROBE_SOURCE] = ui;
    const summary: SourceSummary = { source: src.source, format: 'unknown', scanned: 0, matched: 0, skipped: 0 };
    outcome.sources.push(summary);
    const skip = (s: SkippedRecord): void => {
      summary.skipped++;
      sink.skipped(s);
    };
    let format: SampleFormat;
    try {
      const f = await detectFormat(src);
      if (typeof f !== 'string') {
        skip({ source: src.source, index: -1, reason: f.unreadable });
        return 0;
      }
      format = f;
    } catch (e) {
      skip({ source: src.source, index: -1, reason: (e as Error).message });
      return 0;
    }
    summary.format = format;
    let lastBytes = 0;
    try {
      if (format === 'ndjson') {
        let index = 0;
        let tried = 0;
        let rejected = 0;
        let prefilter = usePrefilter;
        const rawGet = (f: string): unknown => raw.value(f);
        let rawMatched = false;
        for await (const b of readLineBatches(src, options.signal)) {
          lastBytes = member ? 0 : b.bytes || lastBytes;
          if (src.range) outcome.rangeLines[src.source] = b.firstLine + b.starts.length - 1;
          raw.setChunk(b.text);
          for (let i = 0; i < b.starts.length; i++) {
            const s = b.starts[i];
            const e = b.ends[i];
            if (isBlank(b.text, s, e)) continue;
            const idx = index++;
            if (idx <= skipUpTo) continue;
            if (probe) probe[PROBE_INDEX] = idx;
            outcome.scanned++;
            summary.scanned++;
            if (probe) probe[PROBE_SCANNED] = outcome.scanned;
            if (prefilter && raw.reset(s, e)) {
              tried++;
              memo.fill(-1);
              const verdict = rule.evaluate(raw, memo);
              if (verdict === 0 || rule.logsource.test(rawGet) === 0) {
                rejected++;
                if (++sinceProgress >= PROGRESS_EVERY && (await tick(src.source, lastBytes))) return 'cancelled';
                continue;
              }
              // Stop paying for the pre-filter when it almost never rejects (e.g. other key casing).
              if (tried === 2000 && rejected < 100) prefilter = false;
              rawMatched = verdict === 1;
            }
            const item = parseLine(b.text, s, e, idx, b.firstLine + i);
            if (item.kind === 'skipped') skip({ source: src.source, index: item.index, reason: item.reason });
            else evaluateEvent(item.event, src.source, idx, summary, rawMatched);
            rawMatched = false;
            if (++sinceProgress >= PROGRESS_EVERY && (await tick(src.source, lastBytes))) return 'cancelled';
          }
        }
      } else {
        for await (const item of readFormat(src, format, options.signal) as AsyncGenerator<ReadItem>) {
          if (item.index <= skipUpTo) continue;
          if (probe) probe[PROBE_INDEX] = item.index;
          outcome.scanned++;
          summary.scanned++;
          if (probe) probe[PROBE_SCANNED] = outcome.scanned;
          if (item.kind === 'skipped') skip({ source: src.source, index: item.index, reason: item.reason });
          else evaluateEvent(item.event, src.source, item.index, summary);
          if (++sinceProgress >= PROGRESS_EVERY && (await tick(src.source, 0))) return 'cancelled';
        }
      }
    } catch (e) {
      skip({ source: src.source, index: -1, reason: (e as Error).message });
    }
    if (options.signal?.aborted) return 'cancelled';
    return lastBytes;
  };


  // Units are the sources with archives expanded into their members, numbered in reading order
  // across the whole scan (the probe and `resume` use that number).
  let ui = -1;
  for (let si = 0; si < sources.length; si++) {
    const top = sources[si];
    let topBytes = 0;
    let expanded = false;
    try {
      for await (const unit of expandSource(top)) {
        ui++;
        if (options.resume && ui < options.resume.source) continue;
        if (unit.kind === 'skipped') {
          outcome.sources.push({ source: unit.source, format: 'unknown', scanned: 0, matched: 0, skipped: 1 });
          sink.skipped({ source: unit.source, index: -1, reason: unit.reason });
          continue;
        }
        sink.unit?.(ui, unit.src.source);
        const r = await scanUnit(unit.src, ui, unit.src !== top);
        expanded ||= unit.src !== top;
        if (r === 'cancelled') return cancel(outcome);
        topBytes += r;
      }
    } catch (e) {
      // The archive itself is unreadable (or broke while listing members). A resumed scan has
      // reported it already.
      ui++;
      if (options.resume && ui < options.resume.source) continue;
      outcome.sources.push({ source: top.source, format: 'unknown', scanned: 0, matched: 0, skipped: 1 });
      sink.skipped({ source: top.source, index: -1, reason: (e as Error).message });
    }
    if (options.signal?.aborted) return cancel(outcome);
    bytesBefore += expanded ? await sizeOf(top) : topBytes;
  }
  sink.progress?.({ source: '', scanned: outcome.scanned, matched: outcome.matched, bytesRead: options.bytesTotal ?? bytesBefore, bytesTotal: options.bytesTotal ?? 0 });
  return outcome;
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
