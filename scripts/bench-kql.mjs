// KQL benchmark (issue 6): the cost of loading Kusto.Language and its first parse, measured in a
// fresh process, and the diagnostics time of a 200-line Sentinel rule after warm-up (analyzeText,
// the function both the CLI and the language server call). Target: p95 < 150 ms after warm-up.
// Needs a build (out/): `npm run build` first.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';

const require = createRequire(import.meta.url);
if (!existsSync('out/server/src/engine/analyze.js')) {
  console.error('bench-kql: run `npm run build` first (out/ is missing)');
  process.exit(2);
}

console.log(
  `machine: ${cpus().length} cores, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} (figures scale with it)`,
);

// 1. First-parse cost, in a fresh process each time (what a user pays once per server start).
const firstRuns = [];
for (let i = 0; i < 3; i++) {
  const r = spawnSync(
    process.execPath,
    [
      '-e',
      `
    const t0 = performance.now();
    const lib = require('./out/server/src/engine/kql/library.js');
    lib.kusto();
    const t1 = performance.now();
    const { globalsFor } = require('./out/server/src/engine/kql/schema.js');
    const { defaultConfig } = require('./out/server/src/engine/config/config.js');
    globalsFor(defaultConfig());
    const t2 = performance.now();
    console.log(JSON.stringify({ ...lib.kustoTimings(), totalLibMs: t1 - t0, schemasMs: t2 - t1 }));
  `,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(1);
  }
  firstRuns.push(JSON.parse(r.stdout.trim()));
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f = (x) => `${Math.round(x)} ms`;
console.log(
  `Kusto.Language load: ${f(med(firstRuns.map((r) => r.loadMs)))}, first parse (grammar build): ${f(med(firstRuns.map((r) => r.firstParseMs)))}, schemas (252 tables): ${f(med(firstRuns.map((r) => r.schemasMs)))} — median of ${firstRuns.length} fresh processes`,
);
console.log('  hidden by: the language server starts this in the background 250 ms after initialize (WARM_UPS); the CLI pays it once per run.');

// 2. Diagnostics of a 200-line Sentinel rule after warm-up.
const { analyzeText } = require('../out/server/src/engine/analyze.js');
const domains = Array.from({ length: 130 }, (_, i) => `      "svc${i}.web-service-${i % 17}.example.net",`);
const lines = [
  'id: 5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a11',
  'name: Scripting engines talking to web services (T1583.006 pattern)',
  'description: |',
  '  Processes that should not reach web services used as adversary infrastructure.',
  'severity: Medium',
  'requiredDataConnectors:',
  '  - connectorId: MicrosoftThreatProtection',
  '    dataTypes:',
  '      - DeviceNetworkEvents',
  'queryFrequency: 1h',
  'queryPeriod: 1h',
  'triggerOperator: gt',
  'triggerThreshold: 0',
  'tactics:',
  '  - CommandAndControl',
  'relevantTechniques:',
  '  - T1102.002',
  '  - T1567.002',
  'query: |',
  '  let WebServiceDomains = dynamic([',
  ...domains,
  '      "api.telegram.org", "discord.com", "pastebin.com", "workers.dev", "trycloudflare.com"',
  '  ]);',
  '  let PasteSites = dynamic(["pastebin.com", "paste.ee", "rentry.co", "gist.githubusercontent.com"]);',
  '  let Tunnels = dynamic(["trycloudflare.com", "ngrok-free.app", "ngrok.io"]);',
  '  DeviceNetworkEvents',
  '  | where Timestamp > ago(1h)',
  '  | where ActionType == "ConnectionSuccess"',
  '  | where InitiatingProcessFileName in~ ("powershell.exe", "pwsh.exe", "wscript.exe", "cscript.exe", "mshta.exe", "rundll32.exe", "regsvr32.exe", "curl.exe", "python.exe")',
  '  | where RemoteUrl has_any (WebServiceDomains)',
  '  | where not(RemoteUrl endswith ".corp.example.com")',
  '  | extend IsPaste = RemoteUrl has_any (PasteSites)',
  '  | extend IsTunnel = RemoteUrl has_any (Tunnels)',
  '  | extend IsMessaging = RemoteUrl has_any (dynamic(["api.telegram.org", "discord.com", "slack.com"]))',
  '  | extend IsServerless = RemoteUrl has "workers.dev" or RemoteUrl has "pages.dev"',
  '  | project Timestamp, DeviceName, InitiatingProcessFileName, InitiatingProcessCommandLine, RemoteUrl, RemoteIP, RemotePort, IsPaste, IsTunnel, IsMessaging, IsServerless',
  '  | sort by Timestamp desc',
  'entityMappings:',
  '  - entityType: Host',
  '    fieldMappings:',
  '      - identifier: HostName',
  '        columnName: DeviceName',
  '  - entityType: URL',
  '    fieldMappings:',
  '      - identifier: Url',
  '        columnName: RemoteUrl',
];
while (lines.length < 199) lines.splice(lines.length - 10, 0, '  // padding comment so the rule has 200 lines');
lines.push('version: 1.0.0', 'kind: Scheduled');
const text = lines.join('\n') + '\n';

const first = performance.now();
let report = await analyzeText('bench-rule.yaml', text);
const cold = performance.now() - first;
for (let i = 0; i < 10; i++) report = await analyzeText('bench-rule.yaml', text.replace('1h)', `${i + 1}h)`));
const times = [];
const cpu = [];
for (let i = 0; i < 60; i++) {
  const t = performance.now();
  const c = process.cpuUsage();
  report = await analyzeText('bench-rule.yaml', text.replace('svc0.', `svc0x${i}.`));
  const used = process.cpuUsage(c);
  times.push(performance.now() - t);
  cpu.push((used.user + used.system) / 1000);
}
times.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const pct = (xs, q) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const p = (q) => pct(times, q);
console.log(
  `200-line Sentinel rule (${text.split('\n').length - 1} lines, ${report.diagnostics.length} diagnostics): first analysis ${f(cold)} (includes loading Kusto), then wall-clock p50 ${f(p(0.5))}, p95 ${f(p(0.95))}, max ${f(times[times.length - 1])} over ${times.length} runs — target p95 < 150 ms`,
);
console.log(`  CPU time of the same runs (what an idle core would take; includes GC threads): p50 ${f(pct(cpu, 0.5))}, p95 ${f(pct(cpu, 0.95))}`);
// On a machine busier than its cores, wall-clock time measures the other processes: judge by CPU time then.
const busy = loadavg()[0] > cpus().length;
const judged = busy ? pct(cpu, 0.95) : p(0.95);
console.log(`  verdict on ${busy ? 'CPU time (machine busy)' : 'wall-clock time'}: p95 ${f(judged)} ${judged < 150 ? 'within' : 'OVER'} the 150 ms target`);
if (judged >= 150) process.exitCode = 1;
