// Packaging check: builds the .vsix offline with @vscode/vsce (`npm run package`), installs it into
// a fresh code-server with --install-extension, opens a rule in the browser like a user (Quick Open),
// and waits for proof the installed extension activated: Tripline's status-bar item with the
// ATT&CK catalog version, and error squiggles from its language server. Prints the package size.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, codeServerOnce, launchBrowser, missingTools, require, startCodeServer } from './e2e-lib.mjs';

const missing = missingTools();
if (missing.length > 0) {
  console.log(`vsix: SKIPPED, missing ${missing.join(', ')} (bash scripts/e2e-setup.sh)`);
  process.exit(process.env.TRIPLINE_REQUIRE_E2E === '1' ? 1 : 0);
}

const started = Date.now();
const pack = spawnSync('npm', ['run', '--silent', 'package'], { cwd: REPO, encoding: 'utf8' });
if (pack.status !== 0) {
  console.log(`vsix: npm run package failed:\n${pack.stdout}\n${pack.stderr}`);
  process.exit(1);
}
const vsix = join(REPO, 'tripline.vsix');
const size = statSync(vsix).size;
console.log(`vsix: packaged tripline.vsix, ${(size / 1048576).toFixed(1)} MB (${size} bytes), in ${((Date.now() - started) / 1000).toFixed(1)} s`);

const { prepareWorkspace } = require(join(REPO, 'out', 'test', 'e2e', 'workspace.js'));
const dirs = prepareWorkspace(REPO, { screenshots: false });
let server;
let browser;
let ok = false;
try {
  const out = await codeServerOnce(dirs.root, ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsix]);
  const installed = readdirSync(dirs.extensions).filter((d) => d.startsWith('tripline.tripline-'));
  if (installed.length !== 1) throw new Error(`--install-extension did not install tripline.tripline:\n${out}`);
  console.log(`vsix: installed into code-server as ${installed[0]}`);

  server = await startCodeServer(dirs);
  browser = await launchBrowser();
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto(`${server.origin}/?folder=${encodeURIComponent(dirs.workspace)}`);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view').waitFor({ timeout: 60_000 });
  // Open the rule the way a user does: Quick Open, type the name, Enter.
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ timeout: 15_000 });
  await page.keyboard.type('web_service_c2.yml');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'web_service_c2.yml' }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tab', { hasText: 'web_service_c2.yml' }).first().waitFor({ timeout: 15_000 });
  await page
    .locator('.statusbar-item', { hasText: /Tripline · ATT&CK/ })
    .first()
    .waitFor({ timeout: 60_000 });
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
  await page.screenshot({ path: join(REPO, 'test-results', 'vsix-smoke.png') });
  console.log(`vsix: the installed extension activated (status bar + diagnostics) — ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
  ok = true;
} catch (e) {
  console.log(`vsix: FAILED: ${e.message ?? e}`);
  try {
    const pages = browser?.contexts()[0]?.pages() ?? [];
    if (pages[0]) await pages[0].screenshot({ path: join(REPO, 'test-results', 'vsix-smoke-failure.png') });
    console.log('vsix: workbench at the failure: test-results/vsix-smoke-failure.png');
  } catch {}
} finally {
  await browser?.close().catch(() => {});
  server?.stop();
  rmSync(dirs.root, { recursive: true, force: true, maxRetries: 3 });
}
process.exit(ok ? 0 : 1);
