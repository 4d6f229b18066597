import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, codeOf, open, positionOf, settledDiagnostics, waitFor } from './helpers';

const hoverText = (hs: vscode.Hover[]): string => hs.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');

describe('issue 14: entry-scoped fixes, short hints, KQL table hover (1440x900, Explorer open)', () => {
  before(() => vscode.commands.executeCommand('workbench.view.explorer'));
  after(closeAll);

  it('quick fixes on an entry change that entry; the list-wide fix is separate; titles are short', async function () {
    // Two edits, each re-checked: on a loaded machine that is more than mocha's default minute.
    this.timeout(180_000);
    const editor = await open('rules', 'broad_domains.yml');
    const doc = editor.document;
    const ds = await waitFor(
      'no-dot-boundary on dropboxapi.com',
      () => {
        const all = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'tripline');
        return all.some((d) => doc.getText(d.range) === "'dropboxapi.com'") ? all : undefined;
      },
      60_000,
    );
    const target = ds.find((d) => doc.getText(d.range) === "'dropboxapi.com'")!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      target.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const titles = actions.map((a) => a.title);
    for (const t of titles) assert.ok(t.length <= 50, `a short title (${t.length}): ${t}`);
    const entryFixes = ["Use '.dropboxapi.com' + exact 'dropboxapi.com'", "Add the dot: '.dropboxapi.com'"];
    assert.ok(entryFixes.includes(titles[0]), `an entry fix leads: ${titles.join(' | ')}`);
    const keepExact = actions.find((a) => a.title === entryFixes[0]);
    assert.ok(keepExact?.edit && titles.includes(entryFixes[1]), titles.join(' | '));
    const all = actions.find((a) => a.title === 'Fix all no-dot-boundary in this list: add dots');
    assert.ok(all?.edit, titles.join(' | '));
    assert.ok(titles.indexOf(all.title) > Math.max(...entryFixes.map((t) => titles.indexOf(t))), 'the list-wide fix comes after the entry fixes');

    // The entry fix touches that entry (and adds its exact match), never google.com's entry.
    assert.ok(await vscode.workspace.applyEdit(keepExact.edit));
    assert.match(doc.getText(), /- '\.dropboxapi\.com'\n[^]*- DestinationHostname: 'dropboxapi\.com'/);
    assert.match(doc.getText(), /- 'google\.com'/, 'the other entries are left as they were');
    const after = await settledDiagnostics(doc.uri);
    assert.ok(!after.some((d) => codeOf(d) === 'domains/no-dot-boundary' && doc.getText(d.range).includes('dropboxapi.com')));
    assert.ok(!after.some((d) => d.severity === vscode.DiagnosticSeverity.Error), 'still a valid rule');
    await vscode.commands.executeCommand('workbench.action.files.revert');

    // "Fix all" dots every unbounded entry of the list, and only those.
    assert.ok(await vscode.workspace.applyEdit(all.edit!));
    assert.match(doc.getText(), /- '\.dropboxapi\.com'\n\s+- '\.google\.com'\n\s+- '\.workers\.dev'\n\s+- 'api\.telegram\.org'/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('hit-count hints are short, only on entries with hits, never after a long line', async () => {
    const editor = await open('examples', 'sigma', 'net_connection_win_web_service_broad_list.yml');
    const doc = editor.document;
    const range = new vscode.Range(0, 0, doc.lineCount, 0);
    const hints = await waitFor(
      'inlay hints with sample hit counts',
      async () => {
        const hs = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, range);
        return hs.length > 0 ? hs : undefined;
      },
      60_000,
    );
    const label = (h: vscode.InlayHint): string => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
    for (const h of hints) {
      assert.match(label(h), /^\d+(\.\d)?[kM]? (hits?|attack)$/, label(h));
      assert.ok(doc.lineAt(h.position.line).text.length <= 80, `no hint after a long line (${h.position.line + 1})`);
      assert.ok(!/^0 /.test(label(h)), 'no hint on an entry without hits');
    }
  });

  it('hover on a KQL table name, in a .kql query and in a Sentinel rule', async () => {
    for (const file of ['webhook_beacons.kql', 'sentinel_webhook_exfiltration.yaml']) {
      const editor = await open('kql', file);
      const pos = positionOf(editor.document, 'DeviceNetworkEvents', 6);
      const text = await waitFor(
        `a table hover in ${file}`,
        async () => {
          const t = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, pos));
          return /DeviceNetworkEvents\*\* \(table, \d+ columns\)/.test(t) ? t : undefined;
        },
        30_000,
      );
      assert.match(text, /Microsoft Defender XDR advanced-hunting table; time column `Timestamp`/);
      assert.match(text, /`RemoteUrl`/);
    }
    const kql = await open('kql', 'webhook_beacons.kql');
    const joined = hoverText(
      await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', kql.document.uri, positionOf(kql.document, 'DeviceProcessEvents', 3)),
    );
    assert.match(joined, /DeviceProcessEvents\*\* \(table/, 'the table inside a join too');
  });
});
