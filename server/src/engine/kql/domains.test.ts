import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../analyze';
import { domainEntries } from '../domains/extractors';
import { slice } from '../checks/testing';

const SEED = `// T1583.006-style hunting query
let WebServiceDomains = dynamic(["discord.com", "pastebin.com", 'raw.githubusercontent.com']);
let Suffix = ".workers.dev";
DeviceNetworkEvents
| where InitiatingProcessFileName in~ ("powershell.exe", "rundll32.exe")
| where RemoteUrl has_any (WebServiceDomains) or RemoteUrl endswith Suffix or RemoteUrl !has "microsoft.com"
| where not(RemoteUrl contains "cdn.example.org")
| extend IsPaste = RemoteUrl has "paste"
| project Timestamp, RemoteUrl`;

async function entries(text: string, path = 'q.kql') {
  const r = await analyzeText(path, text);
  return domainEntries(r.file).map((e) => ({ ...e, text: slice(r.file.index, e.range) }));
}

describe('KQL domain extraction', () => {
  it('finds literals through let lists, let scalars and inline operands, once each', async () => {
    const e = await entries(SEED);
    assert.deepEqual(
      e.map((x) => [x.value, x.match, x.modifiers[0], x.context.polarity, x.field]),
      [
        ['discord.com', 'term', 'has_any', 'match', 'RemoteUrl'],
        ['pastebin.com', 'term', 'has_any', 'match', 'RemoteUrl'],
        ['raw.githubusercontent.com', 'term', 'has_any', 'match', 'RemoteUrl'],
        ['.workers.dev', 'suffix', 'endswith', 'match', 'RemoteUrl'],
        ['microsoft.com', 'term', '!has', 'exclude', 'RemoteUrl'],
        ['cdn.example.org', 'substring', 'contains', 'exclude', 'RemoteUrl'],
      ],
    );
    // "paste" is not a host: left out. Process names are not domains.
    assert.ok(!e.some((x) => x.value === 'paste' || x.value === 'powershell.exe'));
  });

  it('points at the literal token and describes its list', async () => {
    const e = await entries(SEED);
    assert.equal(e[2].text, "'raw.githubusercontent.com'");
    assert.equal(e[2].syntax.quote, "'");
    assert.equal(e[0].syntax.list, 'kql');
    assert.equal(e[0].listId, e[1].listId);
    assert.equal(e[0].context.container, 'let WebServiceDomains');
    assert.equal(e[0].range.start.line, 1);
  });

  it('sees the process filter that narrows the domain list', async () => {
    const e = await entries(SEED);
    assert.deepEqual(e[0].context.narrowedBy, ['InitiatingProcessFileName in~ ("powershell.exe", "rundll32.exe")']);
  });

  it('marks literals that only compute a column (extend) as labels, not filters, so breadth is not reported', async () => {
    const q = `DeviceNetworkEvents
| where RemoteUrl has_any (dynamic(["api.telegram.org"]))
| extend IsServerless = RemoteUrl has "workers.dev"`;
    const e = await entries(q);
    assert.deepEqual(
      e.map((x) => [x.value, x.context.polarity]),
      [
        ['api.telegram.org', 'match'],
        ['workers.dev', 'label'],
      ],
    );
    const r = await analyzeText('q.kql', q);
    assert.ok(!r.diagnostics.some((d) => d.code === 'domains/public-suffix'), JSON.stringify(r.diagnostics.map((d) => d.code)));
    const filtering = await analyzeText('q.kql', q.replace('| extend IsServerless = RemoteUrl has "workers.dev"', '| where RemoteUrl has "workers.dev"'));
    assert.ok(filtering.diagnostics.some((d) => d.code === 'domains/public-suffix'));
  });

  it('skips sanity filters on host columns that name no host', async () => {
    const e = await entries('DnsEvents | where Name !contains "/" and Name contains "." and Name endswith "duckdns.org"');
    assert.deepEqual(
      e.map((x) => x.value),
      ['duckdns.org'],
    );
  });

  it('maps entries into a Sentinel rule', async () => {
    const yaml = `id: 5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a11
name: x
severity: Low
queryFrequency: 1h
queryPeriod: 1h
triggerOperator: gt
triggerThreshold: 0
query: |
  DeviceNetworkEvents
  | where RemoteUrl in~ ("api.telegram.org", "dropboxapi.com")
`;
    const e = await entries(yaml, 'rule.yaml');
    assert.deepEqual(
      e.map((x) => [x.text, x.range.start.line, x.match, x.caseSensitive]),
      [
        ['"api.telegram.org"', 9, 'exact', false],
        ['"dropboxapi.com"', 9, 'exact', false],
      ],
    );
  });
});
