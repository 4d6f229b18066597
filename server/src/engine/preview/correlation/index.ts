/**
 * Preview of a Sigma correlation rule: runs each detection rule it refers to (directly or through
 * referenced correlations, with Sigma filters applied) over the samples, turns their matches into
 * timed occurrences, and evaluates the correlation (windowing: evaluate.ts). A referenced
 * correlation contributes its firings as occurrences, timed at the firing's last event, with its
 * group values as fields.
 *
 * The result keeps the detection preview's meaning for every existing field: `scanned` is the
 * number of events read (each referenced rule reads the same samples), `matched`/`matches` are the
 * events the referenced detection rules matched (each once, in reading order), and `correlations`
 * lists the firings of the previewed correlation rule.
 */
import { EventView } from '../fields/resolve';
import { applyFilters } from '../filters/apply';
import { RuleCompileError } from '../compile/rule';
import type { RuleText } from '../rule-input';
import type {
  CorrelationMatch,
  EventRef,
  PreviewMatch,
  PreviewOptions,
  PreviewResult,
  ReferencedRule,
  SampleSource,
  SkippedRecord,
  SlowRegex,
  SourceSummary,
} from '../types';
import { evaluateCorrelation, type Occurrence } from './evaluate';
import { ruleLabel, ruleName, type LibraryRule, type RuleLibrary } from './library';
import { correlationSpec, type CorrelationSpec } from './spec';
import { DEFAULT_TIME_FIELDS, eventTime } from './time';

export { type RuleFileText } from './library';

/** Runs one detection rule over the samples: previewInWorker in the front ends, previewRule in tests. */
type DetectionRunner = (rule: RuleText, samples: SampleSource[], options: PreviewOptions) => Promise<PreviewResult>;

export interface CorrelationOptions extends PreviewOptions {
  run: DetectionRunner;
  /** Event time fields, first found wins (`samples.timeFields` in tripline.config.json). */
  timeFields?: readonly string[];
}

interface Occ extends Occurrence {
  events: EventRef[];
}

const MAX_DEPTH = 16;

/** Everything one preview of a correlation computes, shared across its chain. */
class Run {
  readonly matchesByRule = new Map<LibraryRule, PreviewMatch[]>();
  readonly firings = new Map<LibraryRule, { spec: CorrelationSpec; matches: CorrelationMatch[]; occurrences: Occ[] }>();
  readonly skipped = new Map<string, SkippedRecord>();
  readonly slowRegexes: SlowRegex[] = [];
  readonly warnings = new Set<string>();
  readonly filters = new Set<string>();
  readonly sources = new Map<string, SourceSummary>();
  readonly order = new Map<string, number>();
  scanned = 0;
  cancelled = false;
  untimed = 0;

  constructor(
    readonly library: RuleLibrary,
    readonly samples: SampleSource[],
    readonly options: CorrelationOptions,
  ) {
    samples.forEach((s, i) => this.order.set(s.source, i));
  }

  orderOf(e: EventRef): number {
    return (this.order.get(e.source) ?? 0) * 2 ** 32 + e.index;
  }

  resolve(ref: string, from: LibraryRule): LibraryRule {
    const hit = this.library.find(ref, from.path);
    if (!hit)
      throw new RuleCompileError(`the correlation refers to '${ref}', which is not the id or name of any rule in ${from.path} or the other rule files given`);
    if (hit.rule.type === 'filter') throw new RuleCompileError(`'${ref}' is a filter, not a rule a correlation can refer to`);
    return hit;
  }

  async detection(rule: LibraryRule): Promise<PreviewMatch[]> {
    const done = this.matchesByRule.get(rule);
    if (done) return done;
    const filtered = applyFilters(rule, this.library.filters());
    filtered.applied.forEach((t) => this.filters.add(t));
    const { run, timeFields: _t, ...options } = this.options;
    void _t;
    const r = await run(filtered.input, this.samples, {
      ...options,
      limit: Number.MAX_SAFE_INTEGER,
      includeEvents: true,
      entryStats: false,
      onProgress: undefined,
    });
    this.scanned = Math.max(this.scanned, r.scanned);
    this.cancelled ||= r.cancelled;
    for (const s of r.skipped) this.skipped.set(`${s.source}\u0000${s.index}\u0000${s.reason}`, s);
    this.slowRegexes.push(...r.slowRegexes);
    for (const w of r.warnings) this.warnings.add(`${ruleLabel(rule.rule)}: ${w}`);
    for (const s of r.sources) if (!this.sources.has(s.source)) this.sources.set(s.source, { ...s, matched: 0 });
    this.matchesByRule.set(rule, r.matches);
    return r.matches;
  }

  /** Occurrences of a referenced rule: its matched events, or a correlation's firings. */
  async occurrences(rule: LibraryRule, ref: number, depth: number): Promise<Occ[]> {
    if (rule.rule.type === 'correlation') {
      const inner = await this.correlation(rule, depth + 1);
      return inner.occurrences.map((o) => ({ ...o, ref }));
    }
    const fields = this.options.timeFields ?? DEFAULT_TIME_FIELDS;
    const out: Occ[] = [];
    for (const m of await this.detection(rule)) {
      const view = new EventView(m.event, { forced: null });
      const time = eventTime(view, fields);
      if (time === null) {
        this.untimed++;
        continue;
      }
      const at = { source: m.source, index: m.index };
      out.push({ time, first: time, order: this.orderOf(at), ref, get: (f) => view.get(f), events: [at] });
    }
    return out;
  }

