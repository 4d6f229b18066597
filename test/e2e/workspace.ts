/**
 * Builds the throw-away workspace the editor suite opens: the suite's fixtures, the example
 * rules, a user settings file. Shared by the code-server runner (scripts/e2e.mjs) and the
 * desktop runner (run-electron.ts). Plain Node: no `vscode` import.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SIGNAL_DIR = '.e2e-signals';

/** Settings a test run needs: nothing may steal keystrokes or focus from the editor. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.enabled': false,
  // The suite's plumbing and scratch files stay out of the screenshots.
  'files.exclude': { '**/.e2e-signals': true, scratch: true },
  'editor.hover.delay': 100,
  'window.zoomLevel': 0,
  'workbench.colorTheme': 'Default Dark Modern',
};

interface E2eDirs {
  root: string;
  workspace: string;
  userData: string;
  extensions: string;
}

/**
 * Which editor session of a run this is (scripts/e2e.mjs starts two on one user-data folder, so
 * the second finds what the first saved in the extension's global storage): `warm-up` runs only
 * the first-rule test, `main` the whole suite. No file: one session (desktop VS Code runs).
 */
type E2eSession = 'warm-up' | 'main';
const SESSION_FILE = 'session';

export function writeSession(workspace: string, session: E2eSession): void {
  mkdirSync(join(workspace, SIGNAL_DIR), { recursive: true });
  writeFileSync(join(workspace, SIGNAL_DIR, SESSION_FILE), session);
}

export function readSession(workspace: string): E2eSession | null {
  try {
    const s = readFileSync(join(workspace, SIGNAL_DIR, SESSION_FILE), 'utf8').trim();
    return s === 'warm-up' || s === 'main' ? s : null;
  } catch {
    return null;
  }
}

export function prepareWorkspace(repo: string, opts: { screenshots: boolean }): E2eDirs {
  const root = mkdtempSync(join(tmpdir(), 'tripline-e2e-'));
  const workspace = join(root, 'workspace');
  const userData = join(root, 'user-data');
  const extensions = join(root, 'extensions');
  mkdirSync(workspace, { recursive: true });
  mkdirSync(join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  cpSync(join(repo, 'test', 'e2e', 'fixtures'), workspace, { recursive: true });
  if (existsSync(join(repo, 'examples'))) cpSync(join(repo, 'examples'), join(workspace, 'examples'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  if (opts.screenshots) {
    mkdirSync(join(workspace, SIGNAL_DIR), { recursive: true });
    writeFileSync(join(workspace, SIGNAL_DIR, 'enabled'), 'screenshots requested by the runner\n');
  }
  return { root, workspace, userData, extensions };
}
