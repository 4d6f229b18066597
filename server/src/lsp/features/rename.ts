import { ResponseError, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { VALID_IDENTIFIER } from '../../engine/index';
import type { AnalysisCache } from '../state';

/** Rename a search identifier in its definition and every condition that names it. */
export function registerRename(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache): void {
  connection.onPrepareRename(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    return cache.feature(doc, { op: 'prepareRename', pos: params.position });
  });
  connection.onRenameRequest(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    if (!VALID_IDENTIFIER.test(params.newName))
      throw new ResponseError(1, `'${params.newName}' is not a valid search identifier (letters, digits, underscore)`);
    const edits = await cache.feature(doc, { op: 'rename', pos: params.position, newName: params.newName });
    return edits ? { changes: { [doc.uri]: edits } } : null;
  });
}
