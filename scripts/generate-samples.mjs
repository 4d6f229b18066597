#!/usr/bin/env node
// Writes samples/: the sample telemetry Tripline ships for match preview, and samples/labels.json.
//
//   node scripts/generate-samples.mjs [--out DIR]
//
// Deterministic: a seeded PRNG (mulberry32, seed 1583006) and a fixed base time (2025-03-10 07:00 UTC,
// an 11-hour office day), no Date.now(), no Math.random(); running it twice gives byte-identical files,
// and tests rely on that through labels.json. What it writes:
//   - a benign baseline (> 50,000 events) of a fictional company's day: Windows Sysmon 1/3/22 (flat NDJSON
//     and a small EVTX-JSON export), proxy (NDJSON and a small CSV), resolver DNS, Defender XDR
//     DeviceNetworkEvents, and Android/iOS app network logs. Ordinary programs really do use GitHub,
//     Google Drive, Dropbox, Discord, Telegram, OneDrive, Cloudflare Pages/Workers and Firebase here, so
//     over-broad domain lists show their noise;
//   - labelled attack activity for each web-service abuse pattern (see scripts/samples/attacks.mjs);
//   - labels.json: for every file, its event count and each attack event's index, pattern and step;
//   - README.md: the same facts for people.
// World data: scripts/samples/world.mjs; builders: scripts/samples/events.mjs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from './samples/prng.mjs';
import * as W from './samples/world.mjs';
import { createBuilders, toEvtxJson } from './samples/events.mjs';
import { requestFor } from './samples/paths.mjs';
import { generateAttacks, MALICIOUS_APPS, PATTERNS } from './samples/attacks.mjs';

const SEED = 1583006;
const BASE = Date.UTC(2025, 2, 10, 7, 0, 0);
const WINDOW_MIN = 11 * 60;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.indexOf('--out');
const OUT = outArg > 0 ? process.argv[outArg + 1] : join(root, 'samples');

const F = {
  sysmon: 'windows/sysmon.ndjson',
  evtx: 'windows/sysmon-evtx.json',
  proxy: 'proxy/proxy.ndjson',
  csv: 'proxy/proxy-sample.csv',
  dns: 'dns/dns.ndjson',
  mde: 'defender/DeviceNetworkEvents.ndjson',
  android: 'mobile/android-network.ndjson',
  ios: 'mobile/ios-network.ndjson',
};
const FILE_INFO = {
  [F.sysmon]: {
    format: 'ndjson',
    product: 'windows',
    what: 'Sysmon events 1, 3 and 22, flat (one JSON object per line, fields at top level, as nxlog/Winlogbeat-style exporters write them; no Channel field)',
  },
  [F.evtx]: {
    format: 'evtx-json',
    product: 'windows',
    what: 'Sysmon events exported from EVTX to JSON (Event.System / Event.EventData with #attributes, as in SigmaHQ regression data), concatenated pretty-printed objects',
  },
  [F.proxy]: {
    format: 'ndjson',
    product: null,
    what: 'web proxy log, Sigma proxy taxonomy fields (cs-host, c-uri = full URL, c-uri-stem, c-uri-query, cs-method, c-useragent, c-ip, sc-status...)',
  },
  [F.csv]: { format: 'csv', product: null, what: 'the same proxy fields as CSV with a header (user agents contain commas and one contains quotes)' },
  [F.dns]: { format: 'ndjson', product: null, what: 'resolver log, Sigma dns taxonomy fields (query, answer, record_type, parent_domain, src_ip, rcode)' },
  [F.mde]: {
    format: 'ndjson',
    product: 'windows',
    what: 'Microsoft Defender XDR DeviceNetworkEvents rows (Timestamp, DeviceName, ActionType, RemoteUrl, RemoteIP, RemotePort, InitiatingProcessFileName, InitiatingProcessFolderPath, InitiatingProcessCommandLine...)',
  },
  [F.android]: {
    format: 'ndjson',
    product: 'android',
    what: 'Android app network log (platform, app_package, installer, host, url, method, dst_ip, dst_port...)',
  },
  [F.ios]: { format: 'ndjson', product: 'ios', what: 'iOS app network log (platform, bundle_id, install_source, host, url, method, dst_ip, dst_port...)' },
};

