import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, open, positionOf, waitFor } from './helpers';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

describe('ATT&CK: hover, completion, coverage', () => {
  after(closeAll);

  it('hover on attack.t1583.006 shows the technique', async () => {
    const editor = await open('rules', 'web_service_c2.yml');
    const pos = positionOf(editor.document, 'attack.t1583.006', 'attack.t1583.0'.length);
    const text = await waitFor('a hover with the technique', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, pos);
      const t = hoverText(hovers);
      return /T1583\.006/.test(t) ? t : undefined;
    });
    assert.match(text, /Web Services/);
    assert.match(text, /[Rr]esource[ -][Dd]evelopment/);
  });

  it('completion after `attack.t1583` offers .006', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'yaml',
      content:
        'title: t\nlogsource:\n    category: proxy\ndetection:\n    selection:\n        cs-host: a.example\n    condition: selection\ntags:\n    - attack.t1583',
    });
    await vscode.window.showTextDocument(doc);
    const pos = new vscode.Position(doc.lineCount - 1, doc.lineAt(doc.lineCount - 1).text.length);
    const list = await waitFor('technique completions', async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
      return l.items.some((i) => /1583\.006/.test(typeof i.label === 'string' ? i.label : i.label.label)) ? l : undefined;
    });
    const item = list.items.find((i) => /1583\.006/.test(typeof i.label === 'string' ? i.label : i.label.label))!;
    const inserted =
      item.insertText instanceof vscode.SnippetString
        ? item.insertText.value
        : (item.insertText ?? (typeof item.label === 'string' ? item.label : item.label.label));
    const range = item.range instanceof vscode.Range ? item.range : item.range?.replacing;
    const line = doc.lineAt(pos.line).text;
    const result = range ? line.slice(0, range.start.character) + inserted + line.slice(range.end.character) : inserted;
    assert.match(result, /attack\.t1583\.006/, `accepting "${typeof item.label === 'string' ? item.label : item.label.label}" gives "${result}"`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('the coverage view lists T1583.006, T1584.006 and T1481', async () => {
    const t = await api();
    const result = await vscode.commands.executeCommand<unknown>('tripline.showCoverage');
    assert.equal(typeof result, 'object', `coverage failed: ${String(result)}`);
    const roots = await t.coverage.getChildren();
    const ids = roots.flatMap((n) => (n.kind === 'technique' ? [n.technique.id] : []));
    for (const id of ['T1583.006', 'T1584.006', 'T1481']) assert.ok(ids.includes(id), `${id} missing from ${ids.join(', ')}`);
    const t1583 = roots.find((n) => n.kind === 'technique' && n.technique.id === 'T1583.006');
    assert.ok(t1583 && t1583.kind === 'technique' && t1583.technique.covered, 'the fixture rule tagged attack.t1583.006 covers it');
    const rules = await t.coverage.getChildren(t1583);
    assert.ok(rules.some((r) => r.kind === 'rule' && r.rule.uri.endsWith('web_service_c2.yml')));
    const item = t.coverage.getTreeItem(rules[0]);
    assert.equal(item.command?.command, 'vscode.open', 'a rule opens on click');
    assert.match(t.status.text, /ATT&CK/, 'the status bar shows the catalog version');
  });
});
