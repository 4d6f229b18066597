/**
 * Preview engine: evaluates a Sigma rule against sample telemetry. Editor-agnostic (no LSP, no
 * vscode); the CLI (`tripline preview`) and the language server both call this module.
 *
 * ## API (stable; the editor side builds on it)
 *
 * ```ts
 * import { previewRule, previewInWorker, compilePreview, readSample } from '../engine/preview';
 *
 * // In-process (tests, small inputs, the CLI when no worker is wanted):
 * const result = await previewRule(rule, samples, { limit: 100, signal });
 *
 * // Off the caller's thread (the language server): same result shape. Each event has a time
 * // budget (eventBudgetMs, default 2000); a `|re` that exceeds it is abandoned, the event is
 * // reported in `skipped`, the regex in `slowRegexes` (turn it into a diagnostic), and the scan
 * // goes on with the next event. Aborting the signal stops the worker at once.
 * const result = await previewInWorker({ ruleText, rulePath, docIndex: 0 }, samples, { signal, onProgress });
 * ```
 *
 * - `rule`: a parsed `SigmaRule` (from `loadSource(path, text).sigma[i]`), or `{ruleText, rulePath, docIndex?}`.
 * - `samples`: `SampleSource[]` — `{source, path}` for files, `{source, text}` for in-memory text
 *   (unsaved buffers), optional `format` ('ndjson' | 'json' | 'csv' | 'tsv' | 'text') to force a reader.
 *   Formats are otherwise detected: NDJSON, a JSON object/array, concatenated pretty-printed objects
 *   (SigmaHQ regression data, EVTX exported to JSON), binary .evtx, CSV/TSV with a header (by extension),
 *   plain text lines for .log/.txt/.raw (each line `{message}`, for keyword rules).
 * - `PreviewOptions` (types.ts): `limit` (default 1000; counting continues), `signal`, `profile`
 *   ('auto' or a profile name: sysmon, ecs, defender-network, defender-process, proxy,
 *   zeek), `placeholders` for `|expand`, `entryStats` (per value-entry hit counts with ranges —
 *   for inlay hints and `domains/noisy-in-samples`), `strict` (parse every line), `onProgress`,
 *   `includeEvents`.
 * - `PreviewResult` (types.ts): `{rule, scanned, matched, matches[{source,index,event,selections,fields}],
 *   skipped[{source,index,reason}], slowRegexes, entryStats?, warnings, sources, cancelled}`.
 *   `toCliJson(result)` gives exactly the contract's JSON shape (ARCHITECTURE.md).
 * - `compilePreview(rule, options)` → CompiledRule, and `matchEvent(compiled, event)` →
 *   `{matched, selections}` for one in-memory event (tests, quick checks).
 * - `readSample(source)` → async iterator of `{kind:'event', index, event, line}` |
 *   `{kind:'skipped', index, reason, line}` (the readers on their own).
 * - Errors: `RuleCompileError` when the rule cannot be evaluated (no condition, condition syntax,
 *   a correlation naming a rule that cannot be found); unreadable samples never throw — they are in
 *   `skipped` with index -1.
 * - Correlation rules and Sigma filters: `previewInContext(ruleText, samples, { run, context })`
 *   (correlation/in-context.ts) previews any Sigma rule with the other rule files as context.
 *
 * Semantics: README "Preview". Field resolution: exact, case-insensitive, dotted, EVTX
 * flattening, SigmaHQ thor.yml renames for the logsource, then the event's profile
 * (data/preview/field-profiles.json). Logsource filtering (data/preview/sigmahq-logsources.json)
 * only uses fields the event carries.
 */
import type { SigmaRule } from '../sigma/model';
import { EventAccess } from './compile/event-access';
import { compileRule, type CompiledRule, type CompileOptions } from './compile/rule';
import { EventView } from './fields/resolve';
import { findProfile, profileAdmits } from './fields/profiles';
import { ruleFromText, type RuleText } from './rule-input';
import { scan, entryStats, type ScanSink } from './scan';
import { sizeOf } from './readers/chunks';
import type { PreviewMatch, PreviewOptions, PreviewResult, SampleSource, SkippedRecord, TelemetryEvent } from './types';

