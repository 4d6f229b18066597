import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { KqlPreviewError, previewKql } from './index';
import { hasTerm } from './values';

/** Runs a query over in-memory rows of table T (one NDJSON "file" named T.ndjson). */
async function run(query: string, rows: Record<string, unknown>[], clock?: string) {
  const text = rows.map((r) => JSON.stringify(r)).join('\n');
  return previewKql('q.kql', query, [{ source: 'T.ndjson', text, format: 'ndjson' }], clock ? { clock } : {});
}

async function ids(where: string, rows = URLS): Promise<number[]> {
  const r = await run(`T | where ${where}`, rows);
  return r.matches.map((m) => m.event.id as number);
}

const URLS = [
  { id: 1, U: 'discord.com' },
  { id: 2, U: 'https://cdn.discord.com/attachments/1' },
  { id: 3, U: 'discord.com.evil.io' },
  { id: 4, U: 'evildiscord.com' },
  { id: 5, U: 'discord.community' },
  { id: 6, U: 'discordapp.com' },
  { id: 7, U: 'DISCORD.COM' },
  { id: 8, U: '' },
  { id: 9 },
];

describe('KQL has: whole-term semantics (Kusto docs: terms are maximal alphanumeric runs)', () => {
  it('RemoteUrl has "discord.com" matches the host as a term sequence, anywhere in the URL', () => {
    assert.equal(hasTerm('discord.com', 'discord.com', false), true);
    assert.equal(hasTerm('https://cdn.discord.com/attachments/1', 'discord.com', false), true);
    // Not anchored at the end of the host: a look-alike registered under another domain matches.
    assert.equal(hasTerm('discord.com.evil.io', 'discord.com', false), true);
    // The left neighbour "l" and the right neighbour "m" are alphanumeric: not term boundaries.
    assert.equal(hasTerm('evildiscord.com', 'discord.com', false), false);
    assert.equal(hasTerm('discord.community', 'discord.com', false), false);
    assert.equal(hasTerm('discordapp.com', 'discord.com', false), false);
    assert.equal(hasTerm('DISCORD.COM', 'discord.com', false), true);
    assert.equal(hasTerm('DISCORD.COM', 'discord.com', true), false);
    // The documentation's own examples.
    assert.equal(hasTerm('North America', 'america', false), true);
    assert.equal(hasTerm('North America', 'amer', false), false);
    assert.equal(hasTerm('KustoExplorerQueryRun', 'Explorer', false), false);
  });
  it('has, has_cs, !has, !has_cs in a query', async () => {
    assert.deepEqual(await ids('U has "discord.com"'), [1, 2, 3, 7]);
    assert.deepEqual(await ids('U has_cs "discord.com"'), [1, 2, 3]);
    assert.deepEqual(await ids('U !has "discord.com"'), [4, 5, 6, 8, 9]);
    assert.deepEqual(await ids('U !has_cs "discord.com"'), [4, 5, 6, 7, 8, 9]);
  });
  it('has_any and has_all', async () => {
    assert.deepEqual(await ids('U has_any ("evil", "community")'), [3, 5]);
    assert.deepEqual(await ids('U has_all ("discord", "com")'), [1, 2, 3, 7]);
    assert.deepEqual(await ids('U has_any (dynamic(["attachments"]), "io")'), [2, 3]);
  });
  it('hasprefix and hassuffix', async () => {
    assert.deepEqual(await ids('U hasprefix "disc"'), [1, 2, 3, 5, 6, 7]);
    assert.deepEqual(await ids('U hassuffix "cord"'), [1, 2, 3, 4, 5, 7]);
  });
});

