import type { Connection, Location, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { definitionsOf, identifierAt } from '../../engine/features/identifiers';
import type { AnalysisCache } from '../state';

/** Go to definition: from a condition's identifier (or pattern) to the search identifiers it names. */
export function registerDefinition(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache): void {
  connection.onDefinition(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const report = await cache.analyze(doc);
    const hit = identifierAt(report.file, params.position);
    if (!hit) return null;
    return definitionsOf(hit).map((range): Location => ({ uri: doc.uri, range }));
  });
}
