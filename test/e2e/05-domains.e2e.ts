import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, codeOf, open, screenshot, settledDiagnostics, sleep, waitFor } from './helpers';

describe('a broad domain list, as the user sees it', () => {
  after(closeAll);

  it('warns on each over-broad entry; hover explains, the quick-fix menu offers fixes', async () => {
    // The README's screenshots show the workbench as users keep it: the Explorer open beside the rule.
    await vscode.commands.executeCommand('workbench.view.explorer');
    const editor = await open('rules', 'broad_domains.yml');
    const doc = editor.document;
    // One diagnostic per entry (the most severe finding leads, the others are its related
    // information); google.com's leader is a warning (popular parent, noisy in the samples).
    const ds = await waitFor(
      'a warning on google.com and the dropboxapi.com and .workers.dev findings',
      () => {
        const all = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'tripline');
        const on = (text: string): vscode.Diagnostic[] => all.filter((d) => doc.getText(d.range).replace(/['"]/g, '') === text);
        const google = on('google.com').find((d) => d.severity === vscode.DiagnosticSeverity.Warning);
        return google && on('dropboxapi.com').length > 0 && on('.workers.dev').length > 0 ? all : undefined;
      },
      60_000,
    );
    const at = (text: string): vscode.Diagnostic[] => ds.filter((d) => doc.getText(d.range).replace(/['"]/g, '') === text);
    for (const text of ['google.com', 'dropboxapi.com', '.workers.dev'])
      assert.equal(at(text).length, 1, `one diagnostic on ${text}: ${at(text).map(codeOf).join(', ')}`);
    const google = at('google.com')[0];
    assert.ok(['domains/high-prevalence', 'domains/noisy-in-samples'].includes(codeOf(google)), codeOf(google));
    const related = (google.relatedInformation ?? []).map((r) => r.message).join(' | ');
    assert.match(
      related,
      /domains\/(high-prevalence|noisy-in-samples|no-dot-boundary)/,
      'the other findings on the entry are named in its related information',
    );
    // In a selection a dotless suffix is harmless over-match (information); an entry with its dot has its boundary.
    const dropbox = at('dropboxapi.com')[0];
    assert.equal(codeOf(dropbox), 'domains/no-dot-boundary');
    assert.equal(dropbox.severity, vscode.DiagnosticSeverity.Information);
    assert.ok(
      !ds.some((d) => codeOf(d) === 'domains/no-dot-boundary' && doc.getText(d.range).includes('.workers.dev')),
      'an entry with its leading dot has its label boundary',
    );
    assert.equal(codeOf(at('.workers.dev')[0]), 'domains/public-suffix');
    // Too broad is noisy, not invalid: never an error.
    for (const d of ds.filter((x) => codeOf(x).startsWith('domains/'))) assert.notEqual(d.severity, vscode.DiagnosticSeverity.Error, codeOf(d));

    // The hover over the google.com warning: what a user reads when the squiggle puzzles them.
    const inside = google.range.start.translate(0, 2);
    editor.selection = new vscode.Selection(inside, inside);
    editor.revealRange(google.range, vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('editor.action.showHover');
    await sleep(1200);
    await screenshot('domain-warning-hover');
    await vscode.commands.executeCommand('editor.action.hideHover');

    const target = dropbox;
    const pos = target.range.start.translate(0, 2);
    editor.selection = new vscode.Selection(pos, pos);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      target.range,
      vscode.CodeActionKind.QuickFix.value,
    );
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
    assert.deepEqual(
      stillUnbounded.map((d) => doc.getText(d.range)),
      [],
      'after the fix, the dropboxapi.com entry has its label boundary',
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
