/**
 * Helpers of the editor suite. Everything goes through the `vscode` API, so the suite runs the same
 * in desktop VS Code and in code-server's web workbench (where `vscode.env.remoteName` is set and
 * `uiKind` is Web).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TriplineApi } from '../../client/src/api';
import { SIGNAL_DIR } from './workspace';

export const EXTENSION_ID = 'tripline.tripline';

export async function api(): Promise<TriplineApi> {
  const ext = vscode.extensions.getExtension<TriplineApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return ext.isActive ? ext.exports : ext.activate();
}

export function workspaceDir(): string {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('the editor suite needs a workspace folder (see test/e2e/workspace.ts)');
  return f.uri.fsPath;
}

export function wsUri(...parts: string[]): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, ...parts);
}

export async function open(...parts: string[]): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(wsUri(...parts));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/**
 * Busy and total jiffies of all cores since boot (Linux /proc/stat), or null elsewhere: the
 * timing tests use the difference over their window to tell whether a core stayed idle.
 */
export function cpuJiffies(): { busy: number; total: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    return { busy: total - fields[3] - (fields[4] ?? 0), total };
  } catch {
    return null;
  }
}

/** Cores left idle over a window in which the cores were busy `busy` of `total` jiffies; null without data. */
export function idleCores(busy: number, total: number): number | null {
  return total > 0 ? (1 - busy / total) * cpus().length : null;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls until `probe` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code ?? '');
}

/** Tripline's diagnostics on `uri` once they include every code in `codes`. */
export function diagnosticsWith(uri: vscode.Uri, codes: string[], timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  return waitFor(
    `diagnostics ${codes.join(', ')} on ${uri.path}`,
    () => {
      const ds = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'tripline');
      return codes.every((c) => ds.some((d) => codeOf(d) === c)) ? ds : undefined;
    },
    timeoutMs,
  );
}

/** Waits until the server has published diagnostics for `uri` at its current version and they settle. */
export async function settledDiagnostics(uri: vscode.Uri, quietMs = 600, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  const end = Date.now() + timeoutMs;
  let last = Date.now();
  const sub = vscode.languages.onDidChangeDiagnostics((e) => {
    if (e.uris.some((u) => u.toString() === uri.toString())) last = Date.now();
  });
  try {
    while (Date.now() - last < quietMs) {
      if (Date.now() > end) break;
      await sleep(100);
    }
  } finally {
    sub.dispose();
  }
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'tripline');
}

export function rangeText(r: vscode.Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** Position of the first occurrence of `needle` in the document (plus `offset` characters). */
export function positionOf(doc: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
  const at = doc.getText().indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" not found in ${doc.uri.path}`);
  return doc.positionAt(at + offset);
}

/** Does the runner want screenshots (code-server run), and where does it listen? */
function signalDir(): string | undefined {
  const dir = join(workspaceDir(), SIGNAL_DIR);
  return existsSync(join(dir, 'enabled')) ? dir : undefined;
}

/**
 * Asks the runner to photograph the workbench as it is now (scripts/e2e.mjs watches the log for
 * the marker and answers with a file). A no-op where no runner asked for screenshots.
 */
export async function screenshot(name: string): Promise<void> {
  const dir = signalDir();
  if (!dir) return;
  const done = join(dir, `${name}.done`);
  console.log(`[tripline-e2e] screenshot ${name}`);
  writeFileSync(join(dir, `${name}.request`), name);
  await waitFor(`screenshot ${name}`, () => existsSync(done), 30_000);
  const answer = readFileSync(done, 'utf8').trim();
  if (answer !== 'ok') throw new Error(`screenshot ${name} failed: ${answer}`);
}

/** Closes every editor and editor group (a webview opened beside leaves an empty group behind). */
export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllGroups');
}
