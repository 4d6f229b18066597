import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PREVIEW_REQUEST, type PreviewParams, type PreviewResult } from '../protocol';
import type { PreviewPanel } from '../preview/panel';

interface PreviewOptions {
  /** A live refresh: no progress notification, problems shown on the panel instead of a pop-up. */
  quiet?: boolean;
  token?: vscode.CancellationToken;
}

/**
 * "Tripline: Preview Matches": asks the server to run the rule over the sample telemetry (off the
 * UI thread, cancellable) and shows the matches in the preview panel. Returns the result so
 * tests and other commands can use it.
 */
export async function previewMatches(
  client: LanguageClient | undefined,
  panel: PreviewPanel,
  target?: vscode.Uri | string,
  options: PreviewOptions = {},
): Promise<PreviewResult | undefined> {
  if (!client) {
    if (options.quiet) panel.setState('stale', 'Out of date: the Tripline language server is not running.');
    else void vscode.window.showErrorMessage('Tripline: the language server is not running.');
    return undefined;
  }
  const uri = target ? (typeof target === 'string' ? vscode.Uri.parse(target) : target) : vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showInformationMessage('Tripline: open a Sigma rule to preview its matches.');
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const limit = vscode.workspace.getConfiguration('tripline.preview').get<number>('limit', 200);
  // In a .kql file of several queries, the one under the cursor (as Log Analytics runs it).
  const editor = vscode.window.activeTextEditor?.document.uri.toString() === doc.uri.toString() ? vscode.window.activeTextEditor : undefined;
  const position = editor ? { line: editor.selection.active.line, character: editor.selection.active.character } : undefined;
  const params: PreviewParams = { uri: client.code2ProtocolConverter.asUri(doc.uri), limit, ...(position ? { position } : {}) };
  const version = doc.version;
  const request = async (token: vscode.CancellationToken): Promise<PreviewResult | undefined> => {
    try {
      return await client.sendRequest<PreviewResult>(PREVIEW_REQUEST, params, token);
    } catch (e) {
      if (token.isCancellationRequested) return undefined;
      const why = (e as Error).message;
      if (options.quiet) panel.setState('stale', `Out of date: the preview failed (${why}).`);
      else void vscode.window.showErrorMessage(`Tripline preview failed: ${why}`);
      return undefined;
    }
  };
  const result = options.quiet
    ? await request(options.token ?? new vscode.CancellationTokenSource().token)
    : await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Tripline: evaluating the rule on sample telemetry', cancellable: true },
        (_progress, token) => request(token),
      );
  // A live refresh that an edit overtook is dropped: the next one shows the latest text.
  if (result && !(options.quiet && doc.version !== version)) panel.show(doc, result);
  return result;
}
