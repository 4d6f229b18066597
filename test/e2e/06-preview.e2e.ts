import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { PreviewResult } from '../../client/src/protocol';
import { api, closeAll, open, screenshot, waitFor, workspaceDir } from './helpers';

/** The telemetry files shipped in samples/ (not their README or labels.json): the editor's bundled set. */
function bundledSamples(extPath: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const n of readdirSync(d, { withFileTypes: true })) {
      if (n.isDirectory()) walk(join(d, n.name));
      else if (/\.(json|ndjson|jsonl|csv)$/.test(n.name) && n.name !== 'labels.json') out.push(join(d, n.name));
    }
  };
  walk(join(extPath, 'samples'));
  return out.sort();
}

/** The example rule the preview test runs: the first example whose CLI preview matches something. */
function exampleWithMatches(extPath: string): { file: string; cli: PreviewResult } | undefined {
  const dir = join(workspaceDir(), 'examples', 'sigma');
  if (!existsSync(dir)) return undefined;
  // A clean, precise example first: the screenshot should show a rule worth copying.
  const preferred = ['proxy_webhook_exfiltration.yml', 'dns_telegram_bot_api.yml'];
  const files = readdirSync(dir).sort((a, b) => (preferred.includes(b) ? 1 : 0) - (preferred.includes(a) ? 1 : 0) || a.localeCompare(b));
  for (const f of files) {
    if (!/\.ya?ml$/.test(f)) continue;
    const out = execFileSync(
      process.execPath,
      [join(extPath, 'dist', 'cli.js'), 'preview', join(dir, f), ...bundledSamples(extPath).flatMap((s) => ['--samples', s]), '--format', 'json'],
      {
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        encoding: 'utf8',
      },
    );
    const cli = JSON.parse(out) as PreviewResult;
    if (cli.matched > 0) return { file: f, cli };
  }
  return undefined;
}

describe('preview', () => {
  after(closeAll);

  it('the preview command reports on the bundled samples exactly what `tripline preview` prints', async () => {
    const t = await api();
    const extPath = vscode.extensions.getExtension('tripline.tripline')!.extensionPath;
    const pick = exampleWithMatches(extPath);
    assert.ok(pick, 'an example rule that matches the bundled samples');
    const editor = await open('examples', 'sigma', pick.file);
    const result = await vscode.commands.executeCommand<PreviewResult | undefined>('tripline.previewMatches');
    assert.ok(result, 'preview result');
    assert.equal(result.matched, pick.cli.matched, 'same match count as the CLI');
    assert.equal(result.scanned, pick.cli.scanned, 'same number of events scanned');
    assert.ok(result.matched > 0 && result.matched < result.scanned, `${result.matched} of ${result.scanned}`);
    // The same events (sources may be read in another order): all of them when under the limit.
    const ids = (r: PreviewResult): string[] => r.matches.map((m) => `${m.source.split(/[\\/]/).pop()}#${m.index}`).sort();
    if (result.matched <= result.matches.length) assert.deepEqual(ids(result), ids(pick.cli));
    assert.ok(t.previewPanelOpen(), 'the preview panel is open');
    assert.equal(t.lastPreview(), result);
    assert.equal(
      vscode.window.activeTextEditor?.document.uri.toString(),
      editor.document.uri.toString(),
      'the panel opens beside the rule without stealing focus',
    );
    const rows = await Promise.race([
      t.previewRendered(),
      new Promise<number>((_, rej) => setTimeout(() => rej(new Error('the preview webview never rendered')), 20_000)),
    ]);
    assert.equal(rows, result.matches.length, 'the panel lists every returned match');
    await screenshot('preview-panel');
  });

  it('a CodeLens on the rule counts its matches and opens the preview', async () => {
    const extPath = vscode.extensions.getExtension('tripline.tripline')!.extensionPath;
    const pick = exampleWithMatches(extPath)!;
    const editor = await open('examples', 'sigma', pick.file);
    const lens = await waitFor(
      'a resolved preview CodeLens',
      async () => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri, 10);
        return lenses.find((l) => l.command?.command === 'tripline.previewMatches' && /\d+ match/.test(l.command.title));
      },
      60_000,
    );
    assert.match(lens.command!.title, new RegExp(`\\b${pick.cli.matched} match`), lens.command!.title);
    const result = await vscode.commands.executeCommand<PreviewResult>(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.equal(result.matched, pick.cli.matched);
  });
});
