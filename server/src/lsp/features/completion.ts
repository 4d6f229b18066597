import { CompletionItemKind, type CompletionItem, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionKind } from '../../engine/index';
import type { AnalysisCache } from '../state';
import { abortOn } from './preview';

const KIND: Record<CompletionKind, CompletionItemKind> = {
  modifier: CompletionItemKind.Operator,
  key: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  technique: CompletionItemKind.Reference,
  tactic: CompletionItemKind.Folder,
  tag: CompletionItemKind.Keyword,
  field: CompletionItemKind.Field,
  table: CompletionItemKind.Class,
  operator: CompletionItemKind.Operator,
  identifier: CompletionItemKind.Variable,
  snippet: CompletionItemKind.Snippet,
};

export const TRIGGER_CHARACTERS = ['|', '.', ':', ' '];

export function registerCompletion(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache): void {
  connection.onCompletion(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const linePrefix = doc.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
    const entries = await cache.feature(doc, { op: 'completion', pos: params.position, linePrefix }, abortOn(token).signal);
    return (entries ?? []).map((e): CompletionItem => ({
      label: e.label,
      kind: KIND[e.kind],
      detail: e.detail,
      documentation: e.documentation ? { kind: 'markdown', value: e.documentation } : undefined,
      sortText: e.sortText,
      filterText: e.filterText,
      ...(e.range ? { textEdit: { range: e.range, newText: e.insertText ?? e.label } } : { insertText: e.insertText }),
    }));
  });
}
