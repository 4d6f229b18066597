import { fixText, minimalEdit } from '../fix/apply';
import { fixFiles, type FixRun } from './fix';
import type { RuleSetIndex } from '../workspace/rule-set';
import { analyzeText, type FileReport } from '../analyze';
import type { Position, Range } from '../core/position';
import { defaultConfig, type TriplineConfig } from '../config/config';
import { isKqlPath, loadSource, type SourceFile, type TextFacts } from '../document/source';
import { completeAt } from '../features/completion';
import { hoverAt } from '../features/hover';
import { definitionsOf, identifierAt, renameEdits } from '../features/identifiers';
import { documentSymbols, type SymbolNode } from '../features/symbols';
import type { CompletionEntry, HoverResult } from '../features/types';
import { kusto } from '../kql/library';
import { globalsFor } from '../kql/schema';
import { SampleHitsService } from '../samples/hits-service';
import { PreviewCache } from '../samples/preview-cache';
import { sampleFingerprint } from '../samples/fingerprint';
import type { SampleSet } from '../samples/sources';
import type { SampleCount } from '../samples/rule-count';
import { checkFiles, type CheckResult } from './check';
import { coverageOfFiles, type CoverageInput, type CoverageOutcome } from './coverage';
import { domainRows, type DomainRow } from './domain-rows';
import { previewKqlHere, runPreview, type KqlPreviewRunner, type PreviewOutcome, type PreviewParams, type PreviewRule } from './preview';

interface EngineOptions {
  config?: TriplineConfig;
  /** Where relative `samples.paths` resolve when no configuration file says (the editor's workspace folder). */
  workspaceRoot?: string | null;
  /**
   * Per-entry sample hit counts: `await` (CLI, tests) waits for the sample index on the first file
   * that needs it; `background` (the language server's workers) never delays an analysis and calls
   * `onSamplesUpdated` when counts become ready.
   */
  sampleHits?: 'await' | 'background';
  onSamplesUpdated?: () => void;
  /** A folder where sample indexes are kept between sessions (the editor's storage); default memory only. */
  indexStore?: string | null;
  /** Where KQL previews run (the language server: its worker pool); default this thread. */
  kqlRunner?: KqlPreviewRunner;
}

/**
 * The engine as its front ends see it: one instance per front end (the CLI run, each language
 * server thread), constructed with the configuration and sample settings it knows. Everything that
 * lives longer than one call (sample index, preview cache) is this instance's, never a module's.
 */
export class Engine {
  private settings: { config: TriplineConfig; root: string | null };
  private readonly sampleHits: SampleHitsService;
  private readonly previews = new PreviewCache();
  private readonly runKql: KqlPreviewRunner;

  constructor(opts: EngineOptions = {}) {
    this.settings = { config: opts.config ?? defaultConfig(), root: opts.workspaceRoot ?? null };
    this.sampleHits = new SampleHitsService(opts.sampleHits ?? 'await');
    this.sampleHits.workspaceRoot = this.settings.root;
    this.sampleHits.useStore(opts.indexStore ?? null);
    const notify = opts.onSamplesUpdated;
    if (notify) this.sampleHits.onUpdate(notify);
    this.runKql = opts.kqlRunner ?? previewKqlHere;
  }

  /** New configuration or workspace folder (settings changed, trust changed, config file edited). */
  configure(config: TriplineConfig, workspaceRoot: string | null = this.settings.root): void {
    this.settings = { config, root: workspaceRoot };
    this.sampleHits.workspaceRoot = workspaceRoot;
  }

  /**
   * A detection rule's match count on the configured samples, from the sample index: what the
   * preview counts, in milliseconds once the index is ready. Null when only a full preview can
   * answer exactly (index not ready yet — `onSamplesUpdated` tells when it is —, correlation,
   * filters, a forced profile, a slow regex).
   */
  sampleCount(file: SourceFile, docIndex: number): Promise<SampleCount | null> {
    return this.sampleHits.countRule(file, docIndex, this.config);
  }

  /** Keep sample indexes in `dir` between sessions from now on (null: memory only). */
  useIndexStore(dir: string | null): void {
    this.sampleHits.useStore(dir);
  }

  get config(): TriplineConfig {
    return this.settings.config;
  }

  get workspaceRoot(): string | null {
    return this.settings.root;
  }

  /** The configured sample telemetry: the one file list of preview, hit counts and noisy-in-samples. */
  samples(): SampleSet {
    return this.sampleHits.samples(this.config);
  }

