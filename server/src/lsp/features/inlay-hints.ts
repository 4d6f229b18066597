import { InlayHintRequest, type Connection, type InlayHint, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { describeHits, percent, sampleHitsOf } from '../../engine/samples';
import type { AnalysisCache } from '../state';

const fmt = (n: number): string => n.toLocaleString('en-US');

/**
 * Per-entry hit counts on domain lists: after each entry, how many baseline sample events it
 * matches on its own ("3,425 hits · 12%"), with what it matches most in the tooltip. The numbers
 * are the ones `domains/noisy-in-samples` judges (engine/samples), computed once per sample set.
 */
export function registerInlayHints(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache): void {
  connection.onRequest(InlayHintRequest.type, async (params): Promise<InlayHint[]> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !cache.enabled) return [];
    const report = await cache.analyze(doc);
    const data = sampleHitsOf(report.file);
    if (!data) return [];
    const { start, end } = params.range;
    return data.hits
      .filter((h) => h.entry.range.end.line >= start.line && h.entry.range.end.line <= end.line)
      .map((h) => {
        const attack = h.attackHits > 0 ? ` +${fmt(h.attackHits)} attack` : '';
        return {
          position: h.entry.range.end,
          label: `${fmt(h.hits)} hit${h.hits === 1 ? '' : 's'} · ${percent(h.hits, h.events)}${attack}`,
          paddingLeft: true,
          tooltip: `Sample telemetry (${data.sources} file${data.sources === 1 ? '' : 's'}): '${h.entry.value}' matches ${describeHits(h)}.`,
        };
      });
  });
}
