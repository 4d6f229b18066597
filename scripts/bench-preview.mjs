// Preview benchmark (issues 5 and 13): on a generated 200,000-event NDJSON file, the time to preview
// SigmaHQ's dead-drop-resolver rule against the floor of reading the same lines and JSON.parse-ing
// each in Node (in-process, one worker thread, one per core); then where sharing a sample set among
// worker threads starts to pay; then peak RSS while previewing a ~1 GB file (generated, streamed,
// deleted). Uses the compiled engine in out/ (run `npm run build` first). Options: --no-big to skip
// the 1 GB part, --no-split to skip the sharing threshold, --share N for one match share only.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, openSync, readFileSync, readSync, closeSync, rmSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import os, { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);
const ENGINE = resolve('out/server/src/engine/preview/index.js');
if (!existsSync(ENGINE)) {
  console.error('bench-preview: build first (npm run build)');
  process.exit(1);
}
const preview = require(ENGINE);
const shared = [process.env.TRIPLINE_SHARED, resolve('..', 'shared'), '/work/shared'].find((d) => d && existsSync(join(d, 'corpus')));
const RULE = join(shared, 'corpus/sigmahq/rules/windows/network_connection/net_connection_win_domain_dead_drop_resolvers.yml');
const rule = { ruleText: readFileSync(RULE, 'utf8'), rulePath: RULE };

// Deterministic Sysmon EventID 3 events: browsers and system processes to common hosts, and 2%
// of script hosts reaching paste sites, Telegram or Discord (what the rule looks for).
function* events(count, attackPct) {
  let seed = 42;
  const rnd = (n) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const benign = [
    'www.microsoft.com',
    'login.live.com',
    'update.googleapis.com',
    'github.com',
    'outlook.office365.com',
    'api.segment.io',
    'www.bing.com',
    'ocsp.digicert.com',
    'teams.microsoft.com',
    'slack.com',
    'zoom.us',
    's3.amazonaws.com',
    'www.youtube.com',
    'drive.google.com',
    'cdn.jsdelivr.net',
    'settings-win.data.microsoft.com',
  ];
  const bad = ['pastebin.com', 'api.telegram.t.me', 'cdn.discordapp.com', 'raw.githubusercontent.com', 'paste.ee', 'x.workers.dev'];
  const browsers = [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
    'C:\\Program Files\\Mozilla Firefox\\firefox.exe',
  ];
  const system = ['C:\\Windows\\System32\\svchost.exe', 'C:\\Windows\\explorer.exe', 'C:\\Windows\\System32\\backgroundTaskHost.exe'];
  const scripts = [
    'C:\\Windows\\System32\\wscript.exe',
    'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    'C:\\Users\\bob\\AppData\\Local\\Temp\\upd.exe',
  ];
  for (let i = 0; i < count; i++) {
    const attack = rnd(100) < attackPct;
    const host = attack ? bad[rnd(bad.length)] : benign[rnd(benign.length)];
    const image = attack ? scripts[rnd(scripts.length)] : rnd(2) ? browsers[rnd(browsers.length)] : system[rnd(system.length)];
    yield {
      EventID: 3,
      UtcTime: `2024-05-0${1 + rnd(9)} 1${rnd(10)}:${10 + rnd(50)}:${10 + rnd(50)}.${100 + rnd(900)}`,
      ProcessGuid: `{0197231E-005A-6928-A50B-${String(100000000000 + rnd(899999999999))}}`,
      ProcessId: 1000 + rnd(9000),
      Image: image,
      User: `CORP\\user${rnd(200)}`,
      Protocol: 'tcp',
      Initiated: 'true',
      SourceIsIpv6: 'false',
      SourceIp: `10.1.${rnd(255)}.${rnd(255)}`,
      SourceHostname: `ws${rnd(500)}.corp.local`,
      SourcePort: 49152 + rnd(16000),
      DestinationIsIpv6: 'false',
      DestinationIp: `${1 + rnd(222)}.${rnd(255)}.${rnd(255)}.${rnd(255)}`,
      DestinationHostname: host,
      DestinationPort: 443,
      DestinationPortName: 'https',
    };
  }
}