describe('KQL preview string operators', () => {
  it('contains, contains_cs and negations', async () => {
    assert.deepEqual(await ids('U contains "cord"'), [1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(await ids('U contains_cs "CORD"'), [7]);
    assert.deepEqual(await ids('U !contains "evil"'), [1, 2, 5, 6, 7, 8, 9]);
    assert.deepEqual(await ids('U !contains_cs "cord"'), [7, 8, 9]);
  });
  it('startswith, endswith and their _cs and negated forms', async () => {
    assert.deepEqual(await ids('U startswith "discord"'), [1, 3, 5, 6, 7]);
    assert.deepEqual(await ids('U startswith_cs "DISC"'), [7]);
    assert.deepEqual(await ids('U !startswith "discord"'), [2, 4, 8, 9]);
    assert.deepEqual(await ids('U endswith ".com"'), [1, 4, 6, 7]);
    assert.deepEqual(await ids('U endswith_cs ".COM"'), [7]);
    assert.deepEqual(await ids('U !endswith ".com"'), [2, 3, 5, 8, 9]);
    assert.deepEqual(await ids('U !endswith_cs ".com"'), [2, 3, 5, 7, 8, 9]);
  });
  it('==, !=, =~, !~', async () => {
    assert.deepEqual(await ids('U == "discord.com"'), [1]);
    assert.deepEqual(await ids('U =~ "discord.com"'), [1, 7]);
    assert.deepEqual(await ids('U != "discord.com"'), [2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(await ids('U !~ "discord.com"'), [2, 3, 4, 5, 6, 8, 9]);
  });
  it('in, in~, !in, !in~', async () => {
    assert.deepEqual(await ids('U in ("discord.com", "DISCORDAPP.COM")'), [1]);
    assert.deepEqual(await ids('U in~ ("discord.com", "DISCORDAPP.COM")'), [1, 6, 7]);
    assert.deepEqual(await ids('U !in ("discord.com", "DISCORDAPP.COM")'), [2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(await ids('U !in~ ("discord.com", "DISCORDAPP.COM")'), [2, 3, 4, 5, 8, 9]);
  });
  it('matches regex (RE2, case-sensitive unless (?i)), refusing what JavaScript reads differently', async () => {
    assert.deepEqual(await ids('U matches regex @"^https?://"'), [2]);
    assert.deepEqual(await ids('U matches regex "^DISCORD"'), [7]);
    assert.deepEqual(await ids('U matches regex "(?i)^discord\\\\.com"'), [1, 3, 5, 7]);
    await assert.rejects(run('T | where U matches regex "discord(?=\\\\.com)"', URLS), /unsupported: regex construct/);
  });
  it('isempty and isnotempty (a missing column is empty)', async () => {
    assert.deepEqual(await ids('isempty(U)'), [8, 9]);
    assert.deepEqual(await ids('isnotempty(U)'), [1, 2, 3, 4, 5, 6, 7]);
  });
  it('tolower and toupper', async () => {
    assert.deepEqual(await ids('tolower(U) == "discord.com"'), [1, 7]);
    assert.deepEqual(await ids('toupper(U) == "DISCORD.COM"'), [1, 7]);
  });
  it('and, or, not() and parentheses', async () => {
    assert.deepEqual(await ids('U has "discord.com" and not(U contains "cdn")'), [1, 3, 7]);
    assert.deepEqual(await ids('U == "" or U endswith "io"'), [3, 8, 9]);
    assert.deepEqual(await ids('(U has "evil" or U has "community") and U !endswith "io"'), [5]);
  });
  it('let scalars and dynamic lists, used directly and inside lists', async () => {
    const r = await run('let d = "discord.com";\nlet L = dynamic(["DISCORDAPP.COM", "evildiscord.com"]);\nT | where U has d or U in~ (L)', URLS);
    assert.deepEqual(
      r.matches.map((m) => m.event.id),
      [1, 2, 3, 4, 6, 7],
    );
  });
});

const TIMES = [
  { id: 1, Timestamp: '2025-01-10T10:00:00Z', n: 5, K: 'a' },
  { id: 2, Timestamp: '2025-01-10T12:00:00Z', n: 20, K: 'b' },
  { id: 3, Timestamp: '2025-01-09T11:00:00Z', n: 3, K: 'a' },
  { id: 4, Timestamp: '2025-01-08T09:00:00Z', K: 'a' },
];

describe('KQL preview clock, numbers and tabular operators', () => {
  it('ago() counts back from the latest timestamp in the samples and says so', async () => {
    const r = await run('T | where Timestamp > ago(1d)', TIMES);
    assert.deepEqual(
      r.matches.map((m) => m.event.id),
      [1, 2],
    );
    assert.deepEqual(r.clock, { time: '2025-01-10T12:00:00.000Z', origin: 'the latest Timestamp in the T samples' });
  });
  it('ago() uses a given clock instead', async () => {
    const r = await run('T | where Timestamp between (ago(1d) .. now())', TIMES, '2025-01-11T11:30:00Z');
    assert.deepEqual(
      r.matches.map((m) => m.event.id),
      [2],
    );
    const ok = await run('T | where Timestamp >= ago(25h) and Timestamp <= now()', TIMES, '2025-01-11T11:30:00Z');
    assert.deepEqual(
      ok.matches.map((m) => m.event.id),
      [2],
    );
    assert.equal(ok.clock?.origin, 'given');
  });
  it('comparisons on numbers and datetime literals', async () => {
    assert.deepEqual(
      (await run('T | where n > 4', TIMES)).matches.map((m) => m.event.id),
      [1, 2],
    );
    assert.deepEqual(
      (await run('T | where n <= 5', TIMES)).matches.map((m) => m.event.id),
      [1, 3],
    );
    assert.deepEqual(
      (await run('T | where Timestamp < datetime(2025-01-09)', TIMES)).matches.map((m) => m.event.id),
      [4],
    );
  });
  it('extend adds columns in order and reports true flags as selections', async () => {
    const r = await run('T | extend Big = n > 4, Label = toupper(K), BigA = Big and K == "a"', TIMES);
    assert.deepEqual(
      r.matches.map((m) => [m.event.Big, m.event.Label, m.selections]),
      [
        [true, 'A', ['Big', 'BigA']],
        [true, 'B', ['Big']],
        [false, 'A', []],
        [null, 'A', []],
      ],
    );
  });
  it('project chooses, renames and orders columns; project-away drops them (wildcards too)', async () => {
    const p = await run('T | project K, Number = n', TIMES);
    assert.deepEqual(Object.keys(p.matches[0].event), ['K', 'Number']);
    assert.deepEqual(p.columns, ['K', 'Number']);
    const a = await run('T | project-away Time*, n', TIMES);
    assert.deepEqual(Object.keys(a.matches[0].event), ['id', 'K']);
  });
  it('sort/order by: descending by default, asc on request, nulls last when descending and first when ascending', async () => {
    assert.deepEqual(
      (await run('T | sort by n', TIMES)).matches.map((m) => m.event.id),
      [2, 1, 3, 4],
    );
    assert.deepEqual(
      (await run('T | order by n asc', TIMES)).matches.map((m) => m.event.id),
      [4, 3, 1, 2],
    );
    assert.deepEqual(
      (await run('T | order by n asc nulls last', TIMES)).matches.map((m) => m.event.id),
      [3, 1, 2, 4],
    );
    assert.deepEqual(
      (await run('T | sort by K asc, Timestamp desc', TIMES)).matches.map((m) => m.event.id),
      [1, 3, 4, 2],
    );
  });
  it('take and limit', async () => {
    assert.deepEqual(
      (await run('T | take 2', TIMES)).matches.map((m) => m.event.id),
      [1, 2],
    );
    const r = await run('T | sort by n desc | limit 1', TIMES);
    assert.deepEqual(
      r.matches.map((m) => m.event.id),
      [2],
    );
    assert.equal(r.matched, 1);
    assert.equal(r.scanned, 4);
  });
  it('summarize count() by columns, named or not; without by, one row', async () => {
    const r = await run('T | summarize count() by K', TIMES);
    assert.deepEqual(
      r.matches.map((m) => m.event),
      [
        { K: 'a', count_: 3 },
        { K: 'b', count_: 1 },
      ],
    );
    const n = await run('T | where n > 1 | summarize Events = count() by Key = K | sort by Events desc', TIMES);
    assert.deepEqual(
      n.matches.map((m) => m.event),
      [
        { Key: 'a', Events: 2 },
        { Key: 'b', Events: 1 },
      ],
    );
    const all = await run('T | where K == "z" | summarize count()', TIMES);
    assert.deepEqual(
      all.matches.map((m) => m.event),
      [{ count_: 0 }],
    );
  });
});

describe('KQL preview refuses what it does not evaluate, precisely', () => {
  const cases: [string, RegExp][] = [
    ['T | where U like "a%"', /unsupported: operator like/],
    ['T | invoke g()', /unsupported: invoke g\(\) \(only a function the query defines\)/],
    ['T | evaluate autocluster()', /unsupported: operator evaluate autocluster/],
    ['externaldata (a:string) [@"https://example.com/x.csv"]', /unsupported: externaldata/],
    ['T | where U has ""', /unsupported: has with an empty string/],
    ['T | extend x = soundex(U)', /unsupported: function soundex\(\)/],
    ['T | summarize percentile(n, 50)', /unsupported: aggregate percentile\(n, 50\)/],
    ['union Device*', /unsupported: union over a table wildcard/],
  ];
  for (const [q, re] of cases) {
    it(q.replace(/\n/g, ' '), async () => {
      const e = await run(q, TIMES).catch((x: Error) => x);
      assert.ok(e instanceof KqlPreviewError, `no error for ${q}`);
      assert.match(e.message, re);
      assert.match(e.message, /The preview evaluates let/);
    });
  }
  it('gives the line and column of the unsupported construct', async () => {
    const e = (await run('T\n| where n > 1\n| evaluate autocluster()', TIMES).catch((x: Error) => x)) as KqlPreviewError;
    assert.match(e.message, /unsupported: operator evaluate/);
    assert.deepEqual([e.line, e.character], [2, 2]);
  });
  it('refuses a query that does not parse, at the error', async () => {
    const e = (await run('T\n| where (n > 1\n| take 1', TIMES).catch((x: Error) => x)) as KqlPreviewError;
    assert.match(e.message, /does not parse/);
  });
});

/** An independent reading of the seed query, written directly against the sample rows. */
function termIn(text: string, term: string): boolean {
  const esc = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9])${esc}($|[^a-z0-9])`, 'i').test(text);
}

const SEED = `// T1583.006 seed: scripting and transfer tools talking to web services
let WebServiceDomains = dynamic(["api.telegram.org", "discord.com", "pastebin.com", "rentry.co", "githubusercontent.com", "workers.dev", "trycloudflare.com", "webhook.site", "transfer.sh", "file.io"]);
DeviceNetworkEvents
| where Timestamp > ago(1d)
| where InitiatingProcessFileName in~ ("powershell.exe", "pwsh.exe", "curl.exe", "python.exe", "rundll32.exe", "mshta.exe", "wscript.exe")
| where RemoteUrl has_any (WebServiceDomains)
| extend IsPaste = RemoteUrl has_any (dynamic(["pastebin.com", "rentry.co", "githubusercontent.com"])), IsServerless = RemoteUrl has "workers.dev", IsExfil = RemoteUrl has_any (dynamic(["webhook.site", "transfer.sh", "file.io"]))
| project Timestamp, DeviceName, InitiatingProcessFileName, RemoteUrl, IsPaste, IsServerless, IsExfil
| sort by Timestamp desc`;

describe('seed-style T1583.006 query on DeviceNetworkEvents', () => {
  it('previews a small fixture with hand-computed counts', async () => {
    const rows = [
      {
        Timestamp: '2025-03-10T10:00:00Z',
        DeviceName: 'a',
        InitiatingProcessFileName: 'PowerShell.exe',
        RemoteUrl: 'https://api.telegram.org/bot1/getUpdates',
      },
      { Timestamp: '2025-03-10T11:00:00Z', DeviceName: 'b', InitiatingProcessFileName: 'chrome.exe', RemoteUrl: 'discord.com' },
      { Timestamp: '2025-03-10T12:00:00Z', DeviceName: 'c', InitiatingProcessFileName: 'curl.exe', RemoteUrl: 'transfer.sh' },
      { Timestamp: '2025-03-10T12:30:00Z', DeviceName: 'd', InitiatingProcessFileName: 'python.exe', RemoteUrl: 'evilpastebin.com' },
      { Timestamp: '2025-03-09T09:00:00Z', DeviceName: 'e', InitiatingProcessFileName: 'python.exe', RemoteUrl: 'pastebin.com' },
      { Timestamp: '2025-03-10T13:00:00Z', DeviceName: 'f', InitiatingProcessFileName: 'rundll32.exe', RemoteUrl: 'relay.bluefin.workers.dev' },
    ];
    const text = rows.map((r) => JSON.stringify(r)).join('\n');
    const r = await previewKql('seed.kql', SEED, [{ source: 'DeviceNetworkEvents.ndjson', text, format: 'ndjson' }]);
    // Row 2 is chrome, row 4 is not the term pastebin.com, row 5 is older than a day before 13:00.
    assert.equal(r.scanned, 6);
    assert.equal(r.matched, 3);
    assert.deepEqual(
      r.matches.map((m) => [m.event.DeviceName, m.selections]),
      [
        ['f', ['IsServerless']],
        ['c', ['IsExfil']],
        ['a', []],
      ],
    );
    assert.equal(r.clock?.time, '2025-03-10T13:00:00.000Z');
  });

  it('previews the bundled sample with exact counts', async () => {
    const path = join('samples', 'defender', 'DeviceNetworkEvents.ndjson');
    const lines = readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.trim());
    const events = lines.map((l) => JSON.parse(l) as Record<string, string>);
    const clock = Math.max(...events.map((e) => Date.parse(e.Timestamp)));
    const domains = [
      'api.telegram.org',
      'discord.com',
      'pastebin.com',
      'rentry.co',
      'githubusercontent.com',
      'workers.dev',
      'trycloudflare.com',
      'webhook.site',
      'transfer.sh',
      'file.io',
    ];
    const procs = new Set(['powershell.exe', 'pwsh.exe', 'curl.exe', 'python.exe', 'rundll32.exe', 'mshta.exe', 'wscript.exe']);
    const expected = events
      .map((e, i) => ({ e, i }))
      .filter(
        ({ e }) =>
          Date.parse(e.Timestamp) > clock - 86400000 &&
          procs.has(String(e.InitiatingProcessFileName).toLowerCase()) &&
          domains.some((d) => termIn(String(e.RemoteUrl ?? ''), d)),
      );

    const r = await previewKql('seed.kql', SEED, [{ source: path, path }], { limit: 100000 });
    assert.equal(r.scanned, events.length);
    assert.equal(r.matched, expected.length);
    assert.deepEqual(new Set(r.matches.map((m) => m.index)), new Set(expected.map((x) => x.i)));
    assert.equal(r.matches.filter((m) => m.selections.includes('IsServerless')).length, expected.filter(({ e }) => termIn(e.RemoteUrl, 'workers.dev')).length);

    // Every labelled attack by these tools to these services is found.
    const labels = JSON.parse(readFileSync(join('samples', 'labels.json'), 'utf8')) as { files: Record<string, { attack: { index: number }[] }> };
    const attacks = labels.files['defender/DeviceNetworkEvents.ndjson'].attack
      .map((a) => a.index)
      .filter((i) => procs.has(events[i].InitiatingProcessFileName.toLowerCase()) && domains.some((d) => termIn(events[i].RemoteUrl, d)));
    const found = new Set(r.matches.map((m) => m.index));
    assert.ok(attacks.length >= 10);
    assert.deepEqual(
      attacks.filter((i) => !found.has(i)),
      [],
    );
    console.log(`seed query on the bundled sample: ${r.matched} rows of ${r.scanned} (${attacks.length} labelled attacks), clock ${r.clock?.time}`);
  });
});

describe('KQL preview of a file of several queries', () => {
  const file = '// first\nT | where U has "discord.com"\n\n// second\nT\n| where U has "evil"\n';
  const rows = URLS.map((r) => JSON.stringify(r)).join('\n');
  const samples = [{ source: 'T.ndjson', text: rows, format: 'ndjson' as const }];
  it('previews the first query by default, as a whole file would not parse', async () => {
    const r = await previewKql('hunts.kql', file, samples);
    assert.deepEqual(
      r.matches.map((m) => m.event.id),
      [1, 2, 3, 7],
    );
  });
  it('previews the query under the cursor', async () => {
    const r = await previewKql('hunts.kql', file, samples, { at: file.indexOf('second') });
    assert.deepEqual(
      r.matches.map((m) => m.event.id),
      [3],
      'the second query (term "evil"), not the first',
    );
  });
});
