import { readFileSync } from 'node:fs';
import {
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type ProgressToken,
  type TextDocuments,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { kqlPreviewJson, NO_SAMPLES_REASON, PreviewError, toCliJson, type HighlightTerms, type PreviewProgress } from '../../engine/index';
import { PREVIEW_REQUEST, type PreviewParams as SharedPreviewParams } from '../../../../shared/protocol';
import { uriToPath, type AnalysisCache } from '../state';

/** The shared request shape plus LSP's progress token. */
type PreviewParams = SharedPreviewParams & { workDoneToken?: ProgressToken };

/** `tripline preview --format json`'s shape (ARCHITECTURE.md, the command-line contract). */
type PreviewResponse = (ReturnType<typeof toCliJson> & { terms?: HighlightTerms }) | ReturnType<typeof kqlPreviewJson>;

export const DEFAULT_PREVIEW_LIMIT = 200;

/** An AbortSignal that follows an LSP cancellation token. */
export function abortOn(token: CancellationToken | undefined): AbortController {
  const ac = new AbortController();
  if (token?.isCancellationRequested) ac.abort();
  token?.onCancellationRequested(() => ac.abort());
  return ac;
}

/**
 * `tripline/preview`: the rule in `uri` evaluated on the sample telemetry by the engine (Sigma in
 * the preview workers, KQL in an analysis worker), answered with the JSON of `tripline preview
 * --format json`. Cancelled with the request, the progress notification's cancel button, or a newer
 * preview of the same document (latest wins); reports `$/progress` while it scans.
 */
export function registerPreview(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache): void {
  const running = new Map<string, AbortController>();
  connection.onRequest(PREVIEW_REQUEST, async (params: PreviewParams, token: CancellationToken): Promise<PreviewResponse> => {
    if (!params || typeof params.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'tripline/preview needs { uri }');
    const limit = Number.isInteger(params.limit) && (params.limit as number) >= 0 ? (params.limit as number) : DEFAULT_PREVIEW_LIMIT;
    const open = documents.get(params.uri);
    const text = open?.getText() ?? readClosed(params.uri);
    const ac = abortOn(token);
    running.get(params.uri)?.abort();
    running.set(params.uri, ac);
    const progress = await progressFor(connection, params.workDoneToken, ac);
    progress.begin('Tripline preview', 0, 'reading sample telemetry…', true);
    try {
      // An open document's kind is known from its analysis (in a worker): no parse on this thread.
      const kind = open ? (await cache.analyze(open)).kind : undefined;
      const at = params.position ? offsetAt(text, params.position) : 0;
      const outcome = await cache.engine.preview(
        { path: uriToPath(params.uri), text, kind },
        { limit, at, docIndex: params.rule, signal: ac.signal, onProgress: reporter(progress), terms: true },
      );
      if (outcome.kind === 'kql') {
        if (outcome.noSamples) throw new ResponseError(ErrorCodes.InvalidParams, NO_SAMPLES_REASON);
        return kqlPreviewJson(outcome.result);
      }
      // Cancelled by the client or by a newer preview of the document (the progress button alone keeps what was found).
      if (outcome.result.cancelled && (token.isCancellationRequested || running.get(params.uri) !== ac))
        throw new ResponseError(LSPErrorCodes.RequestCancelled, 'preview cancelled');
      // The panel highlights what the rule's selections test: the server parses, the client does not.
      return { ...toCliJson(outcome.result), terms: outcome.terms };
    } catch (e) {
      throw responseError(e, ac.signal);
    } finally {
      progress.done();
      if (running.get(params.uri) === ac) running.delete(params.uri);
    }
  });
}

function readClosed(uri: string): string {
  try {
    return readFileSync(uriToPath(uri), 'utf8');
  } catch (e) {
    throw new ResponseError(ErrorCodes.InvalidParams, `cannot read ${uri}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** The client's progress token, or server-created progress with its own cancel button. */
async function progressFor(connection: Connection, token: ProgressToken | undefined, ac: AbortController): Promise<WorkDoneProgressReporter> {
  if (token !== undefined) return connection.window.attachWorkDoneProgress(token);
  const created = await connection.window.createWorkDoneProgress();
  created.token.onCancellationRequested(() => ac.abort());
  return created;
}

function reporter(progress: WorkDoneProgressReporter): (p: PreviewProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 200) return;
    last = now;
    const pct = p.bytesTotal > 0 ? Math.min(100, Math.round((100 * p.bytesRead) / p.bytesTotal)) : undefined;
    progress.report(pct ?? 0, `${p.scanned.toLocaleString('en-US')} events, ${p.matched.toLocaleString('en-US')} matches`);
  };
}

/** The engine's errors as LSP errors: whatever went wrong after the user cancelled, the answer is "cancelled". */
function responseError(e: unknown, signal: AbortSignal): ResponseError<void> {
  if (e instanceof ResponseError) return e;
  if (signal.aborted) return new ResponseError(LSPErrorCodes.RequestCancelled, 'preview cancelled');
  if (e instanceof PreviewError)
    return new ResponseError(ErrorCodes.InvalidParams, e.at ? `line ${e.at.line + 1}, column ${e.at.character + 1}: ${e.message}` : e.message);
  return new ResponseError(ErrorCodes.InternalError, `preview failed: ${(e as Error).message}`);
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
