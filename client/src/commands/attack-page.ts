import * as vscode from 'vscode';
import { attackRef, attackRefAt, type AttackRef } from './attack-url';

/**
 * "Tripline: Open ATT&CK Page": opens attack.mitre.org for the tag under the cursor (or the id
 * given as argument). Returns what it opened, so tests can check it without a browser.
 */
export async function openAttackPage(id?: string): Promise<AttackRef | undefined> {
  let ref: AttackRef | null = null;
  if (typeof id === 'string') ref = attackRef(id);
  else {
    const editor = vscode.window.activeTextEditor;
    if (editor) {
      const pos = editor.selection.active;
      ref = attackRefAt(editor.document.lineAt(pos.line).text, pos.character);
    }
  }
  if (!ref) {
    void vscode.window.showInformationMessage('Tripline: put the cursor on an ATT&CK tag such as attack.t1583.006 (or a Sentinel technique id such as T1583.006).');
    return undefined;
  }
  await vscode.env.openExternal(vscode.Uri.parse(ref.url));
  return ref;
}
