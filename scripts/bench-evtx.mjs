// EVTX benchmark (issue 13): 200,000 Sysmon network events (EventID 3) written as a binary .evtx
// (one template per 64 KiB chunk, as Windows writes them) and the same events as NDJSON in the
// evtx_dump JSON shape. Measures events/s for reading alone and for previewing SigmaHQ's
// dead-drop-resolver rule, EVTX beside NDJSON, plus reading SigmaHQ's 202 real .evtx files.
// Uses the compiled engine in out/ (run `npm run build` first).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const OUT = resolve('out/server/src/engine/preview');
if (!existsSync(join(OUT, 'index.js'))) {
  console.error('bench-evtx: build first (npm run build)');
  process.exit(1);
}
const preview = require(join(OUT, 'index.js'));
const { readSample } = require(join(OUT, 'readers/index.js'));
const synth = require(join(OUT, 'readers/evtx/synth.js'));
const { crc32 } = require(join(OUT, 'readers/evtx/crc32.js'));
const { T } = require(join(OUT, 'readers/evtx/values.js'));

const shared = [process.env.TRIPLINE_SHARED, resolve('..', 'shared'), '/work/shared'].find((d) => d && existsSync(join(d, 'corpus')));
const RULE = shared && join(shared, 'corpus/sigmahq/rules/windows/network_connection/net_connection_win_domain_dead_drop_resolvers.yml');
const rule = RULE && existsSync(RULE) ? { ruleText: readFileSync(RULE, 'utf8'), rulePath: RULE } : null;

const DATA = [
  'RuleName',
  'UtcTime',
  'ProcessGuid',
  'ProcessId',
  'Image',
  'User',
  'Protocol',
  'Initiated',
  'SourceIsIpv6',
  'SourceIp',
  'SourceHostname',
  'SourcePort',
  'DestinationIsIpv6',
  'DestinationIp',
  'DestinationHostname',
  'DestinationPort',
  'DestinationPortName',
];
const NUMERIC = new Set(['ProcessId', 'SourcePort', 'DestinationPort']);

function defineSysmon3(w) {
  w.fragmentHeader().open('Event', true).attr('xmlns').text('http://schemas.microsoft.com/win/2004/08/events/event').closeStart();
  w.open('System').closeStart();
  w.open('Provider', true).attr('Name').sub(0, T.STRING).attr('Guid').sub(1, T.GUID).closeEmpty();
  w.open('EventID').closeStart().sub(2, T.UINT16).end();
  w.open('Level').closeStart().sub(3, T.UINT8).end();
  w.open('Keywords').closeStart().sub(4, T.HEX64).end();
  w.open('TimeCreated', true).attr('SystemTime').sub(5, T.FILETIME).closeEmpty();
  w.open('EventRecordID').closeStart().sub(6, T.UINT64).end();
  w.open('Correlation', true).attr('ActivityID').sub(7, T.GUID, true).closeEmpty();
  w.open('Execution', true).attr('ProcessID').sub(8, T.UINT32).attr('ThreadID').sub(9, T.UINT32).closeEmpty();
  w.open('Channel').closeStart().sub(10, T.STRING).end();
  w.open('Computer').closeStart().sub(11, T.STRING).end();
  w.open('Security', true).attr('UserID').sub(12, T.SID).closeEmpty();
  w.end().open('EventData').closeStart();
  DATA.forEach((name, i) =>
    w
      .open('Data', true)
      .attr('Name')
      .text(name)
      .closeStart()
      .sub(13 + i, NUMERIC.has(name) ? T.UINT32 : T.STRING)
      .end(),
  );
  w.end().end().eos();
}

