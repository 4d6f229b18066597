import { SymbolKind, type Connection, type DocumentSymbol, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SymbolNode } from '../../engine/index';
import type { AnalysisCache } from '../state';

const KIND: Record<SymbolNode['kind'], SymbolKind> = {
  rule: SymbolKind.Module,
  section: SymbolKind.Namespace,
  selection: SymbolKind.Variable,
  filter: SymbolKind.Boolean,
  condition: SymbolKind.Operator,
  field: SymbolKind.Field,
  query: SymbolKind.Function,
};

const convert = (n: SymbolNode): DocumentSymbol => ({
  name: n.name,
  detail: n.detail,
  kind: KIND[n.kind],
  range: n.range,
  selectionRange: n.selectionRange,
  children: n.children.map(convert),
});

export function registerSymbols(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache): void {
  connection.onDocumentSymbol(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    return ((await cache.feature(doc, { op: 'symbols' })) ?? []).map(convert);
  });
}
