import type { Connection, Location, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisCache } from '../state';

/** Go to definition: from a condition's identifier (or pattern) to the search identifiers it names. */
export function registerDefinition(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache): void {
  connection.onDefinition(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const ranges = await cache.feature(doc, { op: 'definition', pos: params.position });
    return ranges ? ranges.map((range): Location => ({ uri: doc.uri, range })) : null;
  });
}
