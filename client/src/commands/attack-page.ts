import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { attackRef, attackRefAt, type AttackRef } from './attack-url';

let tactics: Map<string, string> | undefined;

/** Enterprise tactic short names → ids, from the shipped catalog (Sigma tags name Enterprise tactics). */
function enterpriseTactics(extensionUri: vscode.Uri): Map<string, string> {
  if (tactics) return tactics;
  tactics = new Map();
  try {
    const catalog = JSON.parse(readFileSync(vscode.Uri.joinPath(extensionUri, 'data', 'attack', 'catalog.json').fsPath, 'utf8')) as {
      tactics?: Array<{ id: string; shortname: string; domain: string }>;
    };
    for (const t of catalog.tactics ?? []) if (t.domain === 'enterprise-attack') tactics.set(t.shortname, t.id);
  } catch {
    // Without the catalog, technique, group and software ids still resolve.
  }
  return tactics;
}

/**
 * "Tripline: Open ATT&CK Page": opens attack.mitre.org for the tag under the cursor (or the id
 * given as argument). Returns what it opened, so tests can check it without a browser.
 */
export async function openAttackPage(extensionUri: vscode.Uri, id?: string): Promise<AttackRef | undefined> {
  let ref: AttackRef | null = null;
  if (typeof id === 'string') ref = attackRef(id, enterpriseTactics(extensionUri));
  else {
    const editor = vscode.window.activeTextEditor;
    if (editor) {
      const pos = editor.selection.active;
      ref = attackRefAt(editor.document.lineAt(pos.line).text, pos.character, enterpriseTactics(extensionUri));
    }
  }
  if (!ref) {
    void vscode.window.showInformationMessage(
      'Tripline: put the cursor on an ATT&CK tag such as attack.t1583.006 (or a Sentinel technique id such as T1583.006).',
    );
    return undefined;
  }
  await vscode.env.openExternal(vscode.Uri.parse(ref.url));
  return ref;
}
