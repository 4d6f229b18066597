import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisCache } from '../state';
import { abortOn } from './preview';

export function registerHover(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache): void {
  connection.onHover(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const linePrefix = doc.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
    const r = await cache.feature(doc, { op: 'hover', pos: params.position, linePrefix }, abortOn(token).signal);
    return r ? { contents: { kind: 'markdown', value: r.markdown }, range: r.range } : null;
  });
}
