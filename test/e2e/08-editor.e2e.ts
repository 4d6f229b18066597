import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CoverageNode } from '../../client/src/coverage/tree';
import { api, closeAll, codeOf, open, screenshot, settledDiagnostics, waitFor } from './helpers';

/** Replaces the first `from` in the document with `to`. */
async function replaceIn(doc: vscode.TextDocument, from: string, to: string): Promise<void> {
  const at = doc.getText().indexOf(from);
  assert.ok(at >= 0, `"${from}" in ${doc.uri.path}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + from.length)), to);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

describe('the editor on a real rule set', () => {
  after(closeAll);

  it('the preview panel follows edits of its rule: "updating" at once, then the new counts', async () => {
    const t = await api();
    await vscode.commands.executeCommand('workbench.view.explorer');
    const editor = await open('examples', 'sigma', 'dns_telegram_bot_api.yml');
    const first = await vscode.commands.executeCommand<{ matched: number } | undefined>('tripline.previewMatches');
    assert.ok(first && first.matched > 0, 'the example matches the bundled samples');
    await t.previewRendered();
    await replaceIn(editor.document, "query: 'api.telegram.org'", "query: 'api.telegram.org.invalid'");
    assert.equal(t.previewState(), 'updating', 'the panel says at once that it is recomputing');
    await waitFor('the panel to show the edited rule', () => t.previewState() === 'current' && t.lastPreview()?.matched === 0, 30_000);
    assert.equal(await t.previewRendered(), 0);
    await replaceIn(editor.document, "query: 'api.telegram.org.invalid'", "query: 'api.telegram.org'");
    await waitFor('the panel to show the original counts again', () => t.previewState() === 'current' && t.lastPreview()?.matched === first.matched, 30_000);
    await t.previewRendered();
    // The CodeLens above the rule says the same, formatted the same way, by the time the panel does.
    const shown = `▶ ${first.matched.toLocaleString('en-US')} match${first.matched === 1 ? '' : 'es'} in `;
    await waitFor(
      `the CodeLens to read "${shown}…" as the panel does`,
      async () => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri, 10);
        return lenses.some((l) => l.command?.title.startsWith(shown));
      },
      5_000,
    );
    await screenshot('preview-panel-explorer');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('coverage lists observed techniques first, most rules first, and marks PRE techniques as not observable', async () => {
    const t = await api();
    await vscode.commands.executeCommand('tripline.showCoverage');
    const nodes = (await t.coverage.getChildren()) as CoverageNode[];
    const techniques = nodes.flatMap((n) => (n.kind === 'technique' ? [n.technique] : []));
    assert.ok(techniques.length > 5, `${techniques.length} techniques`);
    const rank = techniques.map((x) => (x.observable === false ? 2 : x.covered ? 0 : 1));
    assert.deepEqual(
      rank,
      [...rank].sort((a, b) => a - b),
      'covered, then gaps, then PRE',
    );
    const covered = techniques.filter((x) => x.covered && x.observable !== false).map((x) => x.rules.length);
    assert.deepEqual(
      covered,
      [...covered].sort((a, b) => b - a),
      'most rules first',
    );
    const pre = techniques.find((x) => x.id === 'T1583.006');
    assert.ok(pre && pre.observable === false, 'T1583.006 is PRE');
    const item = t.coverage.getTreeItem({ kind: 'technique', technique: pre });
    assert.match(String(item.description), /not observable — mapped to T1102/);
    assert.notEqual((item.iconPath as vscode.ThemeIcon).id, 'pass', 'no green check for a PRE technique');
  });

  it('"Problems by check" groups the findings of the open files by code', async () => {
    const t = await api();
    const editor = await open('examples', 'sigma', 'net_connection_win_web_service_broad_list.yml');
    const ds = await settledDiagnostics(editor.document.uri);
    assert.ok(ds.length > 0);
    const groups = await waitFor('problems grouped', () => {
      const g = t.problems.groups();
      return ds.every((d) => g.some((x) => x.code === codeOf(d))) ? g : undefined;
    });
    for (const code of new Set(ds.map(codeOf))) {
      const group = groups.find((g) => g.code === code)!;
      const inFile = group.files.find((f) => f.uri.toString() === editor.document.uri.toString());
      assert.equal(inFile?.diagnostics.length, ds.filter((d) => codeOf(d) === code).length, code);
    }
  });

  it('turning Tripline off clears everything it shows; turning it on brings the findings back', async () => {
    const t = await api();
    const editor = await open('examples', 'sigma', 'net_connection_win_web_service_broad_list.yml');
    await settledDiagnostics(editor.document.uri);
    await vscode.commands.executeCommand('tripline.checkWorkspace');
    assert.ok(t.workspaceProblems() > 0, 'the workspace check published findings on closed files');
    await vscode.commands.executeCommand('tripline.previewMatches');
    assert.ok(t.previewPanelOpen());
    const cfg = vscode.workspace.getConfiguration('tripline');
    await cfg.update('enable', false, vscode.ConfigurationTarget.Global);
    try {
      await waitFor(
        'nothing of Tripline left on screen',
        () => {
          const own = vscode.languages.getDiagnostics().flatMap(([, d]) => d.filter((x) => x.source === 'tripline'));
          return own.length === 0 && !t.statusVisible() && !t.previewPanelOpen() && t.workspaceProblems() === 0;
        },
        20_000,
      );
    } finally {
      await cfg.update('enable', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor('the status item back', () => t.statusVisible());
    await waitFor('findings back on the open rule', () => vscode.languages.getDiagnostics(editor.document.uri).some((d) => d.source === 'tripline'), 20_000);
  });
});
