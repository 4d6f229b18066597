import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';

/**
 * Walkthrough step one: opens an example rule as an untitled document, so the user can apply
 * quick fixes to it without touching the installed extension's files.
 */
export async function openExample(extensionUri: vscode.Uri): Promise<vscode.TextEditor> {
  const file = vscode.Uri.joinPath(extensionUri, 'client', 'media', 'walkthrough', 'example-rule.yml');
  const content = readFileSync(file.fsPath, 'utf8');
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content });
  // Beside the walkthrough, so its next steps stay readable while the rule is edited.
  return vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside });
}