// The same deterministic event mix as bench-preview.mjs: 2% script hosts reaching paste sites & co.
function* events(count) {
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
  ];
  const bad = ['pastebin.com', 'api.telegram.t.me', 'cdn.discordapp.com', 'raw.githubusercontent.com', 'paste.ee', 'x.workers.dev'];
  const images = ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Windows\\System32\\svchost.exe', 'C:\\Windows\\explorer.exe'];
  const scripts = ['C:\\Windows\\System32\\wscript.exe', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe'];
  for (let i = 0; i < count; i++) {
    const attack = rnd(100) < 2;
    yield {
      RuleName: '-',
      UtcTime: `2024-05-0${1 + rnd(9)} 1${rnd(10)}:${10 + rnd(50)}:${10 + rnd(50)}.${100 + rnd(900)}`,
      ProcessGuid: `0197231E-005A-6928-A50B-${String(100000000000 + rnd(899999999999))}`,
      ProcessId: 1000 + rnd(9000),
      Image: attack ? scripts[rnd(scripts.length)] : images[rnd(images.length)],
      User: `CORP\\user${rnd(200)}`,
      Protocol: 'tcp',
      Initiated: 'true',
      SourceIsIpv6: 'false',
      SourceIp: `10.1.${rnd(255)}.${rnd(255)}`,
      SourceHostname: `ws${rnd(500)}.corp.local`,
      SourcePort: 49152 + rnd(16000),
      DestinationIsIpv6: 'false',
      DestinationIp: `${1 + rnd(222)}.${rnd(255)}.${rnd(255)}.${rnd(255)}`,
      DestinationHostname: attack ? bad[rnd(bad.length)] : benign[rnd(benign.length)],
      DestinationPort: 443,
      DestinationPortName: 'https',
    };
  }
}

const u = (bytes, v) => {
  const b = Buffer.alloc(bytes);
  if (bytes === 8) b.writeBigUInt64LE(BigInt(v));
  else b.writeUIntLE(v, 0, bytes);
  return b;
};
const str = (s) => ({ type: T.STRING, bytes: Buffer.from(s + '\0', 'utf16le') });
const GUID = { type: T.GUID, bytes: Buffer.from('5F38705770C2E043BF4C06F5698FFBD9', 'hex') };
const SID = { type: T.SID, bytes: Buffer.from([1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0]) };

function values(e, id) {
  const ft = (BigInt(1714550400 + id) + 11644473600n) * 10000000n;
  return [
    str('Microsoft-Windows-Sysmon'),
    GUID,
    { type: T.UINT16, bytes: u(2, 3) },
    { type: T.UINT8, bytes: u(1, 4) },
    { type: T.HEX64, bytes: u(8, 0x8000000000000000n) },
    { type: T.FILETIME, bytes: u(8, ft) },
    { type: T.UINT64, bytes: u(8, id) },
    { type: T.NULL, bytes: Buffer.alloc(0) },
    { type: T.UINT32, bytes: u(4, 3544) },
    { type: T.UINT32, bytes: u(4, 4272) },
    str('Microsoft-Windows-Sysmon/Operational'),
    str('ws1.corp.local'),
    SID,
    ...DATA.map((k) => (NUMERIC.has(k) ? { type: T.UINT32, bytes: u(4, e[k]) } : str(e[k]))),
  ];
}

function writeEvtx(path, count) {
  const fd = openSync(path, 'w');
  const gen = events(count);
  let next = gen.next();
  let chunks = 0;
  writeSync(fd, synth.fileHeader(0));
  let id = 1;
  while (!next.done) {
    const buf = Buffer.alloc(65536);
    buf.write('ElfChnk\0', 0, 'latin1');
    let pos = 512;
    let def = null;
    const first = id;
    while (!next.done) {
      const vals = values(next.value, id);
      const rec = synth.record(pos, id, (w) => {
        w.fragmentHeader();
        const d = synth.templateInstance(w, def ?? defineSysmon3, vals);
        def ??= d;
        w.eos();
      });
      if (pos + rec.length > 65536) break;
      rec.copy(buf, pos);
      pos += rec.length;
      id++;
      next = gen.next();
    }
    buf.writeBigUInt64LE(BigInt(first), 8);
    buf.writeBigUInt64LE(BigInt(id - 1), 16);
    buf.writeUInt32LE(128, 40);
    buf.writeUInt32LE(pos, 48);
    buf.writeUInt32LE(crc32(buf, 512, pos), 52);
    buf.writeUInt32LE(crc32(buf, 128, 512, crc32(buf, 0, 120)), 124);
    writeSync(fd, buf);
    chunks++;
  }
  closeSync(fd);
  return chunks;
}

