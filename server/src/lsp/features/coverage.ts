import { fileURLToPath, pathToFileURL } from 'node:url';
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CoverageAnswer } from '../analysis/protocol';
import type { AnalysisCache } from '../state';
import { abortOn } from './preview';

import { COVERAGE_REQUEST, type CoverageParams, type CoverageResult } from '../../../../shared/protocol';

const toPath = (p: string): string => (p.startsWith('file:') ? fileURLToPath(p) : p);

async function workspacePaths(connection: Connection): Promise<string[]> {
  try {
    const folders = await connection.workspace.getWorkspaceFolders();
    const paths = (folders ?? []).filter((f) => f.uri.startsWith('file:')).map((f) => fileURLToPath(f.uri));
    if (paths.length > 0) return paths;
  } catch {
    // A client without workspace folders: fall back to where the server was started.
  }
  return [process.cwd()];
}

/** One running report, shared by every request that asks the same question while it runs. */
interface SharedRun {
  answer: Promise<CoverageAnswer>;
  /** Aborts the worker's task: called when the last request waiting for it is cancelled. */
  abort: AbortController;
  waiting: number;
}

/**
 * `tripline/coverage`: the same report as `tripline coverage --format json`, with rule locations as
 * URIs for the "ATT&CK coverage" tree view. Open documents are read from the editor, unsaved edits
 * included. Reading and mapping every rule runs in an analysis worker (never on this thread).
 * Requests for the same folders and texts while one runs (the tree view and a command, say) share
 * its answer; each request is cancelled only by its own token, and the work stops when nobody waits.
 */
export function registerCoverage(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache): void {
  const running = new Map<string, SharedRun>();
  connection.onRequest(COVERAGE_REQUEST, async (params: CoverageParams | null, token: CancellationToken): Promise<CoverageResult> => {
    const roots = params?.paths && params.paths.length > 0 ? params.paths.map(toPath) : await workspacePaths(connection);
    const open = Object.fromEntries(
      documents
        .all()
        .filter((d) => d.uri.startsWith('file:'))
        .map((d) => [fileURLToPath(d.uri), d.getText()]),
    );
    const key = JSON.stringify([roots, open]);
    let run = running.get(key);
    if (!run) {
      const abort = new AbortController();
      const answer = cache.offThread<CoverageAnswer>({ op: 'coverage', roots, open }, abort.signal);
      const created: SharedRun = { answer, abort, waiting: 0 };
      running.set(key, created);
      const forget = (): void => {
        if (running.get(key) === created) running.delete(key);
      };
      answer.then(forget, forget);
      run = created;
    }
    const shared = run;
    shared.waiting++;
    const mine = abortOn(token);
    let answer: CoverageAnswer;
    try {
      answer = await Promise.race([
        shared.answer,
        new Promise<never>((_, reject) => {
          const cancelled = (): void => reject(new ResponseError(LSPErrorCodes.RequestCancelled, 'coverage cancelled'));
          if (mine.signal.aborted) cancelled();
          else mine.signal.addEventListener('abort', cancelled, { once: true });
        }),
      ]);
    } catch (e) {
      if (e instanceof ResponseError) throw e;
      if (shared.abort.signal.aborted) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'coverage cancelled');
      throw new ResponseError(ErrorCodes.InternalError, `coverage failed: ${(e as Error).message}`);
    } finally {
      shared.waiting--;
      if (shared.waiting === 0 && mine.signal.aborted) shared.abort.abort();
    }
    if (!answer.ok) throw new ResponseError(ErrorCodes.InvalidParams, answer.inputError);
    const { report } = answer;
    return {
      catalogVersion: report.catalogVersion,
      techniques: report.techniques.map((t) => ({ ...t, rules: t.rules.map((r) => ({ uri: pathToFileURL(r.path).href, title: r.title, line: r.line })) })),
    };
  });
}
