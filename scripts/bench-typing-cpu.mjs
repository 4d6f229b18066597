// Server CPU per keystroke while typing in the 272-line SigmaHQ dead-drop rule, with the requests a
// real VS Code sends around each keystroke (recorded in code-server 1.139 for issue 14: per key a
// didChange, an inlay-hint request for the visible lines that the next key cancels, a code-action
// request at the cursor, a completion every third key; document symbols and CodeLens after short
// pauses). On a 2-core machine the editor itself keeps both cores busy, so every CPU millisecond the
// server spends is one the keystrokes wait: this is the number to bring down, measured as the
// server process's CPU (all its threads, /proc/PID/stat) from the first key until it is quiet again.
// `--profile DIR` starts the server with `node --cpu-prof --cpu-prof-dir DIR`.
// The rule is read from the shared corpus at run time (TRIPLINE_SHARED or ../shared), never copied.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { startLanguageServer } from './lsp-stdio.mjs';

const RULE = join('corpus', 'sigmahq', 'rules', 'windows', 'network_connection', 'net_connection_win_domain_dead_drop_resolvers.yml');
const shared = [process.env.TRIPLINE_SHARED, join('..', 'shared'), '/work/shared'].find((d) => d && existsSync(join(d, RULE)));
if (!shared) {
  console.log(`SKIPPED: ${RULE} not found (set TRIPLINE_SHARED)`);
  process.exit(0);
}
const KEY_INTERVAL_MS = 60; // the pace of VS Code's `type` command in the real-editor test
const TYPED = 'abcdefghijklmnopqrstuvwxyz';
const ROUNDS = 8;
const ENTRY = "- '.t.me'";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** CPU milliseconds the process has used (user + system, all threads). */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

const root = mkdtempSync(join(tmpdir(), 'tripline-bench-typing-'));
let lastNotice = performance.now();
const profileAt = process.argv.indexOf('--profile');
const { proc, conn, stop } = await startLanguageServer({
  root,
  nodeArgs: profileAt > 0 ? ['--cpu-prof', '--cpu-prof-dir', process.argv[profileAt + 1]] : [],
  listen: (c) => {
    c.onNotification('$/tripline/diagnosticsUnchanged', () => (lastNotice = performance.now()));
    c.onNotification('textDocument/publishDiagnostics', () => (lastNotice = performance.now()));
  },
});
const quiet = async (ms) => {
  await sleep(ms);
  while (performance.now() - lastNotice < ms) await sleep(100);
};

const uri = pathToFileURL(join(root, 'long_rule.yml')).href;
const original = readFileSync(join(shared, RULE), 'utf8');
let text = original;
let version = 1;
await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
await quiet(3000);
const lines = original.split('\n');
const line = lines.findIndex((l) => l.includes(ENTRY));
const startCol = lines[line].indexOf(ENTRY) + ENTRY.length - 1;
const visible = { start: { line: Math.max(0, line - 20), character: 0 }, end: { line: line + 30, character: 0 } };

/** Sends `method` after `delayMs` unless the next key comes first (then it is not sent, or cancelled if sent). */
function debounced(method, params, delayMs, pending) {
  pending.forEach((p) => p.cancel());
  pending.length = 0;
  const cts = new CancellationTokenSource();
  const timer = setTimeout(() => conn.sendRequest(method, params(), cts.token).catch(() => undefined), delayMs);
  pending.push({ cancel: () => (clearTimeout(timer), cts.cancel()) });
}

async function typeRound() {
  const inlay = [];
  const symbols = [];
  const lens = [];
  for (let i = 0; i < TYPED.length; i++) {
    const pos = { line, character: startCol + i };
    await conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: ++version },
      contentChanges: [{ range: { start: pos, end: pos }, text: TYPED[i] }],
    });
    const after = { line, character: startCol + i + 1 };
    debounced('textDocument/inlayHint', () => ({ textDocument: { uri }, range: visible }), 25, inlay);
    debounced('textDocument/documentSymbol', () => ({ textDocument: { uri } }), 350, symbols);
    debounced('textDocument/codeLens', () => ({ textDocument: { uri } }), 250, lens);
    void conn
      .sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: after, end: after }, context: { diagnostics: [] } })
      .catch(() => undefined);
    if (i % 3 === 0) void conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: after }).catch(() => undefined);
    await sleep(KEY_INTERVAL_MS);
  }
  // Back to the original entry, as the editor test does between rounds.
  const end = { line, character: startCol + TYPED.length };
  await conn.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: ++version },
    contentChanges: [{ range: { start: { line, character: startCol }, end }, text: '' }],
  });
}

// Three rounds first, not counted: the sample index is built in the background after opening.
for (let r = 0; r < 3; r++) {
  await typeRound();
  await quiet(1500);
}
const perKey = [];
for (let r = 0; r < ROUNDS; r++) {
  const c0 = cpuMs(proc.pid);
  await typeRound();
  await quiet(1500);
  perKey.push((cpuMs(proc.pid) - c0) / TYPED.length);
}
const sorted = [...perKey].sort((a, b) => a - b);
console.log(
  `typing ${TYPED.length} characters every ${KEY_INTERVAL_MS} ms in the 272-line dead-drop rule, ${ROUNDS} rounds: server CPU per keystroke ` +
    `median ${sorted[Math.floor(ROUNDS / 2)].toFixed(1)} ms (rounds ${perKey.map((x) => x.toFixed(1)).join(' / ')}; includes the pause after typing)`,
);
await stop();
rmSync(root, { recursive: true, force: true });
