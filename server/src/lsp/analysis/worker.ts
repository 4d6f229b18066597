/**
 * The analysis worker (bundled as dist/analysis-worker.js): runs the engine for the language
 * server off its main thread. It keeps the latest analysis of each document, so hover, completion
 * and symbols after a diagnostics run reuse the same parse (and, for KQL, the same Kusto objects,
 * which cannot leave this thread). It also answers the heavy requests the main thread hands over
 * whole (KQL preview, coverage). The main thread's pool terminates a worker whose task runs past
 * its budget.
 */
import { collectRuleFiles, Engine, InputError, isKqlPath, PreviewError, postEvent, rangesTouch, serveTasks, type FileReport } from '../../engine/index';
import {
  SETTINGS_STATE,
  type AnalysisSummary,
  type AnalysisTask,
  type CoverageAnswer,
  type DocRef,
  type FeatureRequest,
  type FeatureResults,
  type KqlPreviewAnswer,
  type OffThreadTask,
  type WorkerSettings,
} from './protocol';
import { lowerThreadPriority } from './priority';
import { crashSummary, summarize, withoutFixes } from './summary';

/** Analyses kept per worker: the open documents of a large workspace. */
const KEEP = 128;

interface Entry {
  version: number;
  text: string;
  report: Promise<FileReport>;
}

class WorkerState {
  /** This thread's engine: sample counts in the background, the main thread told when they are ready. */
  readonly engine = new Engine({ sampleHits: 'background', onSamplesUpdated: () => postEvent({ type: 'samples-updated' }) });
  private readonly docs = new Map<string, Entry>();

  settings(s: WorkerSettings): void {
    this.engine.configure(s.config, s.workspaceRoot);
    this.engine.useIndexStore(s.indexStore);
    this.docs.clear();
  }

  /** The analysis of this document version, from the cache when the text is the same. */
  report(doc: DocRef): Promise<FileReport> {
    const hit = this.docs.get(doc.uri);
    if (hit && !doc.fresh && hit.version === doc.version && hit.text === doc.text) return hit.report;
    const report = this.engine.analyze(doc.path, doc.text);
    // A failed analysis is not kept: asking again retries rather than caching the failure.
    report.catch(() => {
      if (this.docs.get(doc.uri)?.report === report) this.docs.delete(doc.uri);
    });
    this.docs.delete(doc.uri);
    this.docs.set(doc.uri, { version: doc.version, text: doc.text, report });
    if (this.docs.size > KEEP) this.docs.delete(this.docs.keys().next().value as string);
    return report;
  }

  async analyze(doc: DocRef): Promise<AnalysisSummary> {
    try {
      return summarize(await this.report(doc));
    } catch (e) {
      return crashSummary(isKqlPath(doc.path) ? 'kql' : 'other', e);
    }
  }

  async feature(doc: DocRef, req: FeatureRequest): Promise<FeatureResults[FeatureRequest['op']]> {
    const report = await this.report(doc);
    const file = report.file;
    switch (req.op) {
      case 'quickFixes':
        // The range first: reading `fixes` builds them (runChecks), only the touched findings' are wanted.
        return report.diagnostics
          .filter((d) => rangesTouch(d.range, req.range) && d.fixes?.length)
          .map((d) => ({ diagnostic: withoutFixes(d), fixes: d.fixes ?? [] }));
      case 'hover':
        return this.engine.hover(file, req.pos, req.linePrefix);
      case 'completion':
        return this.engine.complete(file, req.pos, req.linePrefix);
      case 'symbols':
        return this.engine.symbols(file);
      case 'definition':
        return this.engine.definition(file, req.pos);
      case 'prepareRename':
        return this.engine.prepareRename(file, req.pos);
      case 'rename':
        return this.engine.rename(file, req.pos, req.newName);
      case 'fixAll':
        // The same passes as `tripline check --fix`, on this worker's engine.
        return this.engine.fixAll(doc.path, doc.text, () => this.report(doc));
      case 'sampleCount':
        return this.engine.sampleCount(file, req.docIndex);
    }
  }

  async offThread(task: OffThreadTask): Promise<KqlPreviewAnswer | CoverageAnswer> {
    if (task.op === 'coverage') {
      let paths: string[];
      try {
        paths = collectRuleFiles(task.roots);
      } catch (e) {
        if (e instanceof InputError) return { ok: false, inputError: e.message };
        throw e;
      }
      const { report, catalogProblem } = this.engine.coverage(paths.map((path) => ({ path, text: task.open[path] })));
      return { ok: true, report, ...(catalogProblem ? { catalogProblem } : {}) };
    }
    try {
      const outcome = await this.engine.preview(
        { path: task.path, text: task.text, kind: 'kql' },
        { limit: task.limit, at: task.at, clock: task.clock, samples: task.samples },
      );
      if (outcome.kind !== 'kql') throw new Error('a KQL preview answered as Sigma');
      return { ok: true, result: outcome.result };
    } catch (e) {
      // Typed errors do not cross threads: the reason travels as data.
      if (e instanceof PreviewError) return { ok: false, message: e.message, at: e.at };
      throw e;
    }
  }
}

// Keystrokes before analyses when the cores are busy (see priority.ts).
lowerThreadPriority();
const state = new WorkerState();

serveTasks({
  state(key, payload) {
    if (key === SETTINGS_STATE) state.settings(payload as WorkerSettings);
  },
  before(payload) {
    // Kusto.Language loads before the task's budget starts.
    const task = payload as AnalysisTask;
    if ('text' in task) state.engine.warmUpFor(task.path, task.text);
  },
  run(payload) {
    const task = payload as AnalysisTask;
    if (task.op === 'analyze') return state.analyze(task);
    if (task.op === 'feature') return state.feature(task, task.request);
    return state.offThread(task);
  },
});
