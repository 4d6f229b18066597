/**
 * Entry point of the editor suite (`extensionTestsPath`): VS Code's extension host calls `run()`
 * after activating the extension under development. The same file serves desktop VS Code
 * (@vscode/test-electron) and code-server's web workbench (scripts/e2e.mjs).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { readSession } from './workspace';
// Mocha 12 is an ES module whose CommonJS build lives in lib/mocha.cjs; requiring that file works
// in every extension host (Electron's Node and code-server's Node 24) without require(esm).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Mocha = require('mocha/lib/mocha.cjs') as typeof import('mocha');

/** The suite of 00-first-lens.e2e.ts. */
const FIRST_RULE_SUITE = 'first rule of the session';

export function run(): Promise<void> {
  // TRIPLINE_E2E_GREP runs only the tests whose title matches (a quicker loop while working on one);
  // the warm-up session only opens the first rule (its index is what the main session reads back).
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const warmUp = folder !== undefined && readSession(folder) === 'warm-up';
  const grep = warmUp ? FIRST_RULE_SUITE : process.env.TRIPLINE_E2E_GREP || undefined;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', grep });
  // Compiled tests whose source was renamed or deleted linger in out/: run only those with a source.
  const sources = join(__dirname, '..', '..', '..', 'test', 'e2e');
  for (const f of readdirSync(__dirname).sort()) {
    if (!f.endsWith('.e2e.js')) continue;
    if (existsSync(sources) && !existsSync(join(sources, f.replace(/\.js$/, '.ts')))) continue;
    mocha.addFile(join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} editor test(s) failed`)) : resolve()));
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
