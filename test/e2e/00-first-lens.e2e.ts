import assert from 'node:assert/strict';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { api, cpuJiffies, idleCores, open, waitFor, workspaceDir } from './helpers';
import { readSession } from './workspace';

/**
 * The first thing each editor session does, before any other test warms the server up: open a
 * rule in a fresh workbench and time the CodeLens match count on the bundled samples.
 *
 * scripts/e2e.mjs runs two sessions on one user-data folder. The warm-up session is a user's
 * very first: the sample index is built (and saved in the extension's global storage) while the
 * lens is computed; its time is logged, and it waits until the index is ready. The main session
 * is any later one: it opens another rule, the index is read back, and issue 14's 3 s applies.
 */
const TARGET_MS = 3000;
/** A hang, whatever the machine: the warm-up session's bound. */
const LIMIT_MS = 40_000;
/**
 * The later session's bound when the cores were saturated while it waited (less than one core idle:
 * code-server and Chromium starting up fill a 2-core machine): then the time measures the queue
 * for the cores as much as Tripline, and 3 s is reported against, not asserted.
 */
const SATURATED_LIMIT_MS = 6000;

const LENS_COUNT = /^▶ (\d[\d,]*|no) match/;

async function timeFirstLens(...rule: string[]): Promise<{ ms: number; title: string; uri: vscode.Uri; idleCores: number | null }> {
  const before = cpuJiffies();
  const t0 = performance.now();
  const editor = await open(...rule);
  await api();
  const lens = await waitFor(
    'a CodeLens with the match count',
    async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri, 10);
      return lenses.find((l) => LENS_COUNT.test(l.command?.title ?? ''));
    },
    60_000,
  );
  const ms = performance.now() - t0;
  const after = cpuJiffies();
  const idle = before && after ? idleCores(after.busy - before.busy, after.total - before.total) : null;
  return { ms, title: lens.command!.title, uri: editor.document.uri, idleCores: idle };
}

describe('first rule of the session', () => {
  const session = readSession(workspaceDir());

  if (session === 'main') {
    it('a later session: the CodeLens count of a rule opened first appears within 3 s (sample index read back)', async () => {
      const { ms, title, idleCores } = await timeFirstLens('examples', 'sigma', 'net_connection_win_telegram_bot_api_non_browser.yml');
      const saturated = idleCores !== null && idleCores < 1;
      const limit = saturated ? SATURATED_LIMIT_MS : TARGET_MS;
      console.log(
        `[tripline-e2e] later session: first CodeLens "${title}" ${ms.toFixed(0)} ms after opening the first rule (target ${TARGET_MS} ms${ms > TARGET_MS ? ': NOT MET' : ''}); ${idleCores === null ? 'idle cores n/a' : `${idleCores.toFixed(2)} of ${cpus().length} cores idle meanwhile`}${saturated ? `: SATURATED, asserted within ${SATURATED_LIMIT_MS} ms` : ''}`,
      );
      assert.ok(ms <= limit, `the first CodeLens count of a later session took ${ms.toFixed(0)} ms (limit ${limit})`);
    });
  } else {
    it('the first session: the CodeLens count appears, and the sample index is built for the next', async () => {
      const { ms, title, uri } = await timeFirstLens('examples', 'sigma', 'dns_telegram_bot_api.yml');
      console.log(`[tripline-e2e] first session (index built): first CodeLens "${title}" ${ms.toFixed(0)} ms after opening the first rule`);
      assert.ok(ms <= LIMIT_MS, `the first CodeLens count took ${ms.toFixed(0)} ms`);
      // Hit hints come from the sample index: once they show, it is ready (and saved).
      const doc = await vscode.workspace.openTextDocument(uri);
      const all = new vscode.Range(0, 0, doc.lineCount, 0);
      await waitFor(
        'sample hit hints (the index is ready)',
        async () => ((await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, all)) ?? []).length > 0,
        60_000,
      );
    });
  }
});
