import { InlayHintRequest, type Connection, type InlayHint, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisCache } from '../state';
import type { EditClock } from '../typing';

/**
 * How long a document must go without an edit before its hints are answered. The editor asks for
 * hints after every keystroke and redraws them on every answer; while the user types it keeps the
 * hints it has (moved with the text) and cancels the request at the next keystroke, so waiting for
 * a pause costs neither an analysis of each keystroke's version nor a redraw (issue 14: typing in
 * a 272-line rule cost the server, the extension host and the renderer CPU per keystroke here).
 */
export const HINT_QUIET_MS = 300;

/**
 * Per-entry hit counts on domain lists: after each entry, how many baseline sample events it
 * matches on its own ("3.4k hits"; only entries with hits, not after long lines: lsp/analysis/inlay.ts),
 * with the share and what it matches most in the tooltip. The numbers
 * are the ones `domains/noisy-in-samples` judges (engine/samples), computed once per sample set in
 * the analysis worker and sent with the diagnostics (analysis/summary.ts).
 */
export function registerInlayHints(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache, edits: EditClock): void {
  connection.onRequest(InlayHintRequest.type, async (params, token): Promise<InlayHint[]> => {
    if (!cache.enabled || !(await edits.quiet(params.textDocument.uri, HINT_QUIET_MS, token))) return [];
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !cache.enabled) return [];
    const { start, end } = params.range;
    return (await cache.analyze(doc)).inlay
      .filter((h) => h.position.line >= start.line && h.position.line <= end.line)
      .map((h) => ({ position: h.position, label: h.label, paddingLeft: true, tooltip: h.tooltip }));
  });
}
