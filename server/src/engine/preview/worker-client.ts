/**
 * Runs a preview in a worker thread with a watchdog. JavaScript cannot interrupt a running
 * regex, so the only safe budget is a thread that can be terminated: the worker writes which
 * event and which `|re` it is evaluating into shared memory; when a regex has been running on the
 * same event for longer than the budget, the worker is terminated, the event is reported as
 * skipped, the regex as slow, and a new worker resumes after that event with the regex still on
 * (later events are still evaluated; the count of abandoned events is in `warnings`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PROBE_INDEX, PROBE_MATCHED, PROBE_REGEX, PROBE_SCANNED, PROBE_SLOTS, PROBE_SOURCE } from './compile/probe';
import { compileRule, RuleCompileError, type CompiledRule } from './compile/rule';
import { ruleFromText, type RuleText } from './rule-input';
import { sizeOf } from './readers/chunks';
import type { ReaderSource } from './readers/bytes';
import { defaultWorkers, planParts } from './split';
import type { EntryStat, PreviewMatch, PreviewOptions, PreviewResult, SampleSource, SkippedRecord, SlowRegex, SourceSummary } from './types';
import type { WorkerInput } from './worker';

const DEFAULT_EVENT_BUDGET_MS = 2000;

/** dist/preview-worker.js beside the bundle, or worker.js beside this file (compiled tests). */
function workerScript(): string {
  for (const name of ['preview-worker.js', 'worker.js']) {
    const p = join(__dirname, name);
    if (existsSync(p)) return p;
  }
  throw new Error(`preview worker script not found beside ${__dirname}`);
}

interface DoneMessage {
  type: 'done';
  outcome: { scanned: number; matched: number; sources: SourceSummary[]; warnings: string[]; rangeLines: Record<string, number> };
  entryStats?: EntryStat[];
}
type WorkerMessage =
  | { type: 'match'; match: PreviewMatch }
  | { type: 'skipped'; skipped: SkippedRecord }
  | { type: 'progress'; progress: Parameters<NonNullable<PreviewOptions['onProgress']>>[0] }
  | { type: 'unit'; ordinal: number; source: string }
  | DoneMessage
  | { type: 'error'; message: string; compile: boolean };

export async function previewInWorker(rule: RuleText, samples: SampleSource[], options: PreviewOptions = {}): Promise<PreviewResult> {
  // Compiling here too is cheap and tells the title, the regexes (for slow-regex reports) and
  // compile errors without a round trip.
  const compiled = compileRule(ruleFromText(rule), { placeholders: options.placeholders });
  const limit = options.limit ?? 1000;
  let bytesTotal = 0;
  for (const s of samples) bytesTotal += await sizeOf(s);
  const parts = await planParts(samples, options.workers ?? defaultWorkers(), options.splitMinBytes);

  // Progress: the latest report of each part, summed.
  const latest = parts.map(() => ({ scanned: 0, matched: 0, bytesRead: 0, source: '' }));
  const progressOf = (i: number): PreviewOptions['onProgress'] =>
    options.onProgress &&
    ((p) => {
      latest[i] = p;
      const sum = latest.reduce((a, b) => ({
        source: b.source || a.source,
        scanned: a.scanned + b.scanned,
        matched: a.matched + b.matched,
        bytesRead: a.bytesRead + b.bytesRead,
      }));
      options.onProgress?.({ ...sum, bytesTotal });
    });
  const results = await Promise.all(parts.map((part, i) => runPart(rule, compiled, part, { ...options, onProgress: progressOf(i) }, limit, bytesTotal)));
  const merged = mergeParts(results, parts, limit);
  return {
    rule: compiled.title,
    ...merged,
    warnings: [...compiled.warnings, ...merged.warnings].filter((w, i, a) => a.indexOf(w) === i),
  };
}

type PartResult = Omit<PreviewResult, 'rule'> & { rangeLines: Record<string, number> };

