import type { Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisCache } from '../state';
import type { EditClock } from '../typing';
import { FIX_ALL_KIND, registerCodeActions } from './code-actions';
import { registerCodeLens } from './code-lens';
import { registerCompletion, TRIGGER_CHARACTERS } from './completion';
import { registerCoverage } from './coverage';
import { registerDefinition } from './definition';
import { registerEffectiveConfig } from './effective-config';
import { registerHover } from './hover';
import { registerInlayHints } from './inlay-hints';
import { registerPreview } from './preview';
import { registerRename } from './rename';
import { registerSampleHits } from './sample-hits';
import { registerSymbols } from './symbols';

export interface FeatureHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  cache: AnalysisCache;
  /** When each document was last edited: what is drawn beside the text waits for a pause. */
  edits: EditClock;
  /** Re-run diagnostics for every open document (after configuration or sample changes). */
  refreshAll(): void;
}

interface LspFeature {
  capabilities: ServerCapabilities;
  register(host: FeatureHost): void;
}

/** One LSP feature per file; each declares the capabilities it provides. */
export const FEATURES: LspFeature[] = [
  {
    capabilities: { codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND] } },
    register: (h) => registerCodeActions(h.connection, h.documents, h.cache),
  },
  { capabilities: { documentSymbolProvider: true }, register: (h) => registerSymbols(h.connection, h.documents, h.cache) },
  { capabilities: { definitionProvider: true }, register: (h) => registerDefinition(h.connection, h.documents, h.cache) },
  { capabilities: { renameProvider: { prepareProvider: true } }, register: (h) => registerRename(h.connection, h.documents, h.cache) },
  { capabilities: { hoverProvider: true }, register: (h) => registerHover(h.connection, h.documents, h.cache) },
  { capabilities: { completionProvider: { triggerCharacters: TRIGGER_CHARACTERS } }, register: (h) => registerCompletion(h.connection, h.documents, h.cache) },
  { capabilities: {}, register: (h) => registerCoverage(h.connection, h.documents, h.cache) },
  { capabilities: {}, register: (h) => registerPreview(h.connection, h.documents, h.cache) },
  { capabilities: {}, register: (h) => registerEffectiveConfig(h.connection, h.cache) },
  { capabilities: { codeLensProvider: { resolveProvider: true } }, register: (h) => registerCodeLens(h.connection, h.documents, h.cache, h.edits) },
  { capabilities: { inlayHintProvider: true }, register: (h) => registerInlayHints(h.connection, h.documents, h.cache, h.edits) },
  { capabilities: {}, register: (h) => registerSampleHits(h.connection, h.documents, h.cache, h.refreshAll) },
];
