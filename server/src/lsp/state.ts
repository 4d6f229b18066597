import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  BudgetExceeded,
  BudgetPool,
  ConfigError,
  confinePaths,
  defaultConfig,
  Engine,
  findConfigFile,
  loadConfigFile,
  mergeConfig,
  PreviewError,
  TaskCancelled,
  WorkerTaskError,
  type KqlPreviewResult,
  type KqlPreviewRunner,
  type PathPolicy,
  type TriplineConfig,
} from '../engine/index';
import {
  SETTINGS_STATE,
  type AnalysisSummary,
  type AnalysisTask,
  type DocRef,
  type FeatureRequest,
  type FeatureResults,
  type KqlPreviewAnswer,
  type OffThreadTask,
  type WorkerEvent,
  type WorkerSettings,
} from './analysis/protocol';
import { budgetSummary, crashSummary } from './analysis/summary';

/** Longest analysis of one document before its worker is stopped and the file reported as not checked. */
const DEFAULT_BUDGET_MS = 5000;

/** Priorities in the worker queue: requests the user waits on, then the edited document, then the rest. */
export const PRIORITY = { request: 0, edit: 1, background: 2 } as const;

/** Longest KQL preview or coverage report in a worker: long scans are fine, a hung one is stopped. */
const OFF_THREAD_BUDGET_MS = 120_000;

interface Analysis extends AnalysisSummary {
  version: number;
  /** The worker that holds this analysis (asked first for features on it). */
  worker?: number;
  /**
   * Why there is no real analysis: it crashed, ran out of time, a newer edit replaced it, or
   * Tripline is turned off (nothing is analysed then: no CPU spent on keystrokes nobody sees).
   */
  failed?: 'crash' | 'budget' | 'cancelled' | 'disabled';
}

interface AnalysisOptions {
  budgetMs?: number;
  workers?: number;
  /** Folder for sample indexes kept between sessions (the client's global storage). */
  indexStore?: string | null;
  log(message: string): void;
}

/** dist/analysis-worker.js beside the bundle, or analysis/worker.js beside this file (compiled tests). */
function workerScript(): string {
  for (const p of [join(__dirname, 'analysis-worker.js'), join(__dirname, 'analysis', 'worker.js')]) if (existsSync(p)) return p;
  throw new Error(`analysis worker script not found beside ${__dirname}`);
}

/**
 * Per-document analyses, run in a pool of worker threads so the server's own thread only speaks
 * LSP: a slow or hostile file costs one worker at most its budget, never the other documents.
 * Results are cached by version; a newer edit cancels the analysis of an older one (latest edit
 * wins). Also holds the configuration (file + settings, confined by workspace trust).
 */
export class AnalysisCache {
  private readonly results = new Map<string, { version: number; analysis: Promise<Analysis>; abort: AbortController }>();
  /** Documents whose next analysis must not reuse the worker's cached parse. */
  private readonly stale = new Set<string>();
  private fileConfig: TriplineConfig = defaultConfig();
  private settings: unknown = {};
  private fileProblem: string | null = null;
  private settingsProblem: string | null = null;
  private pool: BudgetPool | null = null;
  private opts: AnalysisOptions = { log: () => undefined };
  private readonly listeners = new Set<(e: WorkerEvent) => void>();
  private policy: PathPolicy = { trusted: true, root: null, allowOutside: false };
  private ignoredPaths: string[] = [];
  /** The configuration in force (and the workspace root it was confined to), as compared JSON. */
  private configKey: string | null = null;
  /** `tripline.enable: false` in the editor: keep the server up but report nothing. */
  enabled = true;
  private root: string | null = null;
  /**
   * The main thread's engine: configuration, sample list, Sigma previews (run in preview workers,
   * cached) and the KQL preview runner that sends KQL work to the analysis workers.
   */
  readonly engine = new Engine({ kqlRunner: (rule, samples, p) => this.previewKqlOffThread(rule, samples, p) });

  /** Starts the workers (at `initialize`, once the budget and trust are known). */
  start(opts: AnalysisOptions): void {
    this.opts = opts;
    // Two workers from the start, so a slow file never holds up the others; more (on machines with
    // more cores) only while work waits behind a busy worker.
    const maxSize = opts.workers ?? Math.max(2, Math.min(4, availableParallelism() - 1));
    this.pool = new BudgetPool({
      script: workerScript(),
      size: Math.min(2, maxSize),
      maxSize,
      growAfterMs: 150,
      budgetMs: opts.budgetMs ?? DEFAULT_BUDGET_MS,
      onEvent: (e) => this.listeners.forEach((l) => l(e as WorkerEvent)),
    });
    this.pushSettings();
  }

