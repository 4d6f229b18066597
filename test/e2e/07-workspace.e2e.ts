import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api, closeAll, codeOf, diagnosticsWith, sleep, waitFor, workspaceDir, wsUri } from './helpers';

describe('workspace commands', () => {
  after(closeAll);

  it('Check Workspace reports a rule that was never opened, in the background', async () => {
    const t = await api();
    const uri = wsUri('rules', 'never_opened_broken.yml');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'precondition: not open');
    const summary = await vscode.commands.executeCommand<{ files: number; rules: number; errors: number; cancelled: boolean }>('tripline.checkWorkspace');
    assert.ok(summary && !summary.cancelled);
    assert.ok(summary.files >= 4, `files: ${summary.files}`);
    assert.ok(summary.errors >= 1);
    const ds = t.workspaceChecker.collection.get(uri) ?? [];
    assert.ok(
      ds.some((d) => codeOf(d) === 'sigma/condition-syntax'),
      ds.map(codeOf).join(', '),
    );
    assert.deepEqual([...(t.workspaceChecker.collection.get(wsUri('rules', 'not_a_rule.yml')) ?? [])], [], 'ordinary YAML gets nothing');
    // Opening the file hands it over to the language server: no duplicate findings.
    await vscode.window.showTextDocument(uri);
    assert.deepEqual([...(t.workspaceChecker.collection.get(uri) ?? [])], []);
  });

  it('typing in a file the workspace check did not report on signals no diagnostics change', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'notes\n' });
    const editor = await vscode.window.showTextDocument(doc);
    let changes = 0;
    const sub = vscode.languages.onDidChangeDiagnostics((e) => (changes += e.uris.filter((u) => u.toString() === doc.uri.toString()).length));
    try {
      for (const ch of 'abcde') await editor.edit((b) => b.insert(new vscode.Position(0, 0), ch));
      await sleep(300);
      assert.equal(changes, 0, 'each keystroke made the workbench redo its diagnostics');
    } finally {
      sub.dispose();
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('Add to Allowlist writes the project configuration', async () => {
    const r = await vscode.commands.executeCommand<{ domain: string; target: string }>('tripline.addToAllowlist', 'Sanctioned.Example.org');
    assert.equal(r.domain, 'sanctioned.example.org');
    const config = JSON.parse(readFileSync(join(workspaceDir(), 'tripline.config.json'), 'utf8')) as { domains: { allowlist: string[] } };
    assert.deepEqual(config.domains.allowlist, ['corp.example.com', 'sanctioned.example.org']);
    // Idempotent.
    await vscode.commands.executeCommand('tripline.addToAllowlist', 'sanctioned.example.org');
    const again = JSON.parse(readFileSync(join(workspaceDir(), 'tripline.config.json'), 'utf8')) as { domains: { allowlist: string[] } };
    assert.deepEqual(again.domains.allowlist, ['corp.example.com', 'sanctioned.example.org']);
  });

  it('the walkthrough example opens as an editable untitled rule with findings', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('tripline.openExample');
    assert.equal(editor.document.uri.scheme, 'untitled');
    assert.equal(editor.document.languageId, 'yaml');
    assert.match(editor.document.getText(), /^title: /);
    // The walkthrough promises a warning to look at and a fix to apply.
    const ds = await diagnosticsWith(editor.document.uri, ['sigma/undefined-identifier']);
    assert.ok(
      ds.some((d) => d.severity === vscode.DiagnosticSeverity.Warning),
      `a warning among: ${ds.map(codeOf).join(', ')}`,
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

describe('sample telemetry picker', () => {
  it('"Bundled samples only" resets workspace sample paths; the status bar follows', async () => {
    const t = await api();
    const cfg = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('tripline.samples');
    await cfg().update('paths', ['telemetry/*.ndjson'], vscode.ConfigurationTarget.Workspace);
    await waitFor('status bar with workspace samples', () => /workspace \(1 pattern\) \+ bundled/.test(t.status.text));
    const picked = vscode.commands.executeCommand<boolean>('tripline.pickSamples');
    await sleep(800); // the quick pick opens; its first item is "Bundled samples only"
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.equal(await picked, true);
    assert.deepEqual(cfg().get('paths'), []);
    assert.equal(cfg().get('bundled'), true);
    await waitFor('status bar with bundled samples only', () => t.status.text.endsWith('bundled samples'));
  });
});
