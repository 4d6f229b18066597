import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PREVIEW_REQUEST, type PreviewParams, type PreviewResult } from '../protocol';
import type { PreviewPanel } from '../preview/panel';

/**
 * "Tripline: Preview Matches": asks the server to run the rule over the sample telemetry (off the
 * UI thread, cancellable) and shows the matches in the preview panel. Returns the result so
 * tests and other commands can use it.
 */
export async function previewMatches(client: LanguageClient | undefined, panel: PreviewPanel, target?: vscode.Uri | string): Promise<PreviewResult | undefined> {
  if (!client) {
    void vscode.window.showErrorMessage('Tripline: the language server is not running.');
    return undefined;
  }
  const uri = target ? (typeof target === 'string' ? vscode.Uri.parse(target) : target) : vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showInformationMessage('Tripline: open a Sigma rule to preview its matches.');
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const limit = vscode.workspace.getConfiguration('tripline.preview').get<number>('limit', 200);
  const params: PreviewParams = { uri: client.code2ProtocolConverter.asUri(doc.uri), limit };
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Tripline: evaluating the rule on sample telemetry', cancellable: true },
    async (_progress, token) => {
      try {
        return await client.sendRequest<PreviewResult>(PREVIEW_REQUEST, params, token);
      } catch (e) {
        if (token.isCancellationRequested) return undefined;
        void vscode.window.showErrorMessage(`Tripline preview failed: ${(e as Error).message}`);
        return undefined;
      }
    },
  );
  if (result) panel.show(doc, result);
  return result;
}