const rng = createRng(SEED);
const B = createBuilders(rng);
const files = Object.fromEntries(Object.values(F).map((f) => [f, []]));
let seq = 0;
const emit = (file, t, event, label = null) => files[file].push({ t, seq: seq++, event, label });
const at = (minutes) => BASE + Math.round(minutes * 60000) + rng.int(0, 999);
const randomTime = () => BASE + Math.floor(rng.next() * WINDOW_MIN * 60000);

// --- machines and phones ---------------------------------------------------------------------
const machines = [...W.WORKSTATIONS, ...W.SERVERS].map((m) => ({ ...m, deviceId: rng.hex(40) }));
const byName = new Map(machines.map((m) => [m.name, m]));
const ws = (name) => byName.get(name);
const server = ws;
const workstations = machines.filter((m) => m.name.startsWith('WS-'));

const ANDROID_MODELS = ['Pixel 7', 'Pixel 8', 'Galaxy S23', 'Galaxy A54', 'Galaxy S24', 'moto g84 5G'];
const IOS_MODELS = ['iPhone 13', 'iPhone 14', 'iPhone 15', 'iPhone 15 Pro'];
const phones = {
  android: Array.from({ length: 30 }, (_, i) => ({
    platform: 'android',
    id: rng.hex(16),
    model: ANDROID_MODELS[i % ANDROID_MODELS.length],
    os: rng.pick(['13', '14', '14']),
    user: `${W.USERS[i]}@${W.DOMAIN}`,
  })),
  ios: Array.from({ length: 20 }, (_, i) => ({
    platform: 'ios',
    id: rng.guid(),
    model: IOS_MODELS[i % IOS_MODELS.length],
    os: rng.pick(['17.6.1', '18.0', '18.0.1']),
    user: `${W.USERS[30 + (i % 18)]}@${W.DOMAIN}`,
  })),
};
const phone = (platform, i) => phones[platform][i];

/** A process as the builders want it: image, user, command line, parent. */
function proc(machine, spec) {
  const user = spec.user ?? `CORP\\${machine.user}`;
  const image = B.fill(spec.image, machine.user);
  return {
    image,
    user,
    cmd: spec.cmd ? B.fill(spec.cmd.replaceAll('{image}', image), machine.user) : `"${image}"`,
    parentImage: spec.parent ? spec.parent.image : B.fill(spec.parentImage ?? 'C:\\Windows\\explorer.exe', machine.user),
    parentCmd: spec.parentCmd ?? spec.parent?.cmd,
    parentUser: spec.parent?.user,
    original: spec.original,
    description: spec.description,
    product: spec.product,
    company: spec.company,
    fileVersion: spec.fileVersion,
    cwd: spec.cwd,
  };
}

function launch(t, machine, spec, label, target = 'sysmon') {
  const p = proc(machine, spec);
  emit(target === 'evtx' ? F.evtx : F.sysmon, t, B.sysmon1(t, machine, p), label);
  return p;
}

function connect(t, machine, p, url, opts) {
  const host = new URL(url).hostname;
  const port = opts.port ?? 443;
  const full = { ...p, user: p.user ?? `CORP\\${machine.user}` };
  for (const to of opts.to) {
    if (to === 'sysmon22') emit(F.sysmon, t - 40, B.sysmon22(t - 40, machine, full, host), opts.label);
    else if (to === 'sysmon3') emit(F.sysmon, t, B.sysmon3(t, machine, full, host, port), opts.label);
    else if (to === 'evtx22') emit(F.evtx, t - 40, B.sysmon22(t - 40, machine, full, host), opts.label);
    else if (to === 'evtx3') emit(F.evtx, t, B.sysmon3(t, machine, full, host, port), opts.label);
    else if (to === 'dns') emit(F.dns, t - 40, B.dns(t - 40, machine.ip, host), opts.label);
    else if (to === 'mde') emit(F.mde, t, B.mde(t, machine, full, host, port), opts.label);
    else if (to === 'proxy' || to === 'csv') {
      emit(
        to === 'csv' ? F.csv : F.proxy,
        t + 80,
        B.proxy(t + 80, machine, { url, method: opts.method, ua: opts.ua, bytesOut: opts.bytesOut, status: opts.method === 'PROPFIND' ? 207 : 200 }),
        opts.label,
      );
    } else throw new Error(`unknown target ${to}`);
  }
}