  /** Changes when a sample file is added, removed or modified. */
  sampleFingerprint(): string {
    return sampleFingerprint(this.samples().sources);
  }

  parse(path: string, text: string, facts?: number | TextFacts): SourceFile {
    return loadSource(path, text, facts);
  }

  /** Diagnostics of one file (never rejects: a bug of ours is a diagnostic on the file). */
  analyze(
    path: string,
    text: string,
    opts: { facts?: number | TextFacts; workspaceRules?: ReadonlySet<string>; ruleSet?: RuleSetIndex } = {},
  ): Promise<FileReport> {
    return analyzeText(path, text, this.config, undefined, opts.facts ?? text.length, opts.workspaceRules, {
      sampleHits: this.sampleHits,
      ruleSet: opts.ruleSet,
    });
  }

  /**
   * `tripline check`: every file on its own, rules of the run known to correlations; `contextPaths`
   * are more files of the same rule set (duplicates and references), not reported on.
   */
  check(paths: readonly string[], contextPaths: readonly string[] = []): Promise<CheckResult> {
    return checkFiles(paths, (path, read, workspaceRules, ruleSet) => this.analyze(path, read.text, { facts: read, workspaceRules, ruleSet }), contextPaths);
  }

  /**
   * The editor's "fix all safe problems" (`source.fixAll.tripline`): one minimal edit holding every
   * safe fix, found by the same passes as `tripline check --fix`; `current` is the cached analysis.
   */
  async fixAll(path: string, text: string, current: () => Promise<FileReport>): Promise<{ edit: { range: Range; newText: string } | null; fixes: number }> {
    const r = await fixText(text, (t) => (t === text ? current() : this.analyze(path, t)));
    return { edit: minimalEdit(text, r.text), fixes: r.applied.length };
  }

  /** `tripline check --fix [--dry-run]`: every safe fix applied (written unless `dryRun`), then what remains. */
  fix(paths: readonly string[], dryRun: boolean, contextPaths: readonly string[] = []): Promise<FixRun> {
    return fixFiles(paths, (path, text, facts, workspaceRules, ruleSet) => this.analyze(path, text, { facts, workspaceRules, ruleSet }), dryRun, contextPaths);
  }

  /** KQL files and Sentinel rules need Kusto.Language: load it (and the schemas) ahead of a timed task. */
  warmUpFor(path: string, text: string): void {
    if ((isKqlPath(path) || /^query\s*:/m.test(text)) && kusto()) globalsFor(this.config);
  }

  hover(file: SourceFile, pos: Position, linePrefix: string): HoverResult | null {
    return hoverAt({ file, pos, config: this.config, linePrefix });
  }

  complete(file: SourceFile, pos: Position, linePrefix: string): CompletionEntry[] {
    return completeAt({ file, pos, config: this.config, linePrefix });
  }

  symbols(file: SourceFile): SymbolNode[] {
    return documentSymbols(file);
  }

  definition(file: SourceFile, pos: Position): Range[] | null {
    const hit = identifierAt(file, pos);
    return hit ? definitionsOf(hit) : null;
  }

  prepareRename(file: SourceFile, pos: Position): { range: Range; placeholder: string } | null {
    const hit = identifierAt(file, pos);
    return hit && !hit.pattern ? { range: hit.range, placeholder: hit.name } : null;
  }

  rename(file: SourceFile, pos: Position, newName: string): { range: Range; newText: string }[] | null {
    const hit = identifierAt(file, pos);
    return hit ? renameEdits(file, hit, newName) : null;
  }

  coverage(inputs: readonly CoverageInput[]): CoverageOutcome {
    return coverageOfFiles(inputs, this.config);
  }

  /** `tripline domains`: every domain entry of a rule with what it matches and its verdicts. */
  async domains(path: string, text: string, facts?: TextFacts): Promise<{ report: FileReport; rows: DomainRow[] }> {
    const report = await this.analyze(path, text, { facts });
    return { report, rows: domainRows(report.file, report.diagnostics) };
  }

  /** Sigma or KQL preview of a rule on the samples (configured, or `params.samples`); see facade/preview.ts. */
  preview(rule: PreviewRule, params: PreviewParams): Promise<PreviewOutcome> {
    return runPreview({ config: this.config, samples: () => this.samples(), previews: this.previews, runKql: this.runKql }, rule, params);
  }
}
