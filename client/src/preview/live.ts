import * as vscode from 'vscode';
import type { PreviewPanel } from './panel';

/** Long enough to skip a fast typist's keystrokes, short enough to feel live. */
const DEBOUNCE_MS = 600;

/**
 * Keeps the open preview panel in step with its rule and the sample settings: an edit marks the
 * panel "updating" at once, and after a pause the rule is previewed again; a newer edit cancels
 * the request in flight. The panel never shows an old result without saying so.
 */
export function keepPreviewLive(panel: PreviewPanel, refresh: (uri: vscode.Uri, token: vscode.CancellationToken) => Promise<unknown>): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: vscode.CancellationTokenSource | undefined;
  const schedule = (why: string): void => {
    const shown = panel.documentUri;
    if (!shown) return;
    panel.setState('updating', why);
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      inFlight?.cancel();
      const cts = new vscode.CancellationTokenSource();
      inFlight = cts;
      void refresh(vscode.Uri.parse(shown), cts.token).finally(() => {
        if (inFlight === cts) inFlight = undefined;
        cts.dispose();
      });
    }, DEBOUNCE_MS);
  };
  const subs = [
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length > 0 && e.document.uri.toString() === panel.documentUri) schedule('Updating: the rule changed…');
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tripline.samples') || e.affectsConfiguration('tripline.preview') || e.affectsConfiguration('tripline.checks'))
        schedule('Updating: the sample settings changed…');
    }),
  ];
  return {
    dispose(): void {
      if (timer) clearTimeout(timer);
      inFlight?.cancel();
      for (const s of subs) s.dispose();
    },
  };
}
