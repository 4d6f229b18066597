import { fileURLToPath } from 'node:url';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisCache } from '../state';

/** How often the server looks at the sample files for changes (a few stat calls). */
const SAMPLE_POLL_MS = 5000;

/**
 * Keeps sample-derived results fresh in the editor: per-entry hit counts are computed in the
 * background (diagnostics never wait for them); when they are ready, or when a sample file changes
 * on disk, analyses are redone and diagnostics, inlay hints and CodeLenses refreshed.
 */
export function registerSampleHits(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache, refreshAll: () => void): void {
  let pending: NodeJS.Timeout | undefined;
  // Several analyses may wait for the same index: refresh once when it is ready.
  const refresh = (): void => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      for (const d of documents.all()) cache.forget(d.uri);
      refreshAll();
      // Clients without these refresh requests simply re-ask on the next edit.
      connection.languages.inlayHint.refresh().catch(() => undefined);
      connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    }, 100);
  };
  // The index is built in the analysis workers, which say when it is ready.
  cache.onWorkerEvent((e) => {
    if (e.type === 'samples-updated') refresh();
  });

  // Relative samples.paths without a config file resolve against the workspace folder.
  let askedRoot = false;
  documents.onDidOpen(() => {
    if (askedRoot) return;
    askedRoot = true;
    connection.workspace
      .getWorkspaceFolders()
      .then((folders) => {
        const first = folders?.find((f) => f.uri.startsWith('file:'));
        if (first && cache.workspaceRoot !== fileURLToPath(first.uri)) {
          cache.setWorkspaceRoot(first.uri);
          refresh();
        }
      })
      .catch(() => undefined);
  });

  let last: string | undefined;
  const timer = setInterval(() => {
    if (documents.all().length === 0) return;
    const fp = cache.engine.sampleFingerprint();
    if (last !== undefined && fp !== last) refresh();
    last = fp;
  }, SAMPLE_POLL_MS);
  timer.unref();
}
