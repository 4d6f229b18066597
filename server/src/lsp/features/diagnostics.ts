import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { toLspDiagnostics } from '../convert';
import { PRIORITY, type AnalysisCache } from '../state';

/** Short enough to feel instant, long enough to skip the keystrokes of a fast typist. */
const DEBOUNCE_MS = 30;

/**
 * Sent instead of a publish when a new version's findings are exactly the ones already shown:
 * `{ uri, version }`. A `$/` method, which clients without a handler ignore (LSP): tests and the
 * latency benchmark use it to know the analysis of a version is done.
 */
const DIAGNOSTICS_UNCHANGED = '$/tripline/diagnosticsUnchanged';

/**
 * Publishes each open document's diagnostics. Every analysis that completes for the current
 * version is published, also when it failed (a crash or a blown time budget gives one finding that
 * says so): the previous diagnostics are always replaced, never left stale.
 */
export function registerDiagnostics(connection: Connection, documents: TextDocuments<TextDocument>, cache: AnalysisCache): { refreshAll(): void } {
  const timers = new Map<string, NodeJS.Timeout>();
  /** The version last published per document: results never go backwards. */
  const shown = new Map<string, number>();
  /** Documents whose findings were cleared because Tripline is off: cleared once, not per keystroke. */
  const cleared = new Set<string>();
  /**
   * What was last published per document. Republishing the same findings is not free: the editor
   * replaces every marker and redraws them (measured in the real editor: more of each keystroke
   * than the analysis). Findings move with the text in the editor, so identical findings for a
   * new version are the ones it already shows.
   */
  const lastSent = new Map<string, string>();

  const publish = async (uri: string, priority: number): Promise<void> => {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    try {
      const analysis = await cache.analyze(doc, priority);
      // A newer edit may have arrived while we worked. Its results follow; until then these (with
      // their version) are better than none while the user keeps typing, but never older ones
      // over newer ones.
      if (analysis.failed === 'cancelled' || !documents.get(uri) || version < (shown.get(uri) ?? 0)) return;
      shown.set(uri, version);
      if (analysis.failed === 'disabled') {
        if (!cleared.has(uri)) void connection.sendDiagnostics({ uri, version, diagnostics: [] });
        cleared.add(uri);
        lastSent.delete(uri);
        return;
      }
      cleared.delete(uri);
      const diagnostics = toLspDiagnostics(analysis.diagnostics, uri);
      const sent = JSON.stringify(diagnostics);
      if (lastSent.get(uri) === sent) {
        void connection.sendNotification(DIAGNOSTICS_UNCHANGED, { uri, version });
        return;
      }
      lastSent.set(uri, sent);
      void connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (e) {
      connection.console.error(`tripline: publishing diagnostics of ${uri} failed: ${(e as Error).stack ?? String(e)}`);
    }
  };

  /**
   * One analysis per document at a time: edits that arrive while one runs are analysed together
   * as soon as it ends (the latest version). On a machine short of CPU analyses take longer and so
   * cover more keystrokes each, instead of piling up beside the editor's own work.
   */
  const running = new Set<string>();
  const again = new Map<string, number>();
  const run = async (uri: string, priority: number): Promise<void> => {
    if (running.has(uri)) {
      again.set(uri, Math.min(priority, again.get(uri) ?? priority));
      return;
    }
    running.add(uri);
    try {
      await publish(uri, priority);
    } finally {
      running.delete(uri);
      const next = again.get(uri);
      again.delete(uri);
      if (next !== undefined) void run(uri, next);
    }
  };

  const schedule = (uri: string, delay: number, priority: number): void => {
    const t = timers.get(uri);
    if (t) clearTimeout(t);
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void run(uri, priority);
      }, delay),
    );
  };

  documents.onDidOpen((e) => schedule(e.document.uri, 0, PRIORITY.background));
  documents.onDidChangeContent((e) => schedule(e.document.uri, DEBOUNCE_MS, PRIORITY.edit));
  documents.onDidClose((e) => {
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    timers.delete(e.document.uri);
    cache.close(e.document.uri);
    shown.delete(e.document.uri);
    cleared.delete(e.document.uri);
    lastSent.delete(e.document.uri);
    again.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  return {
    refreshAll() {
      for (const d of documents.all()) schedule(d.uri, 0, PRIORITY.background);
    },
  };
}
