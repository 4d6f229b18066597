/**
 * The editor suite in desktop VS Code, for machines that can download it (@vscode/test-electron
 * fetches a VS Code build; offline it fails with ENOTFOUND — use scripts/e2e.mjs there).
 * Usage: npm run build && node out/test/e2e/run-electron.js
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { prepareWorkspace } from './workspace';

async function main(): Promise<void> {
  const repo = join(__dirname, '..', '..', '..');
  // No screenshots here: they come from the code-server run, whose browser can photograph the page.
  const dirs = prepareWorkspace(repo, { screenshots: false });
  try {
    await runTests({
      extensionDevelopmentPath: repo,
      extensionTestsPath: join(__dirname, 'index.js'),
      launchArgs: [
        dirs.workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        `--user-data-dir=${dirs.userData}`,
        `--extensions-dir=${dirs.extensions}`,
      ],
    });
  } finally {
    rmSync(dirs.root, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(`editor suite (desktop VS Code) failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
