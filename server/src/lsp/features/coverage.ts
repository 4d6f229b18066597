import { fileURLToPath, pathToFileURL } from 'node:url';
import { ResponseError, ErrorCodes, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { collectRuleFiles, InputError } from '../../engine/index';
import type { AnalysisCache } from '../state';

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
 * URIs for the "ATT&CK coverage" tree view. Open documents are read from the editor, unsaved edits included.
 */
export function registerCoverage(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache): void {
  connection.onRequest(COVERAGE_REQUEST, async (params: CoverageParams | null): Promise<CoverageResult> => {
    const roots = params?.paths && params.paths.length > 0 ? params.paths.map(toPath) : await workspacePaths(connection);
    let paths: string[];
    try {
      paths = collectRuleFiles(roots);
    } catch (e) {
      throw new ResponseError(ErrorCodes.InvalidParams, e instanceof InputError ? e.message : String(e));
    }
    const open = new Map(documents.all().filter((d) => d.uri.startsWith('file:')).map((d) => [fileURLToPath(d.uri), d.getText()]));
    const { report } = cache.engine.coverage(paths.map((path) => ({ path, text: open.get(path) })));
    return {
      catalogVersion: report.catalogVersion,
      techniques: report.techniques.map((t) => ({ ...t, rules: t.rules.map((r) => ({ uri: pathToFileURL(r.path).href, title: r.title, line: r.line })) })),
    };
  });
}
