// Diagnostics latency of the language server: time from a didChange on a 100-line Sigma rule
// to the publishDiagnostics for that version, over stdio, as an editor sees it. Target: p95 < 150 ms.
import { spawn } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const values = Array.from({ length: 70 }, (_, i) => `            - '.svc${i}.example-cdn.net'`).join('\n');
const base = `title: Web service use by script engines
id: 9b3e3a6c-6a57-4bd2-9a40-5d3c2b1e0f11
status: experimental
description: Script engines talking to web services.
author: bench
date: 2026-01-01
tags:
    - attack.command-and-control
    - attack.t1102.002
    - attack.t1583.006
logsource:
    product: windows
    category: network_connection
detection:
    selection_img:
        Image|endswith:
            - '\\\\wscript.exe'
            - '\\\\cscript.exe'
            - '\\\\mshta.exe'
            - '\\\\powershell.exe'
    selection_dest:
        DestinationHostname|endswith:
${values}
            - 'workers.dev'
            - 'api.telegram.org'
            - 'discord.com'
    filter_main:
        Image|startswith: 'C:\\\\Program Files\\\\'
    condition: all of selection_* and not 1 of filter_*
level: high
`;

const proc = spawn(process.execPath, ['dist/cli.js', 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
const waiting = new Map();
conn.onNotification('textDocument/publishDiagnostics', (p) => {
  const w = waiting.get(p.version);
  if (w) {
    waiting.delete(p.version);
    w(p);
  }
});
conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
conn.listen();
await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
await conn.sendNotification('initialized', {});
const uri = 'file:///tmp/bench/rule.yml';
const first = new Promise((r) => waiting.set(1, r));
await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: base } });
await first;
console.log(`rule: ${base.split('\n').length} lines`);

const times = [];
for (let v = 2; v < 202; v++) {
  const text = base.replace('Web service use', `Web service use ${v}`);
  const done = new Promise((r) => waiting.set(v, r));
  const t0 = performance.now();
  await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text }] });
  await done;
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const pct = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(1);
console.log(`didChange -> publishDiagnostics over ${times.length} edits: p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${pct(100)} ms (includes the ${30} ms debounce)`);
await conn.sendRequest('shutdown');
await conn.sendNotification('exit');
conn.dispose();
proc.kill();