  /** Events from the workers (the sample index became ready...). */
  onWorkerEvent(listener: (e: WorkerEvent) => void): void {
    this.listeners.add(listener);
  }

  async stop(): Promise<void> {
    await this.pool?.close();
  }

  setWorkspaceRoot(rootUri: string | null): void {
    if (!rootUri?.startsWith('file:')) return;
    this.root = fileURLToPath(rootUri);
    this.policy = { ...this.policy, root: this.root };
    this.reloadConfigFile();
  }

  get workspaceRoot(): string | null {
    return this.root;
  }

  /** Workspace trust, from the client: decides which configured paths may be read. */
  setTrust(trusted: boolean, allowOutside: boolean): void {
    this.policy = { ...this.policy, trusted, allowOutside };
    this.rebuild();
  }

  /** Re-reads tripline.config.json (at start and whenever the file changes on disk). */
  reloadConfigFile(): void {
    if (!this.root) return;
    const found = findConfigFile(this.root);
    this.fileProblem = null;
    this.fileConfig = defaultConfig();
    if (found) {
      try {
        this.fileConfig = loadConfigFile(found);
      } catch (e) {
        this.fileProblem = (e as Error).message;
      }
    }
    this.rebuild();
  }

  setSettings(settings: unknown): void {
    this.settings = settings ?? {};
    this.rebuild();
  }

  private rebuild(): void {
    let merged: TriplineConfig;
    try {
      merged = mergeConfig(this.fileConfig, this.settings, 'settings');
      this.settingsProblem = null;
    } catch (e) {
      this.settingsProblem = e instanceof ConfigError ? e.message : String(e);
      merged = this.fileConfig;
    }
    const confined = confinePaths(merged, this.policy);
    this.ignoredPaths = confined.ignored;
    // The editor sends its settings once the server is up, and again on any change: when the
    // result is the configuration already in force, the analyses made with it stay valid (at start,
    // the first rule's analysis would otherwise run twice, in both workers, each reading the index).
    const key = JSON.stringify([confined.config, this.root]);
    if (key === this.configKey) return;
    this.configKey = key;
    this.engine.configure(confined.config, this.root);
    for (const r of this.results.values()) r.abort.abort();
    this.results.clear();
    this.pushSettings();
  }

  private pushSettings(): void {
    this.pool?.setState(SETTINGS_STATE, {
      config: this.engine.config,
      workspaceRoot: this.root,
      indexStore: this.opts.indexStore ?? null,
    } satisfies WorkerSettings);
  }

  /** What is wrong with the configuration file or settings, if anything (shown to the user). */
  get configProblem(): string | null {
    return this.fileProblem ?? this.settingsProblem;
  }

  /** Path settings ignored because of workspace trust or because they leave the workspace. */
  get ignored(): readonly string[] {
    return this.ignoredPaths;
  }

  get current(): TriplineConfig {
    return this.engine.config;
  }

  /** The analysis of the document's current version (never rejects: failures are analyses too). */
  analyze(doc: TextDocument, priority: number = PRIORITY.request): Promise<Analysis> {
    if (!this.enabled) return Promise.resolve({ version: doc.version, failed: 'disabled', kind: 'other', diagnostics: [], lenses: [], inlay: [] });
    const hit = this.results.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.analysis;
    // Latest edit wins: an older version still queued is dropped (one already running finishes,
    // unless it is slow: see BudgetPool.cancel).
    hit?.abort.abort();
    const abort = new AbortController();
    const ref = this.ref(doc);
    if (this.stale.delete(doc.uri)) ref.fresh = true;
    const analysis = this.runAnalysis(ref, priority, abort.signal);
    this.results.set(doc.uri, { version: doc.version, analysis, abort });
    return analysis;
  }