function writeEvents(path, count, attackPct) {
  const fd = openSync(path, 'w');
  let buf = [];
  for (const e of events(count, attackPct)) {
    buf.push(JSON.stringify(e));
    if (buf.length === 5000) {
      writeSync(fd, buf.join('\n') + '\n');
      buf = [];
    }
  }
  if (buf.length) writeSync(fd, buf.join('\n') + '\n');
  closeSync(fd);
}

/** The floor: read the file in 1 MiB chunks, split lines, JSON.parse each. */
function parseFloor(path) {
  const fd = openSync(path, 'r');
  const buf = Buffer.allocUnsafe(1 << 20);
  let carry = '';
  let n;
  let count = 0;
  while ((n = readSync(fd, buf, 0, buf.length, null)) > 0) {
    const last = buf.lastIndexOf(10, n - 1);
    if (last < 0) {
      carry += buf.toString('utf8', 0, n);
      continue;
    }
    const text = carry + buf.toString('utf8', 0, last + 1);
    carry = buf.toString('utf8', last + 1, n);
    let s = 0;
    let e;
    while ((e = text.indexOf('\n', s)) >= 0) {
      if (e > s) {
        JSON.parse(text.slice(s, e));
        count++;
      }
      s = e + 1;
    }
  }
  if (carry.trim()) {
    JSON.parse(carry);
    count++;
  }
  closeSync(fd);
  return count;
}

async function readlineFloor(path) {
  let count = 0;
  const rl = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of rl) {
    if (line) {
      JSON.parse(line);
      count++;
    }
  }
  return count;
}

/**
 * Where sharing among worker threads starts to pay: the same total size as one file per worker,
 * previewed by one worker and by one per core (sharing forced with splitMinBytes: 0). Below the
 * crossover, the extra workers' start-up costs more than their share of the scan saves.
 */
async function splitThreshold(dir, perEvent) {
  const cores = Math.min(os.availableParallelism(), 8);
  if (cores < 2) {
    console.log('\nworker split: one core, nothing to share');
    return;
  }
  console.log(`\nworker split: one worker vs ${cores} (one file per worker, 2% matches; best of ${runs}; split.ts shares from SPLIT_MIN_BYTES = 24 MiB)`);
  let crossover = null;
  for (const mb of [4, 8, 16, 32, 64]) {
    const samples = [];
    for (let i = 0; i < cores; i++) {
      const path = join(dir, `split-${mb}-${i}.ndjson`);
      writeEvents(path, Math.round((mb * 1048576) / cores / perEvent), 2);
      samples.push({ source: path, path });
    }
    const one = await best(runs, () => preview.previewInWorker(rule, samples, { limit: 10, workers: 1 }));
    const all = await best(runs, () => preview.previewInWorker(rule, samples, { limit: 10, workers: cores, splitMinBytes: 0 }));
    for (const s of samples) rmSync(s.path, { force: true });
    if (one.result.matched !== all.result.matched || one.result.scanned !== all.result.scanned) {
      console.error('bench-preview: split results differ');
      process.exitCode = 1;
    }
    const rate = (x) => Math.round(x.result.scanned / (x.ms / 1000)).toLocaleString('en-US');
    console.log(
      `${String(mb).padStart(3)} MB: 1 worker ${one.ms.toFixed(0).padStart(6)} ms (${rate(one)} events/s), ${cores} workers ${all.ms.toFixed(0).padStart(6)} ms (${rate(all)} events/s): ${(one.ms / all.ms).toFixed(2)}x`,
    );
    if (crossover === null && all.ms < one.ms * 0.9) crossover = mb;
  }
  console.log(
    crossover === null ? 'sharing never paid here by 10% or more (a machine without free cores?)' : `sharing pays from about ${crossover} MB on this machine`,
  );
}

async function time(fn) {
  const t = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, result };
}

async function best(runs, fn) {
  let min = Infinity;
  let result;
  for (let i = 0; i < runs; i++) {
    const r = await time(fn);
    if (r.ms < min) min = r.ms;
    result = r.result;
  }
  return { ms: min, result };
}

