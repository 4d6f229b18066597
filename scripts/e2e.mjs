// The real-editor suite (README "Editor tests"): runs test/e2e in VS Code's own extension
// host, offline, inside code-server, driven by Debian's Chromium through playwright-core; takes
// screenshots of the workbench into docs/ when the suite asks for them; then checks that the
// packaged .vsix installs into code-server and activates (scripts/vsix-smoke.mjs).
//
// Called at the end of `npm test`. Where the tools are missing it says loudly that the suite was
// SKIPPED and exits 0 — unless TRIPLINE_REQUIRE_E2E=1 (CI), where that is a failure.
// Environment: TRIPLINE_E2E_CACHE (default ~/.cache/tripline-e2e, filled by scripts/e2e-setup.sh),
// TRIPLINE_CHROMIUM (browser path), TRIPLINE_E2E_KEEP=1 (keep the temporary folders),
// TRIPLINE_E2E_TIMEOUT (seconds, default 600), TRIPLINE_E2E_VSIX=0 (skip the package check).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { CACHE, CODE_SERVER_VERSION, REPO, launchBrowser, missingTools, require, startCodeServer } from './e2e-lib.mjs';

const REQUIRED = process.env.TRIPLINE_REQUIRE_E2E === '1';
const TIMEOUT_S = Number(process.env.TRIPLINE_E2E_TIMEOUT ?? 600);
const SCREENSHOTS = ['domain-warning-hover', 'quick-fix-menu', 'preview-panel'];
// Workbench chatter (connection set-up, offline gallery and sign-in lookups); kept in the log file.
const NOISE =
  /^(Resolving connection token|Resolved connection token|Creating a socket|\[AgentHost|Timed out waiting for authentication provider|getaddrinfo ENOTFOUND|\s+at )|selectionRange must be contained|vscode-remote:\/\/|workbench\.js:/;

function banner(lines) {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const bar = '#'.repeat(width);
  console.log(['', bar, ...lines.map((l) => `# ${l.padEnd(width - 4)} #`), bar, ''].join('\n'));
}

const missing = missingTools();
if (missing.length > 0) {
  banner([
    `EDITOR SUITE SKIPPED: ${missing.length} tool(s) missing:`,
    ...missing.map((m) => `  - ${m}`),
    'The unit, corpus and protocol tests above ran; the real-editor tests did not.',
    'Enable them:  bash scripts/e2e-setup.sh   (apt chromium + libkrb5-dev, Node 24 and',
    `              code-server into ${CACHE}), then npm test again.`,
    'Desktop VS Code instead (needs internet): node out/test/e2e/run-electron.js',
  ]);
  process.exit(REQUIRED ? 1 : 0);
}

for (const built of ['dist/client.js', 'dist/server.js', 'dist/cli.js', 'out/test/e2e/index.js', 'out/test/e2e/workspace.js']) {
  if (!existsSync(join(REPO, built))) {
    console.error(`e2e: ${built} is missing; run npm run build first`);
    process.exit(1);
  }
}

const { prepareWorkspace, writeSession, SIGNAL_DIR } = require(join(REPO, 'out', 'test', 'e2e', 'workspace.js'));
const started = Date.now();
const dirs = prepareWorkspace(REPO, { screenshots: true });
const say = (line) => console.log(line);
const log = [];

/**
 * One editor session: code-server up, the workbench loaded with the suite, its exit code. Two
 * run on the same user-data folder: a warm-up (a user's first session: only the first-rule test,
 * which leaves the sample index in the extension's global storage), then the whole suite (any
 * later session: it reads the index back).
 */
async function runSession(session) {
  writeSession(dirs.workspace, session);
  let server;
  let browser;
  try {
    server = await startCodeServer({ ...dirs, extraArgs: ['--vscode-option', 'enable-smoke-test-driver'] });
    say(`e2e: ${session} session: code-server ${CODE_SERVER_VERSION} up on ${server.origin} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    let finish;
    const finished = new Promise((r) => (finish = r));
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      // The extension host forwards console.log's arguments unformatted: apply the format string.
      const text = Array.isArray(args) ? format(...args.map((a) => (typeof a === 'string' || typeof a === 'number' ? a : JSON.stringify(a)))) : String(args);
      log.push(text);
      if (!NOISE.test(text)) say(`  ${text}`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish(code));
    page.on('pageerror', (e) => log.push(`[page error] ${e.message}`));

    const ext = `vscode-remote://127.0.0.1:${server.port}${REPO}`;
    const payload = [
      ['extensionDevelopmentPath', ext],
      ['extensionTestsPath', `${ext}/out/test/e2e/index.js`],
    ];
    await page.goto(`${server.origin}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);

    // Screenshot requests: the suite writes NAME.request and waits for NAME.done.
    const signals = join(dirs.workspace, SIGNAL_DIR);
    const taken = new Set();
    mkdirSync(join(REPO, 'docs'), { recursive: true });
    const watcher = setInterval(async () => {
      for (const f of readdirSync(signals)) {
        if (!f.endsWith('.request')) continue;
        const name = f.slice(0, -'.request'.length);
        if (taken.has(name)) continue;
        taken.add(name);
        try {
          await page.screenshot({ path: join(REPO, 'docs', `${name}.png`) });
          say(`e2e: screenshot docs/${name}.png`);
          writeFileSync(join(signals, `${name}.done`), 'ok');
        } catch (e) {
          writeFileSync(join(signals, `${name}.done`), `error: ${e.message}`);
        }
      }
    }, 100);

    const result = await Promise.race([finished, new Promise((r) => setTimeout(() => r('timeout'), TIMEOUT_S * 1000))]);
    clearInterval(watcher);
    if (result === 'timeout') {
      await page.screenshot({ path: join(REPO, 'test-results', 'e2e-timeout.png') }).catch(() => {});
      say(`e2e: the ${session} session did not finish in ${TIMEOUT_S} s (workbench: test-results/e2e-timeout.png)`);
      say(server.log.join('').split('\n').slice(-30).join('\n'));
      return 1;
    }
    const missingShots = session === 'main' ? SCREENSHOTS.filter((s) => !taken.has(s)) : [];
    if (Number(result) === 0 && missingShots.length > 0) {
      say(`e2e: screenshots not taken: ${missingShots.join(', ')}`);
      return 1;
    }
    return Number(result);
  } catch (e) {
    say(`e2e: ${e.stack ?? e}`);
    return 1;
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
  }
}

let exitCode = 1;
try {
  exitCode = await runSession('warm-up');
  if (exitCode === 0) exitCode = await runSession('main');
} finally {
  mkdirSync(join(REPO, 'test-results'), { recursive: true });
  writeFileSync(join(REPO, 'test-results', 'e2e-workbench.log'), log.join('\n') + '\n');
  if (process.env.TRIPLINE_E2E_KEEP === '1') say(`e2e: kept ${dirs.root}`);
  else rmSync(dirs.root, { recursive: true, force: true, maxRetries: 3 });
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (exitCode !== 0) {
  say('e2e: the whole workbench log is in test-results/e2e-workbench.log');
  say(`e2e: editor suite FAILED (exit ${exitCode}, ${seconds} s)`);
  process.exit(exitCode);
}
say(`e2e: editor suite passed in code-server (${seconds} s)`);

if (process.env.TRIPLINE_E2E_VSIX !== '0') {
  const smoke = spawnSync(process.execPath, [join(REPO, 'scripts', 'vsix-smoke.mjs')], { stdio: 'inherit' });
  process.exit(smoke.status ?? 1);
}