function mobileReq(t, device, appKey, req, label) {
  const app = MALICIOUS_APPS[appKey];
  emit(device.platform === 'android' ? F.android : F.ios, t, B.mobile(t, device, app, req), label);
}

// --- benign baseline ---------------------------------------------------------------------------
const installed = new Map(workstations.map((m, i) => [m.name, W.NETWORK_MIX.filter(([, key]) => !W.OPTIONAL[key] || W.OPTIONAL[key](i))]));
const BACKUP = {
  image: 'C:\\Program Files\\rclone\\rclone.exe',
  user: 'CORP\\svc_backup',
  cmd: 'rclone.exe sync D:\\Backups onedrive-corp:Backups --log-file D:\\Logs\\rclone.log --config C:\\ProgramData\\rclone\\rclone.conf',
  parentImage: 'C:\\Windows\\System32\\svchost.exe',
  original: 'rclone.exe',
  description: 'Rsync for cloud storage',
  product: 'Rclone',
  company: 'https://rclone.org',
  ua: 'rclone/v1.67.0',
  hosts: [
    [5, 'graph.microsoft.com'],
    [6, 'contoso-my.sharepoint.com'],
    [2, 'login.microsoftonline.com'],
  ],
};

/** Picks who talks and to which host: returns { machine, program, host }. */
function pickTalker({ allowNoHost = true, servers = true } = {}) {
  for (;;) {
    const r = rng.next();
    let machine;
    let program;
    if (servers && r < 0.03) {
      machine = ws('SRV-BUILD01');
      program = rng.next() < 0.85 ? W.BUILD_SERVER : W.PROGRAMS.svchost;
    } else if (servers && r < 0.04) {
      machine = ws('SRV-FILE01');
      program = rng.next() < 0.4 ? BACKUP : rng.pick([W.PROGRAMS.svchost, W.PROGRAMS.msmpeng]);
    } else {
      machine = rng.pick(workstations);
      program = W.PROGRAMS[rng.weighted(installed.get(machine.name))];
    }
    let host = rng.weighted(program.hosts);
    if (host === '*browsing') host = rng.weighted(W.BROWSING);
    if (host === '-' && !allowNoHost) continue;
    const p = proc(machine, {
      image: program.image,
      user: program.system ? 'NT AUTHORITY\\SYSTEM' : program.user,
      cmd: program.cmd,
      parentImage: program.parentImage ?? program.parent,
      original: program.original,
      description: program.description,
      product: program.product,
      company: program.company,
    });
    return { machine, program, host, p };
  }
}

function baselineSysmon(file, n3, n22, n1, onlyMachine) {
  for (let i = 0; i < n3; i++) {
    const { machine, host, p } = onlyMachine ? pickFor(onlyMachine) : pickTalker();
    const port =
      host === 'www.msftconnecttest.com' || host === 'crl.microsoft.com' || host === 'ocsp.digicert.com' ? 80 : host === 'time.windows.com' ? 123 : 443;
    const t = randomTime();
    emit(file, t, B.sysmon3(t, machine, p, host, port));
  }
  for (let i = 0; i < n22; i++) {
    const { machine, host, p } = onlyMachine ? pickFor(onlyMachine, false) : pickTalker({ allowNoHost: false });
    const t = randomTime();
    emit(file, t, B.sysmon22(t, machine, p, host));
  }
  for (let i = 0; i < n1; i++) {
    const r = rng.next();
    const t = randomTime();
    if (!onlyMachine && r < 0.01) {
      const s = ws('SRV-FILE01');
      emit(file, t, B.sysmon1(t, s, proc(s, BACKUP)));
      continue;
    }
    const machine = onlyMachine ?? rng.pick(workstations);
    const idx = workstations.indexOf(machine);
    const choices = W.PROCESS_STARTS.filter(([, s]) => !s.only || !W.OPTIONAL[s.only] || W.OPTIONAL[s.only](idx));
    const s = rng.weighted(choices);
    let p;
    if (s.prog && !s.image) {
      const prog = W.PROGRAMS[s.prog];
      p = proc(machine, {
        image: prog.image,
        cmd: prog.cmd,
        parentImage: prog.parent,
        user: prog.system ? 'NT AUTHORITY\\SYSTEM' : undefined,
        original: prog.original,
        description: prog.description,
        product: prog.product,
        company: prog.company,
      });
    } else {
      const prog = s.prog ? W.PROGRAMS[s.prog] : {};
      const cmd = s.cmd.replaceAll('{n}', () => String(rng.int(1000, 99999))).replaceAll('{k}', () => String(rng.int(1000, 9999)));
      p = proc(machine, {
        image: s.image,
        cmd,
        parentImage: s.parent,
        user: s.user,
        original: s.original ?? prog.original,
        description: s.desc ?? prog.description,
        product: prog.product ?? 'Microsoft® Windows® Operating System',
        company: prog.company ?? 'Microsoft Corporation',
      });
    }
    emit(file, t, B.sysmon1(t, machine, p));
  }
}