/** One worker's share, with the watchdog's restarts: the whole preview when nothing is split. */
async function runPart(
  rule: RuleText,
  compiled: CompiledRule,
  samples: SampleSource[],
  options: PreviewOptions,
  limit: number,
  bytesTotal: number,
): Promise<PartResult> {
  const budget = options.eventBudgetMs ?? DEFAULT_EVENT_BUDGET_MS;
  const acc: PartAccumulator = {
    matches: [],
    skipped: [],
    slowRegexes: [],
    warnings: new Set(),
    sources: new Map(),
    timeouts: new Map(),
    unitNames: new Map(),
    rangeLines: {},
    scanned: 0,
    matched: 0,
  };
  let entryStats: EntryStat[] | undefined;
  let resume: { source: number; afterIndex: number } | undefined;
  let cancelled = false;
  for (;;) {
    const probeBuffer = new SharedArrayBuffer(PROBE_SLOTS * 4);
    const probe = new Int32Array(probeBuffer);
    probe[PROBE_REGEX] = -1;
    const input = workerInput(rule, samples, options, Math.max(0, limit - acc.matches.length), resume, bytesTotal, probeBuffer);
    const run = await runOnce(input, probe, budget, options, {
      match: (m) => {
        if (acc.matches.length < limit) acc.matches.push(m);
      },
      skipped: (s) => acc.skipped.push(s),
      unit: (ordinal, source) => acc.unitNames.set(ordinal, source),
    });
    if (run.kind === 'error') {
      if (run.compile) throw new RuleCompileError(run.message);
      throw new Error(`preview worker failed: ${run.message}`);
    }
    if (run.kind === 'cancelled') {
      acc.scanned += probe[PROBE_SCANNED];
      acc.matched += probe[PROBE_MATCHED];
      cancelled = true;
      break;
    }
    if (run.kind === 'done') {
      addDone(acc, run.done);
      entryStats = run.done.entryStats;
      break;
    }
    resume = timedOut(acc, compiled, samples, probe, run.regex, budget);
  }
  timeoutWarnings(acc, compiled, budget);
  const { matches, skipped, slowRegexes, scanned, matched, rangeLines } = acc;
  return {
    scanned,
    matched,
    matches,
    skipped,
    slowRegexes,
    entryStats,
    warnings: [...acc.warnings],
    sources: [...acc.sources.values()],
    cancelled,
    rangeLines,
  };
}

/** What a part gathers across the watchdog's restarts. */
interface PartAccumulator {
  matches: PreviewMatch[];
  skipped: SkippedRecord[];
  slowRegexes: SlowRegex[];
  warnings: Set<string>;
  sources: Map<string, SourceSummary>;
  /** Regex id → events abandoned in it (they are in `skipped`; the regex stays enabled). */
  timeouts: Map<number, number>;
  /** Units (files and archive members) by their number in reading order, to name a stuck one. */
  unitNames: Map<number, string>;
  rangeLines: Record<string, number>;
  scanned: number;
  matched: number;
}

function workerInput(
  rule: RuleText,
  samples: SampleSource[],
  options: PreviewOptions,
  limit: number,
  resume: WorkerInput['resume'],
  bytesTotal: number,
  probe: SharedArrayBuffer,
): WorkerInput {
  return {
    rule,
    samples,
    limit,
    profile: options.profile,
    placeholders: options.placeholders,
    entryStats: options.entryStats,
    strict: options.strict,
    includeEvents: options.includeEvents,
    resume,
    disabledRegexes: [],
    bytesTotal,
    probe,
  };
}

function addDone(acc: PartAccumulator, done: DoneMessage): void {
  acc.scanned += done.outcome.scanned;
  acc.matched += done.outcome.matched;
  addSourceSummaries(acc.sources, done.outcome.sources);
  done.outcome.warnings.forEach((w) => acc.warnings.add(w));
  Object.assign(acc.rangeLines, done.outcome.rangeLines);
}

/**
 * Timed out in a regex: reports the event as skipped and says where to resume (after it). The
 * regex stays on: a pathological value in one event must not hide the matches of later events.
 */
function timedOut(
  acc: PartAccumulator,
  compiled: CompiledRule,
  samples: SampleSource[],
  probe: Int32Array,
  regexId: number,
  budget: number,
): { source: number; afterIndex: number } {
  const info = compiled.regexes[regexId];
  const sourceIndex = probe[PROBE_SOURCE];
  const index = probe[PROBE_INDEX];
  const source = acc.unitNames.get(sourceIndex) ?? samples[sourceIndex]?.source ?? '';
  acc.scanned += probe[PROBE_SCANNED];
  acc.matched += probe[PROBE_MATCHED];
  addSourceSummaries(acc.sources, [{ source, format: 'unknown', scanned: 0, matched: 0, skipped: 1 }]);
  if (info) {
    acc.slowRegexes.push({ selection: info.selection, field: info.field, pattern: info.pattern, range: info.range, source, index, budgetMs: budget });
    acc.skipped.push({
      source,
      index,
      reason: `evaluation abandoned after ${budget} ms in regex '${info.pattern}' (${info.selection}, ${info.field || 'keywords'})`,
    });
  }
  acc.timeouts.set(regexId, (acc.timeouts.get(regexId) ?? 0) + 1);
  return { source: sourceIndex, afterIndex: index };
}

function timeoutWarnings(acc: PartAccumulator, compiled: CompiledRule, budget: number): void {
  for (const [id, n] of acc.timeouts) {
    const info = compiled.regexes[id];
    if (info)
      acc.warnings.add(
        `regex '${info.pattern}' (${info.selection}, ${info.field || 'keywords'}) ran past the ${budget} ms budget on ${n} event${n === 1 ? '' : 's'}: ${n === 1 ? 'it is' : 'they are'} listed in skipped, not evaluated; the regex stayed on for the other events`,
      );
  }
}

/**
 * Results of contiguous parts, in part order. A file cut into ranges continues its numbering:
 * events (and `line N` in reasons) of a range come after those of the ranges before it.
 */
