import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, EXTENSION_ID, open, waitFor } from './helpers';

describe('activation', () => {
  before(async () => {
    // The secondary side bar (chat) takes a third of a web workbench; the rules need the room.
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
  });

  it('activates on a Sigma rule, in desktop or web workbench alike', async () => {
    // Remote (code-server) and desktop hosts are both fine; the suite must not assume either.
    console.log(
      `host: uiKind=${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} remoteName=${vscode.env.remoteName ?? '(local)'} appName=${vscode.env.appName} version=${vscode.version}`,
    );
    await open('rules', 'web_service_c2.yml');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, 'extension present');
    await waitFor('extension activation', () => ext.isActive);
  });

  it('shows the server state in the status bar', async () => {
    const t = await api();
    const text = await waitFor('status bar: running', () => (t.status.text.includes('$(shield)') ? t.status.text : undefined));
    assert.match(text, /Tripline/);
    assert.match(t.status.tooltip, /Sample telemetry: .*bundled/);
    assert.match(text, /bundled samples/);
  });

  it('registers every command the package contributes', async () => {
    const contributed = (
      vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: Array<{ command: string }> } }
    ).contributes.commands.map((c) => c.command);
    const all = await vscode.commands.getCommands(true);
    assert.deepEqual(
      contributed.filter((c) => !all.includes(c)),
      [],
    );
  });
});
