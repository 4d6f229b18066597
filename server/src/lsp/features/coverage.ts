import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ResponseError, ErrorCodes, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { coverageOf } from '../../engine/attack/coverage';
import { loadSource, MAX_FILE_BYTES, type SourceFile } from '../../engine/document/source';
import { collectRuleFiles, InputError } from '../../engine/workspace/files';
import type { AnalysisCache } from '../state';

export const COVERAGE_REQUEST = 'tripline/coverage';

export interface CoverageParams {
  /** Files or folders (paths or file: URIs); default: the workspace folders. */
  paths?: string[];
}

export interface CoverageResult {
  catalogVersion: string;
  techniques: { id: string; name: string; domain: string; tactics: string[]; covered: boolean; observable: boolean; observedThrough?: string[]; rules: { uri: string; title: string; line: number }[] }[];
}

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
    const open = new Map(documents.all().filter((d) => d.uri.startsWith('file:')).map((d) => [fileURLToPath(d.uri), d]));
    const files: SourceFile[] = [];
    for (const path of paths) {
      const doc = open.get(path);
      if (doc) {
        files.push(loadSource(path, doc.getText()));
        continue;
      }
      try {
        const size = statSync(path).size;
        files.push(loadSource(path, size <= MAX_FILE_BYTES ? readFileSync(path, 'utf8') : '', size));
      } catch {
        // A file removed between listing and reading is simply not part of the report.
      }
    }
    const report = coverageOf(files, cache.current);
    return {
      catalogVersion: report.catalogVersion,
      techniques: report.techniques.map((t) => ({ ...t, rules: t.rules.map((r) => ({ uri: pathToFileURL(r.path).href, title: r.title, line: r.line })) })),
    };
  });
}
