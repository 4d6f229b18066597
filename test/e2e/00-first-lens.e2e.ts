import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { api, open, waitFor } from './helpers';

/**
 * The first thing the suite does, before any other test warms the server up: open a rule in a
 * fresh workbench and time the CodeLens match count on the bundled samples. Issue 14 asks for 3 s;
 * that needs the sample index persisted between sessions (not done yet): until then the time is
 * logged against the target and only a hang (LIMIT_MS) fails.
 */
const TARGET_MS = 3000;
const LIMIT_MS = 40_000;
describe('first rule of the session', () => {
  it('the CodeLens match count appears after opening the first rule (timed against the 3 s target)', async () => {
    const t0 = performance.now();
    const editor = await open('examples', 'sigma', 'dns_telegram_bot_api.yml');
    await api();
    const lens = await waitFor(
      'a CodeLens with the match count',
      async () => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri, 10);
        return lenses.find((l) => /^▶ (\d[\d,]*|no) match/.test(l.command?.title ?? ''));
      },
      60_000,
    );
    const ms = performance.now() - t0;
    console.log(
      `[tripline-e2e] first CodeLens "${lens.command!.title}" ${ms.toFixed(0)} ms after opening the first rule (target ${TARGET_MS} ms${ms > TARGET_MS ? ': NOT MET' : ''})`,
    );
    assert.ok(ms <= LIMIT_MS, `the first CodeLens count took ${ms.toFixed(0)} ms`);
  });
});
