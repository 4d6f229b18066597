import { InlayHintRequest, type Connection, type InlayHint, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisCache } from '../state';

/**
 * Per-entry hit counts on domain lists: after each entry, how many baseline sample events it
 * matches on its own ("3.4k hits"; only entries with hits, not after long lines: lsp/analysis/inlay.ts),
 * with the share and what it matches most in the tooltip. The numbers
 * are the ones `domains/noisy-in-samples` judges (engine/samples), computed once per sample set in
 * the analysis worker and sent with the diagnostics (analysis/summary.ts).
 */
export function registerInlayHints(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache): void {
  connection.onRequest(InlayHintRequest.type, async (params): Promise<InlayHint[]> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !cache.enabled) return [];
    const { start, end } = params.range;
    return (await cache.analyze(doc)).inlay
      .filter((h) => h.position.line >= start.line && h.position.line <= end.line)
      .map((h) => ({ position: h.position, label: h.label, paddingLeft: true, tooltip: h.tooltip }));
  });
}
