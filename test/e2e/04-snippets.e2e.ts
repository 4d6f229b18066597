import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { closeAll, settledDiagnostics, waitFor, workspaceDir } from './helpers';
import { join } from 'node:path';

describe('snippets', () => {
  after(closeAll);

  const names = [
    'Sigma: web-service C2 on endpoints (network_connection)',
    'Sigma: mobile web-service C2 (T1481, Android/iOS)',
    'Sigma: exfiltration to a webhook (T1567.004)',
  ];
  for (const name of names) {
    it(`"${name}" expands into a rule without errors`, async () => {
      mkdirSync(join(workspaceDir(), 'scratch'), { recursive: true });
      const file = join(workspaceDir(), 'scratch', `snippet-${names.indexOf(name)}.yml`);
      writeFileSync(file, '');
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'yaml', name });
      await waitFor('snippet text', () => doc.getText().includes('detection:'));
      const text = doc.getText();
      const today = new Date();
      const date = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
      assert.match(text, /^id: [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/m, 'fresh UUID');
      assert.match(text, new RegExp(`^date: ${date}$`, 'm'), "today's date");
      await vscode.commands.executeCommand('leaveSnippet');
      const ds = await settledDiagnostics(doc.uri, 800);
      const errors = ds.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      assert.deepEqual(
        errors.map((d) => `${d.code as string}: ${d.message}`),
        [],
        text,
      );
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  }
});