  private async runAnalysis(ref: DocRef, priority: number, signal: AbortSignal): Promise<Analysis> {
    const version = ref.version;
    if (!this.pool) return { version, failed: 'cancelled', ...crashSummary('other', new Error('the analysis workers are not started')) };
    try {
      const { result, worker } = await this.pool.run<AnalysisSummary>({ op: 'analyze', ...ref } satisfies AnalysisTask, { priority, signal });
      if (result.crash) this.opts.log(`tripline: analysis of ${ref.uri} failed: ${result.crash}`);
      return { ...result, version, worker, failed: result.crash ? 'crash' : undefined };
    } catch (e) {
      if (e instanceof TaskCancelled) return { version, failed: 'cancelled', kind: 'other', diagnostics: [], lenses: [], inlay: [] };
      if (e instanceof BudgetExceeded) {
        this.opts.log(`tripline: analysis of ${ref.uri} (version ${version}) exceeded ${e.budgetMs} ms: its worker was stopped`);
        return { version, failed: 'budget', ...budgetSummary(e.budgetMs) };
      }
      this.opts.log(`tripline: analysis of ${ref.uri} failed: ${e instanceof WorkerTaskError ? (e.workerStack ?? e.message) : String(e)}`);
      return { version, failed: 'crash', ...crashSummary('other', e) };
    }
  }

  /**
   * A feature (hover, completion...) on the document's current version, answered by the worker
   * that holds its analysis. `null` when the file could not be analysed or the request failed:
   * a broken file answers empty, never with an error.
   */
  async feature<K extends FeatureRequest['op']>(
    doc: TextDocument,
    request: FeatureRequest & { op: K },
    signal?: AbortSignal,
  ): Promise<FeatureResults[K] | null> {
    let analysis = await this.analyze(doc);
    // Replaced by a re-analysis of the same version (configuration or samples changed): wait for that one.
    if (analysis.failed === 'cancelled' && this.results.get(doc.uri)?.version === doc.version) analysis = await this.analyze(doc);
    if (analysis.failed || !this.pool) return null;
    try {
      const task: AnalysisTask = { op: 'feature', request, ...this.ref(doc) };
      const { result } = await this.pool.run<FeatureResults[K]>(task, { priority: PRIORITY.request, prefer: analysis.worker, signal });
      return result;
    } catch (e) {
      if (!(e instanceof TaskCancelled))
        this.opts.log(`tripline: ${request.op} on ${doc.uri} failed: ${e instanceof WorkerTaskError ? (e.workerStack ?? e.message) : String(e)}`);
      return null;
    }
  }

  /**
   * Work that must not run on this thread (a KQL preview, a coverage report over a workspace), in
   * the analysis workers that already hold Kusto.Language. Cancelling the signal drops it from the
   * queue, or stops its worker if it has run a while (BudgetPool.cancel): rejects with TaskCancelled.
   */
  async offThread<R>(task: OffThreadTask, signal?: AbortSignal): Promise<R> {
    if (!this.pool) throw new Error('the analysis workers are not started');
    try {
      // Nobody waits for a cancelled report or preview: its worker is stopped at once (and replaced).
      return (await this.pool.run<R>(task, { priority: PRIORITY.request, signal, budgetMs: OFF_THREAD_BUDGET_MS, killCancelledAfterMs: 0 })).result;
    } catch (e) {
      if (e instanceof BudgetExceeded) throw new Error(`${task.op} ran past ${OFF_THREAD_BUDGET_MS / 1000} s and was stopped`, { cause: e });
      throw e;
    }
  }

  private readonly previewKqlOffThread: KqlPreviewRunner = async (rule, samples, p): Promise<KqlPreviewResult> => {
    const answer = await this.offThread<KqlPreviewAnswer>(
      { op: 'previewKql', path: rule.path, text: rule.text, samples, limit: p.limit, at: p.at, clock: p.clock },
      p.signal,
    );
    if (answer.ok) return answer.result;
    throw new PreviewError(answer.message, 'kql-query', answer.at);
  };

  private ref(doc: TextDocument): DocRef {
    return { uri: doc.uri, path: uriToPath(doc.uri), version: doc.version, text: doc.getText() };
  }

  /** Drops the document's analysis: the next one recomputes everything (sample counts changed...). */
  forget(uri: string): void {
    const hit = this.results.get(uri);
    hit?.abort.abort();
    this.results.delete(uri);
    this.stale.add(uri);
  }

  /** The document was closed. */
  close(uri: string): void {
    this.forget(uri);
    this.stale.delete(uri);
  }
}

export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      return uri;
    }
  }
  // Untitled and remote documents: keep the extension visible for format detection.
  return resolvePath('/', decodeURIComponent(uri.replace(/^[a-z-]+:/i, '')));
}
