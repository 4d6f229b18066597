import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { defaultConfig, mergeConfig } from '../config/config';
import { Engine, PreviewError } from '../index';

const dir = mkdtempSync(join(tmpdir(), 'tripline-engine-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const events = [
  { EventID: 3, Image: 'C:\\x.exe', DestinationHostname: 'api.telegram.org', Initiated: 'true' },
  { EventID: 3, Image: 'C:\\x.exe', DestinationHostname: 'www.example.com', Initiated: 'true' },
  { EventID: 3, Image: 'C:\\y.exe', DestinationHostname: 'api.telegram.org', Initiated: 'true' },
];
mkdirSync(join(dir, 'tele'));
writeFileSync(join(dir, 'tele', 'sysmon.ndjson'), events.map((e) => JSON.stringify(e)).join('\n') + '\n');
writeFileSync(join(dir, 'tele', 'DeviceNetworkEvents.ndjson'), JSON.stringify({ Timestamp: '2024-01-01T00:00:00Z', RemoteUrl: 'api.telegram.org' }) + '\n');

const RULE = `title: Telegram API
logsource:
    category: network_connection
    product: windows
detection:
    selection:
        DestinationHostname|endswith: '.telegram.org'
    condition: selection
`;
const withSamples = mergeConfig({ ...defaultConfig(), baseDir: dir }, { samples: { paths: ['tele/*.ndjson'], bundled: false } }, 'test');
const noSamples = mergeConfig(defaultConfig(), { samples: { bundled: false } }, 'test');

describe('Engine', () => {
  it('counts entry hits and previews on the same sample list, deciding Sigma or KQL itself', async () => {
    const engine = new Engine({ config: withSamples });
    const files = engine
      .samples()
      .sources.map((s) => s.path)
      .sort();
    assert.deepEqual(files, [join(dir, 'tele', 'DeviceNetworkEvents.ndjson'), join(dir, 'tele', 'sysmon.ndjson')]);
    const report = await engine.analyze(join(dir, 'r.yml'), RULE);
    const hits = report.file.slots.sampleHits;
    assert.ok(hits, 'the engine attached sample hit counts');
    assert.equal(hits.sources, files.length);
    const counted = hits.hits[0].hits + hits.hits[0].attackHits;
    const sigma = await engine.preview({ path: join(dir, 'r.yml'), text: RULE }, { limit: 10 });
    assert.equal(sigma.kind, 'sigma');
    // Two Sysmon events, and the Defender row through its field profile (RemoteUrl): the same number both ways.
    assert.equal(sigma.result.matched, 3);
    assert.equal(counted, sigma.result.matched);
    const kql = await engine.preview({ path: join(dir, 'q.kql'), text: 'DeviceNetworkEvents\n| where RemoteUrl endswith "telegram.org"\n' }, { limit: 10 });
    assert.equal(kql.kind, 'kql');
    assert.equal(kql.result.matched, 1);
  });

  it('keeps its state to itself: another engine without samples counts nothing and says so', async () => {
    const engine = new Engine({ config: noSamples });
    const report = await engine.analyze(join(dir, 'r.yml'), RULE);
    assert.equal(report.file.slots.sampleHits, undefined);
    const sigma = await engine.preview({ path: join(dir, 'r.yml'), text: RULE }, { limit: 10 });
    assert.ok(sigma.noSamples);
    assert.match(sigma.result.skipped.at(-1)?.reason ?? '', /no sample telemetry/);
    const kql = await engine.preview({ path: join(dir, 'q.kql'), text: 'DeviceNetworkEvents\n| take 1\n' }, { limit: 10 });
    assert.ok(kql.kind === 'kql' && kql.noSamples);
  });

  it('reports what cannot be previewed as one typed error, with the place for KQL', async () => {
    const engine = new Engine({ config: withSamples });
    const broken = RULE.replace('condition: selection', 'condition: selection and (');
    await assert.rejects(
      engine.preview({ path: join(dir, 'r.yml'), text: broken }, { limit: 1 }),
      (e: unknown) => e instanceof PreviewError && e.reason === 'rule',
    );
    const two = 'DeviceNetworkEvents\n| take 1;\nDeviceNetworkEvents\n| take 2\n';
    await assert.rejects(
      engine.preview({ path: join(dir, 'q.kql'), text: two }, { limit: 1 }),
      (e: unknown) => e instanceof PreviewError && e.reason === 'kql-query' && e.at !== undefined,
    );
  });
});