export * from './types';
export { RuleCompileError } from './compile/rule';
export { readSample } from './readers/index';
export { previewInWorker } from './worker-client';
export { LOGSOURCE_ENTRIES } from './logsource';
export { previewInContext } from './correlation/in-context';
export { type RuleFileText } from './correlation/index';
export { ruleContextFiles } from './correlation/context';

const DEFAULT_LIMIT = 1000;

export function compilePreview(rule: SigmaRule | RuleText, options: CompileOptions = {}): CompiledRule {
  return compileRule('ruleText' in rule ? ruleFromText(rule) : rule, options);
}

/** Evaluates one in-memory event (logsource filter included). */
export function matchEvent(compiled: CompiledRule, event: TelemetryEvent, profile?: string): { matched: boolean; selections: string[] } {
  const view = new EventView(event, { forced: profile && profile !== 'auto' ? (findProfile(profile) ?? null) : null });
  if (!profileAdmits(view.currentProfile(), compiled.category)) return { matched: false, selections: [] };
  if (compiled.logsource.test((f) => view.get(f), view.renames) === 0) return { matched: false, selections: [] };
  const access = new EventAccess(view);
  const memo = new Int8Array(compiled.searches.length).fill(-1);
  const matched = compiled.evaluate(access, memo) === 1;
  const selections = matched
    ? compiled.searches.filter((s, i) => compiled.positive.has(s.name) && (memo[i] >= 0 ? memo[i] : s.test(access)) === 1).map((s) => s.name)
    : [];
  return { matched, selections };
}

/** Runs a preview in the calling thread. */
export async function previewRule(rule: SigmaRule | RuleText, samples: SampleSource[], options: PreviewOptions = {}): Promise<PreviewResult> {
  const compiled = compilePreview(rule, { placeholders: options.placeholders });
  const limit = options.limit ?? DEFAULT_LIMIT;
  const matches: PreviewMatch[] = [];
  const skipped: SkippedRecord[] = [];
  const sink: ScanSink = {
    match: (m) => {
      if (matches.length < limit) matches.push(m);
    },
    skipped: (s) => skipped.push(s),
    progress: options.onProgress,
  };
  let bytesTotal = 0;
  if (options.onProgress) for (const s of samples) bytesTotal += await sizeOf(s);
  const outcome = await scan(compiled, samples, sink, { ...options, bytesTotal });
  return {
    rule: compiled.title,
    scanned: outcome.scanned,
    matched: outcome.matched,
    matches,
    skipped,
    slowRegexes: [],
    entryStats: outcome.entryHits ? entryStats(compiled, outcome.entryHits) : undefined,
    warnings: [...compiled.warnings, ...outcome.warnings],
    sources: outcome.sources,
    cancelled: outcome.cancelled,
  };
}

/** The CLI's JSON shape (ARCHITECTURE.md, the command-line contract), plus `correlations`/`referenced` for correlation rules and `filters` when some applied. */
export function toCliJson(
  r: PreviewResult,
): { rule: string; scanned: number; matched: number; matches: Omit<PreviewMatch, 'fields'>[]; skipped: SkippedRecord[]; warnings?: string[] } & Pick<
  PreviewResult,
  'correlations' | 'referenced' | 'filters'
> {
  return {
    rule: r.rule,
    scanned: r.scanned,
    matched: r.matched,
    matches: r.matches.map((m) => ({ source: m.source, index: m.index, event: m.event, selections: m.selections })),
    skipped: r.skipped,
    ...(r.correlations ? { correlations: r.correlations } : {}),
    ...(r.referenced ? { referenced: r.referenced } : {}),
    ...(r.filters && r.filters.length > 0 ? { filters: r.filters } : {}),
    // What the counts do not say (a regex that ran past its budget, an unknown modifier...): only when there is something.
    ...(r.warnings.length > 0 ? { warnings: r.warnings } : {}),
  };
}
