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

/**
 * `tripline/coverage`: the same report as `tripline coverage --format json`, with rule locations as
 * URIs for the "ATT&CK coverage" tree view. Open documents are read from the editor, unsaved edits
 * included. Reading and mapping every rule runs in an analysis worker (never on this thread); a
 * newer request cancels an older one still running.
 */
export function registerCoverage(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache): void {
  let latest: AbortController | undefined;
  connection.onRequest(COVERAGE_REQUEST, async (params: CoverageParams | null, token: CancellationToken): Promise<CoverageResult> => {
    latest?.abort();
    const ac = abortOn(token);
    latest = ac;
    const roots = params?.paths && params.paths.length > 0 ? params.paths.map(toPath) : await workspacePaths(connection);
    const open = Object.fromEntries(
      documents
        .all()
        .filter((d) => d.uri.startsWith('file:'))
        .map((d) => [fileURLToPath(d.uri), d.getText()]),
    );
    let answer: CoverageAnswer;
    try {
      answer = await cache.offThread<CoverageAnswer>({ op: 'coverage', roots, open }, ac.signal);
    } catch (e) {
      if (ac.signal.aborted) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'coverage cancelled');
      throw new ResponseError(ErrorCodes.InternalError, `coverage failed: ${(e as Error).message}`);
    } finally {
      if (latest === ac) latest = undefined;
    }
    // A newer request replaced this one while it ran: latest wins.
    if (ac.signal.aborted) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'coverage cancelled');
    if (!answer.ok) throw new ResponseError(ErrorCodes.InvalidParams, answer.inputError);
    const { report } = answer;
    return {
      catalogVersion: report.catalogVersion,
      techniques: report.techniques.map((t) => ({ ...t, rules: t.rules.map((r) => ({ uri: pathToFileURL(r.path).href, title: r.title, line: r.line })) })),
    };
  });
}
