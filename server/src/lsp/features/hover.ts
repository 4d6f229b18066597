import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverAt } from '../../engine/features/hover';
import type { AnalysisCache } from '../state';

export function registerHover(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache): void {
  connection.onHover(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const report = await cache.analyze(doc);
    const linePrefix = doc.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
    const r = hoverAt({ file: report.file, pos: params.position, config: cache.current, linePrefix });
    return r ? { contents: { kind: 'markdown', value: r.markdown }, range: r.range } : null;
  });
}
