import { ResponseError, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { identifierAt, renameEdits, VALID_IDENTIFIER } from '../../engine/features/identifiers';
import type { AnalysisCache } from '../state';

/** Rename a search identifier in its definition and every condition that names it. */
export function registerRename(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache): void {
  connection.onPrepareRename(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const hit = identifierAt((await cache.analyze(doc)).file, params.position);
    if (!hit || hit.pattern) return null;
    return { range: hit.range, placeholder: hit.name };
  });
  connection.onRenameRequest(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const report = await cache.analyze(doc);
    const hit = identifierAt(report.file, params.position);
    if (!hit) return null;
    if (!VALID_IDENTIFIER.test(params.newName)) throw new ResponseError(1, `'${params.newName}' is not a valid search identifier (letters, digits, underscore)`);
    const edits = renameEdits(report.file, hit, params.newName);
    return edits ? { changes: { [doc.uri]: edits } } : null;
  });
}
