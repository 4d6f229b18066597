import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { analyzeText } from '../analyze';
import { defaultConfig, mergeConfig } from '../config/config';
import { domainEntries } from '../domains/extractors';
import { sampleHitsOf } from '.';
import { entryQuery } from './kql-entry-query';
import { SampleHitsService } from './hits-service';

const dir = mkdtempSync(join(tmpdir(), 'tripline-kqlhits-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const row = (url: string, proc = 'svchost.exe', action = 'ConnectionSuccess') => ({ Timestamp: '2026-01-10T10:00:00Z', ActionType: action, RemoteUrl: url, InitiatingProcessFileName: proc });

function samples(rows: object[]): string {
  const d = mkdtempSync(join(dir, 's-'));
  mkdirSync(d, { recursive: true });
  const p = join(d, 'DeviceNetworkEvents.ndjson');
  writeFileSync(p, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return p;
}

/** The counted query and where it stops (the base query, for the tables, is checked through the counts). */
const textOf = (q: ReturnType<typeof entryQuery>) => (q.text === null ? q : { text: q.text, until: q.until });

async function analyze(query: string, path: string, noisyShare = 0.05) {
  const config = mergeConfig(defaultConfig(), { samples: { bundled: false, paths: [path], noisyShare } }, 'test');
  return analyzeText('q.kql', query, config, undefined, undefined, undefined, { sampleHits: new SampleHitsService() });
}

describe('KQL entry queries: the entry alone in its list, its comparison ANDed in, stopped before the first aggregation', () => {
  it('an inline has_any list, an or with another column, then summarize', async () => {
    const q = 'DeviceNetworkEvents\n| where RemoteUrl has_any ("a.example.com", "b.example.com") or RemoteUrl endswith ".c.example.net"\n| summarize count() by RemoteUrl';
    const r = await analyze(q, samples([row('x')]));
    const e = domainEntries(r.file).find((x) => x.value === 'b.example.com')!;
    assert.deepEqual(textOf(entryQuery(r.file, e)), {
      text: 'DeviceNetworkEvents\n| where (RemoteUrl has_any ("b.example.com", "b.example.com")) and (RemoteUrl has_any ("b.example.com", "b.example.com") or RemoteUrl endswith ".c.example.net")',
      until: 'summarize',
    });
  });

  it('a let-bound dynamic list is narrowed where it is declared; a lone comparison is left as is', async () => {
    const q = 'let D = dynamic(["a.example.com", "b.example.com"]);\nDeviceNetworkEvents\n| where RemoteUrl has_any (D)\n| where RemoteUrl !endswith ".example.org"\n| project RemoteUrl';
    const r = await analyze(q, samples([row('x')]));
    const e = domainEntries(r.file).find((x) => x.value === 'a.example.com')!;
    assert.deepEqual(textOf(entryQuery(r.file, e)), { text: 'let D = dynamic(["a.example.com", "a.example.com"]);\nDeviceNetworkEvents\n| where RemoteUrl has_any (D)\n| where RemoteUrl !endswith ".example.org"\n| project RemoteUrl', until: null });
  });

  it('a block of several `;`-separated queries keeps the lets and the query holding the entry', async () => {
    const q = 'let L = dynamic(["a.example.com", "b.example.com"]);\nDeviceNetworkEvents | where RemoteUrl has_any (L) | count\n;\nDeviceNetworkEvents | where RemoteUrl in~ ("c.example.com", "d.example.com") | project RemoteUrl';
    const r = await analyze(q, samples([row('x')]));
    const e = domainEntries(r.file).find((x) => x.value === 'd.example.com')!;
    const eq = entryQuery(r.file, e);
    assert.equal(eq.text?.replace(/\s+/g, ' '), 'let L = dynamic(["a.example.com", "b.example.com"]); DeviceNetworkEvents | where RemoteUrl in~ ("d.example.com", "d.example.com") | project RemoteUrl');
    const a = domainEntries(r.file).find((x) => x.value === 'a.example.com')!;
    assert.deepEqual(textOf(entryQuery(r.file, a)), { text: 'let L = dynamic(["a.example.com", "a.example.com"]);\nDeviceNetworkEvents | where RemoteUrl has_any (L)', until: 'count' });
  });

  it('a comparison after the summarize cannot be isolated: no query, a reason', async () => {
    const q = 'DeviceNetworkEvents\n| summarize Urls = make_set(RemoteUrl) by DeviceName\n| where Urls has "a.example.com"';
    const r = await analyze(q, samples([row('x')]));
    const e = domainEntries(r.file).find((x) => x.value === 'a.example.com')!;
    const eq = entryQuery(r.file, e);
    assert.equal(eq.text, null);
    assert.match((eq as { reason: string }).reason, /after summarize/);
  });
});

describe('KQL noisy-in-samples through the whole query', () => {
  const traffic = [...Array.from({ length: 20 }, () => row('docs.google.com', 'chrome.exe')), row('docs.google.com', 'powershell.exe'), row('docs.google.com', 'svchost.exe', 'ConnectionFailed'), ...Array.from({ length: 18 }, () => row('a.example.net'))];

  it('a browser filter in the query removes the traffic, and the finding with it (the docs.google.com case)', async () => {
    const p = samples(traffic);
    const plain = await analyze('DeviceNetworkEvents\n| where RemoteUrl has_any ("docs.google.com", "pastebin.com")\n| project DeviceName\n| summarize count() by DeviceName', p);
    const h = sampleHitsOf(plain.file)!.hits.find((x) => x.entry.value === 'docs.google.com')!;
    assert.equal(h.scope, 'rule');
    assert.equal(h.until, 'summarize');
    assert.equal(h.hits, 22);
    // The query projects RemoteUrl away; "most often" still names the values, from the sample rows.
    assert.deepEqual(h.top, [['docs.google.com', 22]]);
    const d = plain.diagnostics.find((x) => x.code === 'domains/noisy-in-samples');
    assert.match(d?.message ?? '', /With the rest of the query applied \(its filters as preview runs them, up to its summarize.*\(22 of 40\)/);
    const filtered = await analyze('DeviceNetworkEvents\n| where ActionType == "ConnectionSuccess"\n| where RemoteUrl has_any ("docs.google.com", "pastebin.com")\n| where InitiatingProcessFileName !in~ ("chrome.exe", "msedge.exe")', p);
    const f = sampleHitsOf(filtered.file)!.hits.find((x) => x.entry.value === 'docs.google.com')!;
    assert.equal(f.hits, 1);
    assert.ok(!filtered.diagnostics.some((x) => x.code === 'domains/noisy-in-samples'));
  });

  it('an or with another list does not lend its rows to the entry', async () => {
    const p = samples(traffic);
    const r = await analyze('DeviceNetworkEvents\n| where RemoteUrl has "pastebin.com" or RemoteUrl endswith ".example.net"', p);
    const h = sampleHitsOf(r.file)!.hits.find((x) => x.entry.value === 'pastebin.com')!;
    assert.equal(h.scope, 'rule');
    assert.equal(h.hits, 0);
    const net = sampleHitsOf(r.file)!.hits.find((x) => x.entry.value === '.example.net')!;
    assert.equal(net.hits, 18);
  });

  it('a query on a table the samples lack counts nothing, through the query, without evaluating each entry', async () => {
    const p = samples(traffic);
    const r = await analyze('CommonSecurityLog\n| where DestinationHostName has_any ("docs.google.com", "pastebin.com")', p);
    const hits = sampleHitsOf(r.file)!.hits;
    assert.equal(hits.length, 2);
    for (const h of hits) assert.deepEqual([h.scope, h.hits, h.events], ['rule', 0, 0]);
  });

  it('a query outside the preview subset keeps the per-column count and says so', async () => {
    const p = samples(traffic);
    const r = await analyze('let Feed = externaldata(Url: string) [@"https://example.org/feed.csv"] with (format="csv");\nDeviceNetworkEvents\n| where RemoteUrl has "docs.google.com"', p);
    const h = sampleHitsOf(r.file)!.hits.find((x) => x.entry.value === 'docs.google.com')!;
    assert.equal(h.scope, 'entry');
    assert.match(h.fallback ?? '', /the preview cannot run its query: externaldata \(the preview reads sample files/);
    const d = r.diagnostics.find((x) => x.code === 'domains/noisy-in-samples');
    assert.match(d?.message ?? '', /'docs\.google\.com' alone \(counted on its column: the preview cannot run its query: externaldata/);
  });
});