/** Talker restricted to one workstation (the EVTX export covers a single machine). */
function pickFor(machine, allowNoHost = true) {
  for (;;) {
    const program = W.PROGRAMS[rng.weighted(installed.get(machine.name))];
    let host = rng.weighted(program.hosts);
    if (host === '*browsing') host = rng.weighted(W.BROWSING);
    if (host === '-' && !allowNoHost) continue;
    return {
      machine,
      program,
      host,
      p: proc(machine, {
        image: program.image,
        user: program.system ? 'NT AUTHORITY\\SYSTEM' : undefined,
        cmd: program.cmd,
        parentImage: program.parent,
        original: program.original,
        description: program.description,
      }),
    };
  }
}

const DEV_TUNNELS = ['mention-bubble-adjust-thirty.trycloudflare.com', 'a1b2-203-0-113-7.ngrok-free.app'];
const STATUS = [
  [80, 200],
  [5, 204],
  [6, 304],
  [4, 302],
  [3, 404],
  [1, 403],
];

function baselineProxy(file, n) {
  for (let i = 0; i < n; i++) {
    const t = randomTime();
    // A developer demoing a local app through a quick tunnel: benign tunnel traffic (browser only).
    if (rng.next() < 0.0025) {
      const m = workstations[1];
      const { url } = requestFor(rng, rng.pick(DEV_TUNNELS));
      emit(file, t, B.proxy(t, m, { url, ua: W.PROGRAMS.chrome.ua }));
      continue;
    }
    const { machine, program, host } = pickTalker({ allowNoHost: false });
    const { url, method } = requestFor(rng, host);
    let ua = program.ua;
    if (file === F.csv && i === 17) ua = 'Mozilla/5.0 (compatible; "UptimeMonitor"/2.1; +https://status.corp.example.com)';
    const referrer = program.browser && rng.next() < 0.5 ? `https://${rng.weighted(W.BROWSING)}/` : undefined;
    emit(
      file,
      t,
      B.proxy(t, machine, {
        url,
        method,
        ua,
        referrer,
        status: rng.weighted(STATUS),
        action: rng.weighted([
          [70, 'TCP_MISS'],
          [20, 'TCP_HIT'],
          [10, 'TCP_REFRESH_MISS'],
        ]),
      }),
    );
  }
}

const INTERNAL = [
  [5, ['dc01.corp.example.com', 'A']],
  [3, ['_ldap._tcp.dc._msdcs.corp.example.com', 'SRV']],
  [2, ['fileshare.corp.example.com', 'A']],
  [1, ['wpad.corp.example.com', 'A', 'NXDOMAIN']],
  [1, ['intranet.corp.example.com', 'A']],
];

function baselineDns(file, n) {
  for (let i = 0; i < n; i++) {
    const t = randomTime();
    if (rng.next() < 0.08) {
      const [q, type, rcode] = rng.weighted(INTERNAL);
      emit(file, t, B.dns(t, rng.pick(machines).ip, q, type, rcode));
      continue;
    }
    if (rng.next() < 0.002) {
      emit(file, t, B.dns(t, workstations[1].ip, rng.pick(DEV_TUNNELS)));
      continue;
    }
    const { machine, host } = pickTalker({ allowNoHost: false });
    emit(
      file,
      t,
      B.dns(
        t,
        machine.ip,
        host,
        rng.weighted([
          [80, 'A'],
          [15, 'AAAA'],
          [5, 'HTTPS'],
        ]),
      ),
    );
  }
}