async function countEvents(path) {
  let n = 0;
  for await (const item of readSample({ source: path, path })) if (item.kind === 'event') n++;
  return n;
}

async function best(runs, fn) {
  let min = Infinity;
  let result;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    result = await fn();
    min = Math.min(min, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { ms: min, result };
}

const rate = (n, ms) => `${Math.round(n / (ms / 1000)).toLocaleString('en-US')} events/s`;
const COUNT = Number(process.env.BENCH_EVTX_COUNT ?? 200_000);
const dir = mkdtempSync(join(tmpdir(), 'tripline-bench-evtx-'));
try {
  const evtx = join(dir, 'events.evtx');
  const ndjson = join(dir, 'events.ndjson');
  const chunks = writeEvtx(evtx, COUNT);
  const lines = [];
  for await (const item of readSample({ source: evtx, path: evtx })) if (item.kind === 'event') lines.push(JSON.stringify(item.event));
  writeFileSync(ndjson, lines.join('\n') + '\n');
  const mb = (p) => (statSync(p).size / 1048576).toFixed(1);
  console.log(
    `files: ${COUNT.toLocaleString('en-US')} Sysmon EventID 3 events; .evtx ${mb(evtx)} MB in ${chunks} chunks, the same as evtx_dump NDJSON ${mb(ndjson)} MB (best of 3)`,
  );
  const readE = await best(3, () => countEvents(evtx));
  const readN = await best(3, () => countEvents(ndjson));
  console.log(`read only, EVTX (BinXML → JSON events):    ${readE.ms.toFixed(0)} ms  ${rate(readE.result, readE.ms)}`);
  console.log(`read only, NDJSON (JSON.parse per line):   ${readN.ms.toFixed(0)} ms  ${rate(readN.result, readN.ms)}`);
  if (readE.result !== COUNT || readN.result !== COUNT) {
    console.error(`bench-evtx: read ${readE.result} / ${readN.result} events, expected ${COUNT}`);
    process.exitCode = 1;
  }
  if (rule) {
    const pe = await best(3, () => preview.previewRule(rule, [{ source: evtx, path: evtx }], { limit: 10 }));
    const pn = await best(3, () => preview.previewRule(rule, [{ source: ndjson, path: ndjson }], { limit: 10 }));
    console.log(`preview ${pe.result.rule}:`);
    console.log(`  EVTX:   ${pe.ms.toFixed(0)} ms  ${rate(pe.result.scanned, pe.ms)}, ${pe.result.matched} matches`);
    console.log(`  NDJSON: ${pn.ms.toFixed(0)} ms  ${rate(pn.result.scanned, pn.ms)}, ${pn.result.matched} matches`);
    if (pe.result.matched !== pn.result.matched || pe.result.matched === 0) {
      console.error('bench-evtx: EVTX and NDJSON previews disagree');
      process.exitCode = 1;
    }
  }
  if (shared) {
    const files = [];
    const walk = (d) => readdirSync(d).forEach((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : n.endsWith('.evtx') && files.push(join(d, n))));
    walk(join(shared, 'corpus/sigmahq/regression_data'));
    const real = await best(3, async () => {
      let n = 0;
      for (const f of files) n += await countEvents(f);
      return n;
    });
    console.log(`SigmaHQ regression data: ${files.length} real .evtx files (one 64 KiB chunk each), ${real.result} records in ${real.ms.toFixed(0)} ms`);
  }
} finally {
  if (process.env.BENCH_EVTX_KEEP) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
