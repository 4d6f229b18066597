import { readFileSync } from 'node:fs';
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type ProgressToken, type TextDocuments, type WorkDoneProgressReporter } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { RuleCompileError, ruleContextFiles, toCliJson, type PreviewProgress, type PreviewResult } from '../../engine/preview';
import { loadSource } from '../../engine/document/source';
import { highlightTerms } from '../../engine/preview/highlight-terms';
import { PREVIEW_REQUEST, type PreviewParams as SharedPreviewParams } from '../../../../shared/protocol';
import { KqlPreviewError, kqlPreviewJson, previewKql } from '../../engine/kql/preview';
import { PreviewCache, SAMPLE_HITS } from '../../engine/samples';
import { uriToPath, type AnalysisCache } from '../state';

/** The shared request shape plus LSP's progress token. */
type PreviewParams = SharedPreviewParams & { workDoneToken?: ProgressToken };

/** `tripline preview --format json`'s shape (DESIGN.md). */
type PreviewResponse = (ReturnType<typeof toCliJson> & { terms?: ReturnType<typeof highlightTerms> }) | ReturnType<typeof kqlPreviewJson>;

export const DEFAULT_PREVIEW_LIMIT = 200;

/** One cache for the preview request and the CodeLens, so clicking a lens shows its result at once. */
const PREVIEWS = new PreviewCache();

interface PreviewRun {
  result: PreviewResult;
  /** No sample telemetry is configured: nothing was scanned. */
  noSamples: boolean;
}

/** Runs (or reuses) the preview of the rule in a document, off the server's thread. */
export async function runPreview(
  text: string,
  uri: string,
  cache: AnalysisCache,
  opts: { limit: number; docIndex?: number; signal?: AbortSignal; onProgress?: (p: PreviewProgress) => void },
): Promise<PreviewRun> {
  const rulePath = uriToPath(uri);
  const set = SAMPLE_HITS.samples(cache.current);
  const empty: PreviewResult = { rule: '', scanned: 0, matched: 0, matches: [], skipped: set.problems.map((reason) => ({ source: '', index: -1, reason })), slowRegexes: [], warnings: [], sources: [], cancelled: false };
  if (set.sources.length === 0) {
    empty.skipped.push({ source: '', index: -1, reason: 'no sample telemetry: set tripline.samples.paths or turn tripline.samples.bundled on' });
    return { result: empty, noSamples: true };
  }
  const context = ruleContextFiles(rulePath, text, cache.current);
  const result = await PREVIEWS.run({ ruleText: text, rulePath, docIndex: opts.docIndex ?? -1, samples: set.sources, limit: opts.limit, signal: opts.signal, onProgress: opts.onProgress, context, timeFields: cache.current.samples.timeFields });
  return { result, noSamples: false };
}

/** An AbortSignal that follows an LSP cancellation token. */
export function abortOn(token: CancellationToken | undefined): AbortController {
  const ac = new AbortController();
  if (token?.isCancellationRequested) ac.abort();
  token?.onCancellationRequested(() => ac.abort());
  return ac;
}

/**
 * `tripline/preview`: the rule in `uri` evaluated on the sample telemetry, answered with the JSON of
 * `tripline preview --format json`. Runs in the preview worker; cancelled with the request (or the
 * progress notification's cancel button); reports `$/progress` while it scans.
 */
export function registerPreview(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache): void {
  connection.onRequest(PREVIEW_REQUEST, async (params: PreviewParams, token: CancellationToken): Promise<PreviewResponse> => {
    if (!params || typeof params.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'tripline/preview needs { uri }');
    const limit = Number.isInteger(params.limit) && (params.limit as number) >= 0 ? (params.limit as number) : DEFAULT_PREVIEW_LIMIT;
    let text = documents.get(params.uri)?.getText();
    if (text === undefined) {
      try {
        text = readFileSync(uriToPath(params.uri), 'utf8');
      } catch (e) {
        throw new ResponseError(ErrorCodes.InvalidParams, `cannot read ${params.uri}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      }
    }
    const ac = abortOn(token);
    // An open document is already parsed: reuse that instead of parsing the file again.
    const open = documents.get(params.uri);
    // A closed file is parsed once here, for its kind and for the highlight terms below.
    const parsed = open ? undefined : loadSource(uriToPath(params.uri), text);
    const kind = parsed ? parsed.kind : (await cache.analyze(open!)).kind;
    if (kind === 'kql' || kind === 'sentinel') {
      const at = params.position ? offsetAt(text, params.position) : 0;
      return previewKqlRequest(text, params.uri, cache, limit, ac.signal, at);
    }
    let progress: WorkDoneProgressReporter;
    if (params.workDoneToken !== undefined) progress = connection.window.attachWorkDoneProgress(params.workDoneToken);
    else {
      // Server-created progress has its own cancel button (window/workDoneProgress/cancel).
      const created = await connection.window.createWorkDoneProgress();
      created.token.onCancellationRequested(() => ac.abort());
      progress = created;
    }
    progress.begin('Tripline preview', 0, 'reading sample telemetry…', true);
    let last = 0;
    try {
      const { result } = await runPreview(text, params.uri, cache, {
        limit,
        docIndex: params.rule,
        signal: ac.signal,
        onProgress: (p) => {
          const now = Date.now();
          if (now - last < 200) return;
          last = now;
          const pct = p.bytesTotal > 0 ? Math.min(100, Math.round((100 * p.bytesRead) / p.bytesTotal)) : undefined;
          progress.report(pct ?? 0, `${p.scanned.toLocaleString('en-US')} events, ${p.matched.toLocaleString('en-US')} matches`);
        },
      });
      if (result.cancelled && token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'preview cancelled');
      // The panel highlights what the rule's selections test: the server parses, the client does not.
      return { ...toCliJson(result), terms: highlightTerms(parsed ?? loadSource(uriToPath(params.uri), text)) };
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      // Whatever went wrong after the user cancelled, the answer is "cancelled".
      if (ac.signal.aborted) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'preview cancelled');
      if (e instanceof RuleCompileError) throw new ResponseError(ErrorCodes.InvalidParams, e.message);
      throw new ResponseError(ErrorCodes.InternalError, `preview failed: ${(e as Error).message}`);
    } finally {
      progress.done();
    }
  });
}

/** KQL files and Sentinel rules: the same answer `tripline preview` gives for them (KQL subset evaluator). */
async function previewKqlRequest(text: string, uri: string, cache: AnalysisCache, limit: number, signal: AbortSignal, at: number): Promise<PreviewResponse> {
  const set = SAMPLE_HITS.samples(cache.current);
  if (set.sources.length === 0) throw new ResponseError(ErrorCodes.InvalidParams, 'no sample telemetry: set tripline.samples.paths or turn tripline.samples.bundled on');
  try {
    return kqlPreviewJson(await previewKql(uriToPath(uri), text, set.sources, { limit, signal, at }));
  } catch (e) {
    if (signal.aborted) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'preview cancelled');
    if (e instanceof KqlPreviewError) throw new ResponseError(ErrorCodes.InvalidParams, `line ${e.line + 1}, column ${e.character + 1}: ${e.message}`);
    throw new ResponseError(ErrorCodes.InternalError, `preview failed: ${(e as Error).message}`);
  }
}

/** Offset of an LSP position (UTF-16 code units, as JavaScript strings count them). */
function offsetAt(text: string, p: { line: number; character: number }): number {
  let at = 0;
  for (let line = 0; line < p.line; line++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return text.length;
    at = nl + 1;
  }
  return Math.min(text.length, at + p.character);
}
