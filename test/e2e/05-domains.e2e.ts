import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, codeOf, diagnosticsWith, open, screenshot, settledDiagnostics, sleep } from './helpers';

describe('a broad domain list, as the user sees it', () => {
  after(closeAll);

  it('warns on each over-broad entry; hover explains, the quick-fix menu offers fixes', async () => {
    const editor = await open('rules', 'broad_domains.yml');
    const doc = editor.document;
    const ds = await diagnosticsWith(doc.uri, ['domains/no-dot-boundary', 'domains/high-prevalence', 'domains/public-suffix']);
    const entries = (code: string): string[] => ds.filter((d) => codeOf(d) === code).map((d) => doc.getText(d.range).replace(/['"]/g, ''));
    assert.ok(entries('domains/high-prevalence').includes('google.com'), entries('domains/high-prevalence').join(', '));
    assert.ok(entries('domains/public-suffix').includes('.workers.dev'), entries('domains/public-suffix').join(', '));
    assert.ok(entries('domains/no-dot-boundary').includes('dropboxapi.com'), entries('domains/no-dot-boundary').join(', '));
    assert.ok(!entries('domains/no-dot-boundary').includes('.workers.dev'), 'an entry with its leading dot has its label boundary');
    // Too broad is noisy, not invalid: never an error; the boundary and multi-tenant findings are warnings.
    for (const d of ds.filter((x) => codeOf(x).startsWith('domains/'))) assert.notEqual(d.severity, vscode.DiagnosticSeverity.Error, codeOf(d));
    for (const d of ds.filter((x) => ['domains/no-dot-boundary', 'domains/public-suffix'].includes(codeOf(x)))) assert.equal(d.severity, vscode.DiagnosticSeverity.Warning, codeOf(d));

    // The hover over the dropboxapi.com entry: what a user reads when the squiggle puzzles them.
    const target = ds.find((d) => codeOf(d) === 'domains/no-dot-boundary' && doc.getText(d.range).includes('dropboxapi.com'))!;
    const inside = target.range.start.translate(0, 2);
    editor.selection = new vscode.Selection(inside, inside);
    editor.revealRange(target.range, vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('editor.action.showHover');
    await sleep(1200);
    await screenshot('domain-warning-hover');
    await vscode.commands.executeCommand('editor.action.hideHover');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, target.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    const dot = actions.find((a) => a.edit && /\.dropboxapi\.com/.test(a.title));
    assert.ok(dot, `a fix adds the label boundary; offered: ${titles.join(' | ')}`);
    await vscode.commands.executeCommand('editor.action.quickFix');
    await sleep(1200);
    await screenshot('quick-fix-menu');
    await vscode.commands.executeCommand('hideCodeActionWidget');

    assert.ok(await vscode.workspace.applyEdit(dot.edit!));
    assert.match(doc.getText(), /\.dropboxapi\.com/);
    const after = await settledDiagnostics(doc.uri);
    const stillUnbounded = after.filter((d) => codeOf(d) === 'domains/no-dot-boundary' && doc.getText(d.range).includes('dropboxapi.com'));
    assert.deepEqual(stillUnbounded.map((d) => doc.getText(d.range)), [], 'after the fix, the dropboxapi.com entry has its label boundary');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