function baselineMde(file, n) {
  for (let i = 0; i < n; i++) {
    const t = randomTime();
    const { machine, host, p } = pickTalker({ servers: false });
    const action = rng.weighted([
      [88, 'ConnectionSuccess'],
      [4, 'ConnectionFailed'],
      [5, 'ConnectionRequest'],
      [3, 'ConnectionAttempt'],
    ]);
    // Defender often has no URL for a connection (no SNI seen, or MTProto to a bare address).
    const url = host === '-' || rng.next() < 0.08 ? '' : host;
    emit(file, t, B.mde(t, machine, p, host, 443, action, url));
  }
}

function baselineMobile(file, platform, apps, n) {
  const weights = apps.map((a) => [a.weight, a]);
  for (let i = 0; i < n; i++) {
    const t = randomTime();
    const device = rng.pick(phones[platform]);
    const app = rng.weighted(weights);
    const host = rng.weighted(app.hosts);
    if (host === '-') {
      emit(file, t, B.mobile(t, device, app, {}));
      continue;
    }
    const { url, method } = requestFor(rng, host);
    emit(file, t, B.mobile(t, device, app, { url, method }));
  }
}

baselineSysmon(F.sysmon, 10400, 5600, 3200);
baselineSysmon(F.evtx, 50, 25, 25, ws('WS-1044'));
baselineProxy(F.proxy, 11500);
baselineProxy(F.csv, 380);
baselineDns(F.dns, 8200);
baselineMde(F.mde, 6800);
baselineMobile(F.android, 'android', W.ANDROID_APPS, 3400);
baselineMobile(F.ios, 'ios', W.IOS_APPS, 2300);

generateAttacks({ rng, at, ws, server, phone, proc, launch, connect, mobileReq });

// --- write -------------------------------------------------------------------------------------
const CSV_COLUMNS = ['time', 'c-ip', 'cs-username', 'cs-method', 'cs-host', 'c-uri', 'sc-status', 'cs-bytes', 'sc-bytes', 'c-useragent', 'cs-referrer'];
const csvCell = (v) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

function category(file, event) {
  if (file === F.sysmon || file === F.evtx) return { 1: 'process_creation', 3: 'network_connection', 22: 'dns_query' }[event.EventID];
  if (file === F.proxy || file === F.csv) return 'proxy';
  if (file === F.dns) return 'dns';
  return 'network_connection';
}

const labels = {
  generator: 'scripts/generate-samples.mjs',
  seed: SEED,
  baseTime: new Date(BASE).toISOString(),
  note: 'index = 0-based position of the event in its file (line for NDJSON, data row for CSV, object for EVTX-JSON). Events not listed under attack are benign baseline.',
  patterns: PATTERNS,
  files: {},
};

let total = 0;
let totalAttack = 0;
for (const [file, list] of Object.entries(files)) {
  list.sort((a, b) => a.t - b.t || a.seq - b.seq);
  const info = FILE_INFO[file];
  let text;
  if (file === F.csv) text = [CSV_COLUMNS.join(','), ...list.map(({ event }) => CSV_COLUMNS.map((c) => csvCell(event[c])).join(','))].join('\n') + '\n';
  else if (file === F.evtx) text = list.map(({ event }, i) => JSON.stringify(toEvtxJson(event, 880000 + i), null, 2)).join('\n') + '\n';
  else text = list.map(({ event }) => JSON.stringify(event)).join('\n') + '\n';
  const path = join(OUT, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);

  const categories = {};
  const attack = [];
  list.forEach(({ event, label }, index) => {
    const cat = category(file, event);
    categories[cat] = (categories[cat] ?? 0) + 1;
    if (label) attack.push({ index, pattern: label.pattern, step: label.step, category: cat });
  });
  labels.files[file] = { format: info.format, product: info.product, events: list.length, baseline: list.length - attack.length, categories, attack };
  total += list.length;
  totalAttack += attack.length;
}
writeFileSync(join(OUT, 'labels.json'), JSON.stringify(labels, null, 1) + '\n');