// Workloads: the share of events the rule matches. Issue 13 measured 30%; 2% is the original.
// `--share N` runs only that one. The ratio is preview time / floor time (lower is better); issue
// 13's "runs at 0.29 of the parse-only floor" is the inverse (floor / preview), shown as "speed".
const shareArg = process.argv.indexOf('--share');
const shares = shareArg > 0 ? [Number(process.argv[shareArg + 1])] : [30, 2];
const runs = Number(process.env.BENCH_RUNS ?? 5);
// `--write FILE`: only write the workload (for profiling: node --cpu-prof on a preview of it).
const writeArg = process.argv.indexOf('--write');
if (writeArg > 0) {
  writeEvents(process.argv[writeArg + 1], 200_000, shares[0]);
  process.exit(0);
}
const dir = mkdtempSync(join(tmpdir(), 'tripline-bench-'));
try {
  let file = '';
  for (const share of shares) {
    file = join(dir, `events-${share}.ndjson`);
    writeEvents(file, 200_000, share);
    const mb = statSync(file).size / 1048576;
    console.log(`\nfile: 200,000 events, ${share}% attack traffic, ${mb.toFixed(1)} MB (best of ${runs} runs each)`);
    const floor = await best(runs, () => parseFloor(file));
    const rl = await best(runs, () => readlineFloor(file));
    const samples = [{ source: file, path: file }];
    const inproc = await best(runs, () => preview.previewRule(rule, samples, { limit: 10 }));
    const worker = await best(runs, () => preview.previewInWorker(rule, samples, { limit: 10, workers: 1 }));
    const cores = Math.min(os.availableParallelism(), 8);
    const pool = await best(runs, () => preview.previewInWorker(rule, samples, { limit: 10 }));
    const strict = await best(Math.min(3, runs), () => preview.previewRule(rule, samples, { limit: 10, strict: true }));
    const r = inproc.result;
    const eps = (ms) =>
      `${Math.round(r.scanned / (ms / 1000))
        .toLocaleString('en-US')
        .padStart(9)} events/s`;
    const line = (label, ms) =>
      `${label.padEnd(44)}${ms.toFixed(0).padStart(6)} ms  ratio ${(ms / floor.ms).toFixed(2)}x  speed ${(floor.ms / ms).toFixed(2)} of the floor ${eps(ms)}`;
    console.log(`rule: ${r.rule}: ${r.matched} matches in ${r.scanned} events`);
    console.log(`floor, 1 MiB reads + JSON.parse per line: ${floor.ms.toFixed(0)} ms (${floor.result} lines)`);
    console.log(`floor, readline + JSON.parse per line:    ${rl.ms.toFixed(0)} ms`);
    console.log(line('preview, in-process:', inproc.ms) + ' (goal: ratio <= 2x)');
    console.log(line('preview, one worker thread:', worker.ms));
    console.log(line(`preview, ${cores} worker threads (as the CLI/editor):`, pool.ms));
    console.log(line('preview, strict (no raw pre-filter):', strict.ms));
    if (worker.result.matched !== r.matched || strict.result.matched !== r.matched || pool.result.matched !== r.matched) {
      console.error('bench-preview: results differ between modes');
      process.exitCode = 1;
    }
  }

  if (!process.argv.includes('--no-split')) await splitThreshold(dir, statSync(file).size / 200_000);

  if (!process.argv.includes('--no-big')) {
    const big = join(dir, 'big.ndjson');
    const perEvent = statSync(file).size / 200_000;
    const count = Math.round((1024 * 1048576) / perEvent);
    writeEvents(big, count, 2);
    const size = statSync(big).size;
    // A fresh process so its peak RSS is the preview's own.
    const script =
      `const p=require(${JSON.stringify(ENGINE)});const fs=require('fs');const r=${JSON.stringify(rule)};` +
      `const t=Date.now();p.previewInWorker(r,[{source:${JSON.stringify(big)},path:${JSON.stringify(big)}}],{limit:10}).then(x=>{` +
      `console.log(JSON.stringify({ms:Date.now()-t,scanned:x.scanned,matched:x.matched,maxRssKb:process.resourceUsage().maxRSS}))})`;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    rmSync(big, { force: true });
    if (child.status !== 0) {
      console.error(child.stderr);
      process.exitCode = 1;
    } else {
      const o = JSON.parse(child.stdout.trim());
      console.log(
        `1 GB file: ${(size / 1048576).toFixed(0)} MB, ${o.scanned.toLocaleString('en-US')} events, ${o.matched.toLocaleString('en-US')} matches in ${(o.ms / 1000).toFixed(1)} s (${(size / 1048576 / (o.ms / 1000)).toFixed(0)} MB/s); peak RSS ${(o.maxRssKb / 1024).toFixed(0)} MB`,
      );
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
