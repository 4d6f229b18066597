import type { Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisCache } from '../state';
import { registerCodeActions } from './code-actions';
import { registerCompletion, TRIGGER_CHARACTERS } from './completion';
import { registerCoverage } from './coverage';
import { registerDefinition } from './definition';
import { registerHover } from './hover';
import { registerRename } from './rename';
import { registerSymbols } from './symbols';

export interface FeatureHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  cache: AnalysisCache;
  /** Re-run diagnostics for every open document (after configuration or sample changes). */
  refreshAll(): void;
}

export interface LspFeature {
  capabilities: ServerCapabilities;
  register(host: FeatureHost): void;
}

/** One LSP feature per file; each declares the capabilities it provides. */
export const FEATURES: LspFeature[] = [
  { capabilities: { codeActionProvider: { codeActionKinds: ['quickfix'] } }, register: (h) => registerCodeActions(h.connection, h.documents, h.cache) },
  { capabilities: { documentSymbolProvider: true }, register: (h) => registerSymbols(h.connection, h.documents, h.cache) },
  { capabilities: { definitionProvider: true }, register: (h) => registerDefinition(h.connection, h.documents, h.cache) },
  { capabilities: { renameProvider: { prepareProvider: true } }, register: (h) => registerRename(h.connection, h.documents, h.cache) },
  { capabilities: { hoverProvider: true }, register: (h) => registerHover(h.connection, h.documents, h.cache) },
  { capabilities: { completionProvider: { triggerCharacters: TRIGGER_CHARACTERS } }, register: (h) => registerCompletion(h.connection, h.documents, h.cache) },
  { capabilities: {}, register: (h) => registerCoverage(h.connection, h.documents, h.cache) },
];