// --- README --------------------------------------------------------------------------------------
const rows = Object.entries(labels.files).map(
  ([file, l]) => `| \`${file}\` | ${l.format} | ${l.events.toLocaleString('en-US')} | ${l.attack.length} | ${FILE_INFO[file].what} |`,
);
const patternRows = Object.entries(PATTERNS).map(([name, p]) => {
  const where = Object.entries(labels.files)
    .map(([file, l]) => [file, l.attack.filter((a) => a.pattern === name).length])
    .filter(([, n]) => n > 0)
    .map(([file, n]) => `${file.split('/').pop()} ${n}`)
    .join(', ');
  return `| \`${name}\` | ${p.techniques.join(', ')} | ${p.description} | ${where} |`;
});
const readme = `# Bundled sample telemetry

Generated by \`node scripts/generate-samples.mjs\` — do not edit by hand; change the generator and rerun.
The generator is deterministic (seeded PRNG, seed ${SEED}; fixed base time ${labels.baseTime}, an
11-hour office day), so the files, \`labels.json\` and this README are byte-identical on every run.

Tripline's match preview runs rules over these files when \`samples.bundled\` is on (the default), so
a rule can be tried before any telemetry of your own is configured. They describe a fictional company
(\`corp.example.com\`, 48 Windows workstations, a build server, a file server, 30 Android and 20 iOS
phones) on an ordinary day — browsers, Windows services, Defender, OneDrive, Teams, Outlook, Dropbox,
Google Drive, Discord, Telegram, VS Code, git, npm, pip, Slack, Zoom, Obsidian plugins on Cloudflare
Workers, Firebase-backed mobile apps — plus a handful of labelled attacks that abuse the same services.
Broad domain lists (\`githubusercontent.com\`, \`workers.dev\`, \`firebaseio.com\`, \`google.com\`...)
therefore show the noise they would cause in a real SOC, and precise rules show exactly their attacks.

${total.toLocaleString('en-US')} events in all, ${totalAttack} of them attack activity.

| file | format | events | attack | contents |
| --- | --- | ---: | ---: | --- |
${rows.join('\n')}

## Attack patterns (labels)

\`labels.json\` lists, for every file, the event count, the count per Sigma logsource category, and each
attack event as \`{ index, pattern, step, category }\` (index = 0-based line, CSV data row or EVTX object).
Events not listed are benign. Tests derive expected match counts from these labels.
\`labels.json\` is not telemetry: the editor and \`tripline check\` read only the files it lists; with
\`tripline preview --samples\`, name the subfolders (\`samples/windows samples/proxy\`...) rather than \`samples/\`.

| pattern | ATT&CK | what happens | events per file |
| --- | --- | --- | --- |
${patternRows.join('\n')}

## Field conventions

- Sysmon: \`EventID\`, \`Computer\`, \`UtcTime\`, \`Image\`, \`CommandLine\`, \`ParentImage\`, \`OriginalFileName\`,
  \`User\` (event 1); \`Initiated\` ("true"), \`DestinationHostname\` ("-" when unknown), \`DestinationIp\`,
  \`DestinationPort\` (event 3); \`QueryName\`, \`QueryResults\` (event 22). Flat files carry no \`Channel\`:
  logsource filtering must work from \`EventID\` alone.
- Proxy: \`c-uri\` is the full URL (\`https://host/path?query\`), \`c-uri-stem\` the path, \`cs-host\` the host.
- DNS: \`query\`, \`answer\`, \`record_type\`, \`rcode\`, \`parent_domain\` (registrable domain, ICANN section), \`src_ip\`.
- Defender: real DeviceNetworkEvents column names; \`RemoteUrl\` is empty for about 8% of benign rows, as in real data.
- Mobile: \`platform\` (android|ios), \`app_package\` + \`installer\` (Android; \`null\` for preinstalled apps,
  \`com.android.vending\` for Play Store, \`com.google.android.packageinstaller\` for sideloaded) or
  \`bundle_id\` + \`install_source\` (iOS: system, app_store, enterprise), \`host\`, \`url\`, \`method\`,
  \`dst_ip\`, \`dst_port\`. Apps that speak MTProto to bare addresses have \`host: null\`.

All names, hosts under \`corp.example.com\`, addresses, ids and tokens are invented. Vendor endpoints
are the ones vendors document for firewall allow-listing (see \`scripts/samples/world.mjs\`).
`;
writeFileSync(join(OUT, 'README.md'), readme);
process.stdout.write(`samples: ${total} events (${totalAttack} attack) in ${Object.keys(files).length} files → ${OUT}\n`);
