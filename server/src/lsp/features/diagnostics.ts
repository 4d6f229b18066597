import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toLspDiagnostics } from '../convert';
import type { AnalysisCache } from '../state';

/** Short enough to feel instant, long enough to skip the keystrokes of a fast typist. */
export const DEBOUNCE_MS = 30;

export function registerDiagnostics(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache): { refreshAll(): void } {
  const timers = new Map<string, NodeJS.Timeout>();

  const publish = async (uri: string): Promise<void> => {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    try {
      const report = await cache.analyze(doc);
      // A newer edit arrived while we worked: its own run will publish; never publish stale results.
      if (documents.get(uri)?.version !== version) return;
      const diagnostics = cache.enabled ? toLspDiagnostics(report.diagnostics, uri) : [];
      void connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (e) {
      connection.console.error(`tripline: analysis of ${uri} failed: ${(e as Error).stack ?? String(e)}`);
    }
  };

  const schedule = (uri: string, delay: number): void => {
    const t = timers.get(uri);
    if (t) clearTimeout(t);
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void publish(uri);
      }, delay),
    );
  };

  documents.onDidOpen((e) => schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => schedule(e.document.uri, DEBOUNCE_MS));
  documents.onDidClose((e) => {
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    timers.delete(e.document.uri);
    cache.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  return {
    refreshAll() {
      for (const d of documents.all()) schedule(d.uri, 0);
    },
  };
}