  async correlation(rule: LibraryRule, depth = 0): Promise<{ spec: CorrelationSpec; matches: CorrelationMatch[]; occurrences: Occ[] }> {
    const done = this.firings.get(rule);
    if (done) return done;
    if (depth > MAX_DEPTH) throw new RuleCompileError(`correlation rules refer to each other in a loop (through '${ruleLabel(rule.rule)}')`);
    const spec = correlationSpec(rule.rule);
    const targets = spec.rules.map((ref) => this.resolve(ref, rule));
    const all: Occ[] = [];
    for (let i = 0; i < targets.length; i++) all.push(...(await this.occurrences(targets[i], i, depth)));
    // Aliases name rules by `name` (the spec) — also accept the reference as written or the id.
    const aliasFor = (ref: number, name: string): string => {
      const map = spec.aliases.get(name);
      if (!map) return name;
      const t = targets[ref].rule;
      for (const key of [spec.rules[ref], ruleName(t), t.id?.value]) if (key !== undefined && map.has(key)) return map.get(key) as string;
      return name;
    };
    const { firings, ungrouped } = evaluateCorrelation(spec, all, aliasFor);
    const label = ruleLabel(rule.rule);
    if (ungrouped > 0)
      this.warnings.add(
        `${label}: ${ungrouped} matched event${ungrouped === 1 ? '' : 's'} lacked a group-by field (${spec.groupBy.join(', ')}) and belong to no group`,
      );
    const matches: CorrelationMatch[] = [];
    const occurrences: Occ[] = [];
    for (const f of firings) {
      const events = dedupe(
        f.members.flatMap((m) => m.events),
        (e) => this.orderOf(e),
      );
      const m: CorrelationMatch = {
        rule: label,
        group: f.group,
        window: { start: new Date(f.start).toISOString(), end: new Date(f.end).toISOString() },
        ...(f.count !== undefined ? { count: f.count } : {}),
        ...(f.value !== undefined ? { value: f.value } : {}),
        events,
      };
      matches.push(m);
      const group = f.group;
      occurrences.push({ time: f.end, first: f.start, order: this.orderOf(events[events.length - 1]), ref: 0, get: (field) => group[field], events });
    }
    const result = { spec, matches, occurrences };
    this.firings.set(rule, result);
    return result;
  }
}

function dedupe(events: EventRef[], order: (e: EventRef) => number): EventRef[] {
  const seen = new Map<number, EventRef>();
  for (const e of events) seen.set(order(e), e);
  return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, e]) => e);
}

export async function previewCorrelation(
  target: LibraryRule,
  library: RuleLibrary,
  samples: SampleSource[],
  options: CorrelationOptions,
): Promise<PreviewResult> {
  const run = new Run(library, samples, options);
  const own = await run.correlation(target);
  if (run.untimed > 0)
    run.warnings.add(
      `${run.untimed} matched event${run.untimed === 1 ? ' has' : 's have'} no readable time (${(options.timeFields ?? DEFAULT_TIME_FIELDS).join(', ')}): not correlated`,
    );

  const referenced: ReferencedRule[] = own.spec.rules.map((ref) => {
    const r = run.resolve(ref, target);
    const matched = r.rule.type === 'correlation' ? (run.firings.get(r)?.matches.length ?? 0) : (run.matchesByRule.get(r)?.length ?? 0);
    return { ref, title: ruleLabel(r.rule), type: r.rule.type === 'correlation' ? 'correlation' : 'detection', matched, standalone: own.spec.generate };
  });
  // Every event a referenced detection rule matched, once, in reading order.
  const events = new Map<number, PreviewMatch>();
  for (const list of run.matchesByRule.values()) {
    for (const m of list) {
      const key = run.orderOf(m);
      const prev = events.get(key);
      if (prev) prev.selections = [...new Set([...prev.selections, ...m.selections])];
      else events.set(key, { ...m });
    }
  }
  const all = [...events.entries()].sort((a, b) => a[0] - b[0]).map(([, m]) => m);
  for (const m of all) {
    const s = run.sources.get(m.source);
    if (s) s.matched++;
  }
  const limit = options.limit ?? 1000;
  const includeEvents = options.includeEvents !== false;
  return {
    rule: ruleLabel(target.rule),
    scanned: run.scanned,
    matched: all.length,
    matches: all.slice(0, limit).map((m) => (includeEvents ? m : { ...m, event: {} })),
    skipped: [...run.skipped.values()],
    slowRegexes: run.slowRegexes,
    warnings: [...run.warnings],
    sources: [...run.sources.values()],
    cancelled: run.cancelled,
    correlations: own.matches,
    referenced,
    filters: [...run.filters],
  };
}