function mergeParts(results: PartResult[], parts: ReaderSource[][], limit: number): Omit<PreviewResult, 'rule'> {
  if (results.length === 1) return results[0];
  const out: Omit<PreviewResult, 'rule'> = { scanned: 0, matched: 0, matches: [], skipped: [], slowRegexes: [], warnings: [], sources: [], cancelled: false };
  const sources = new Map<string, SourceSummary>();
  const indexBase = new Map<string, number>();
  const lineBase = new Map<string, number>();
  results.forEach((r, i) => {
    const ranged = new Set(parts[i].filter((s) => s.range && s.range.start > 0).map((s) => s.source));
    const shift = <T extends { source: string; index: number }>(x: T): T =>
      ranged.has(x.source) && x.index >= 0 ? { ...x, index: x.index + (indexBase.get(x.source) ?? 0) } : x;
    const relines = (s: SkippedRecord): SkippedRecord =>
      ranged.has(s.source) ? { ...s, reason: s.reason.replace(/^line (\d+):/, (_, n: string) => `line ${Number(n) + (lineBase.get(s.source) ?? 0)}:`) } : s;
    out.scanned += r.scanned;
    out.matched += r.matched;
    for (const m of r.matches) if (out.matches.length < limit) out.matches.push(shift(m));
    for (const s of r.skipped) out.skipped.push(relines(shift(s)));
    for (const s of r.slowRegexes) out.slowRegexes.push(shift(s));
    for (const w of r.warnings) if (!out.warnings.includes(w)) out.warnings.push(w);
    out.cancelled ||= r.cancelled;
    if (r.entryStats) out.entryStats = out.entryStats ? out.entryStats.map((e, j) => ({ ...e, hits: e.hits + (r.entryStats?.[j]?.hits ?? 0) })) : r.entryStats;
    addSourceSummaries(sources, r.sources);
    // Ranges of a file always lie in consecutive parts, so running totals are the bases.
    for (const s of parts[i]) {
      if (!s.range) continue;
      indexBase.set(s.source, sources.get(s.source)?.scanned ?? 0);
      lineBase.set(s.source, (lineBase.get(s.source) ?? 0) + (r.rangeLines[s.source] ?? 0));
    }
  });
  out.sources = [...sources.values()];
  return out;
}

type RunResult =
  { kind: 'done'; done: DoneMessage } | { kind: 'timeout'; regex: number } | { kind: 'cancelled' } | { kind: 'error'; message: string; compile: boolean };

function runOnce(
  input: WorkerInput,
  probe: Int32Array,
  budget: number,
  options: PreviewOptions,
  sink: { match(m: PreviewMatch): void; skipped(s: SkippedRecord): void; unit(ordinal: number, source: string): void },
): Promise<RunResult> {
  return new Promise((resolvePromise) => {
    // Cancelled before it started: no worker to spin up or tear down.
    if (options.signal?.aborted) {
      resolvePromise({ kind: 'cancelled' });
      return;
    }
    const worker = new Worker(workerScript(), { workerData: input });
    let settled = false;
    let timer: ReturnType<typeof setInterval> | undefined;
    const finish = (r: RunResult): void => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearInterval(timer);
      options.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      resolvePromise(r);
    };
    const onAbort = (): void => finish({ kind: 'cancelled' });
    options.signal?.addEventListener('abort', onAbort);
    // Watchdog: the same event with a regex running for longer than the budget.
    let lastKey = '';
    let since = Date.now();
    timer = setInterval(
      () => {
        const regex = probe[PROBE_REGEX];
        const key = `${probe[PROBE_SOURCE]}:${probe[PROBE_INDEX]}:${regex}`;
        if (regex < 0 || key !== lastKey) {
          lastKey = key;
          since = Date.now();
          return;
        }
        if (Date.now() - since >= budget) finish({ kind: 'timeout', regex });
      },
      Math.max(10, Math.min(250, budget / 4)),
    );
    worker.on('message', (msg: WorkerMessage) => {
      if (settled) return;
      switch (msg.type) {
        case 'match':
          sink.match(msg.match);
          break;
        case 'skipped':
          sink.skipped(msg.skipped);
          break;
        case 'progress':
          options.onProgress?.(msg.progress);
          break;
        case 'unit':
          sink.unit(msg.ordinal, msg.source);
          break;
        case 'done':
          finish({ kind: 'done', done: msg });
          break;
        case 'error':
          finish({ kind: 'error', message: msg.message, compile: msg.compile });
          break;
      }
    });
    worker.on('error', (e) => finish({ kind: 'error', message: e.message, compile: false }));
    worker.on('exit', (code) => finish({ kind: 'error', message: `worker exited with code ${code}`, compile: false }));
  });
}

/** Adds per-source counts into `into` (a source read by several runs or parts is one row). */
function addSourceSummaries(into: Map<string, SourceSummary>, list: readonly SourceSummary[]): void {
  for (const s of list) {
    const prev = into.get(s.source);
    if (!prev) into.set(s.source, { ...s });
    else {
      prev.scanned += s.scanned;
      prev.matched += s.matched;
      prev.skipped += s.skipped;
      if (prev.format === 'unknown') prev.format = s.format;
    }
  }
}
