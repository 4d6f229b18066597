/**
 * The analysis worker (bundled as dist/analysis-worker.js): runs the engine for the language
 * server off its main thread. It keeps the latest analysis of each document, so hover, completion
 * and symbols after a diagnostics run reuse the same parse (and, for KQL, the same Kusto objects,
 * which cannot leave this thread). The main thread's pool terminates a worker whose task runs past
 * its budget.
 */
import { analyzeText, type FileReport } from '../../engine/analyze';
import { defaultConfig, type TriplineConfig } from '../../engine/config/config';
import { isKqlPath } from '../../engine/document/source';
import { completeAt } from '../../engine/features/completion';
import { hoverAt } from '../../engine/features/hover';
import { definitionsOf, identifierAt, renameEdits } from '../../engine/features/identifiers';
import { documentSymbols } from '../../engine/features/symbols';
import { fixText, minimalEdit } from '../../engine/fix/apply';
import { kusto } from '../../engine/kql/library';
import { globalsFor } from '../../engine/kql/schema';
import { SAMPLE_HITS } from '../../engine/samples';
import { postEvent, serveTasks } from '../../engine/util/budget-pool';
import { SETTINGS_STATE, type AnalysisSummary, type AnalysisTask, type DocRef, type FeatureRequest, type FeatureResults, type WorkerSettings } from './protocol';
import { crashSummary, summarize } from './summary';

/** Analyses kept per worker: the open documents of a large workspace. */
const KEEP = 128;

interface Entry {
  version: number;
  text: string;
  report: Promise<FileReport>;
}

class WorkerState {
  config: TriplineConfig = defaultConfig();
  private readonly docs = new Map<string, Entry>();

  settings(s: WorkerSettings): void {
    this.config = s.config;
    SAMPLE_HITS.workspaceRoot = s.workspaceRoot;
    this.docs.clear();
  }

  /** The analysis of this document version, from the cache when the text is the same. */
  report(doc: DocRef): Promise<FileReport> {
    const hit = this.docs.get(doc.uri);
    if (hit && !doc.fresh && hit.version === doc.version && hit.text === doc.text) return hit.report;
    const report = analyzeText(doc.path, doc.text, this.config);
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
    const file = (await this.report(doc)).file;
    switch (req.op) {
      case 'hover':
        return hoverAt({ file, pos: req.pos, config: this.config, linePrefix: req.linePrefix });
      case 'completion':
        return completeAt({ file, pos: req.pos, config: this.config, linePrefix: req.linePrefix });
      case 'symbols':
        return documentSymbols(file);
      case 'definition': {
        const hit = identifierAt(file, req.pos);
        return hit ? definitionsOf(hit) : null;
      }
      case 'prepareRename': {
        const hit = identifierAt(file, req.pos);
        return hit && !hit.pattern ? { range: hit.range, placeholder: hit.name } : null;
      }
      case 'rename': {
        const hit = identifierAt(file, req.pos);
        return hit ? renameEdits(file, hit, req.newName) : null;
      }
      case 'fixAll': {
        // The same passes as `tripline check --fix`, on this worker's configuration.
        const r = await fixText(doc.text, (t) => (t === doc.text ? this.report(doc) : analyzeText(doc.path, t, this.config)));
        return { edit: minimalEdit(doc.text, r.text), fixes: r.applied.length };
      }
    }
  }
}

/** KQL files and Sentinel rules need Kusto.Language: load it before the task's budget starts. */
function mayHoldKql(doc: DocRef): boolean {
  return isKqlPath(doc.path) || /^query\s*:/m.test(doc.text);
}

const state = new WorkerState();
SAMPLE_HITS.mode = 'background';
SAMPLE_HITS.onUpdate(() => postEvent({ type: 'samples-updated' }));

serveTasks({
  state(key, payload) {
    if (key === SETTINGS_STATE) state.settings(payload as WorkerSettings);
  },
  before(payload) {
    const task = payload as AnalysisTask;
    if (mayHoldKql(task) && kusto()) globalsFor(state.config);
  },
  run(payload) {
    const task = payload as AnalysisTask;
    return task.op === 'analyze' ? state.analyze(task) : state.feature(task, task.request);
  },
});
