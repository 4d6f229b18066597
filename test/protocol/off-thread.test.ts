/**
 * Issue 10: the server's own thread only speaks LSP. A KQL preview and a coverage report run in
 * the analysis workers, so the server answers a hover on another document while they run; a newer
 * coverage request for the same report shares the running one.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { TestClient } from './lsp-client';

const RULE = `title: Telegram API from a script host
id: 5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a11
status: test
tags:
    - attack.command-and-control
    - attack.t1102.002
logsource:
    category: network_connection
    product: windows
detection:
    selection:
        DestinationHostname|endswith: '.telegram.org'
    condition: selection
level: medium
`;

const QUERY = 'DeviceNetworkEvents\n| where RemoteUrl contains "example"\n| summarize n = count() by RemoteUrl, DeviceName\n| sort by n desc, RemoteUrl asc\n';
const ROWS = 40_000;
const COVERAGE_FILES = 1500;

interface Timed<T> {
  value: T;
  at: number;
}
const timed = <T>(p: Promise<T>): Promise<Timed<T>> => p.then((value) => ({ value, at: Date.now() }));

describe('language server: heavy requests run off its main thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tripline-offthread-'));
  const ruleUri = pathToFileURL(join(dir, 'rule.yml')).href;
  const queryUri = pathToFileURL(join(dir, 'q.kql')).href;
  let client: TestClient;

  before(async () => {
    mkdirSync(join(dir, 'tele'));
    const rows: string[] = [];
    for (let i = 0; i < ROWS; i++)
      rows.push(
        JSON.stringify({
          Timestamp: new Date(1_700_000_000_000 + i * 1000).toISOString(),
          DeviceName: `host${i % 50}`,
          RemoteUrl: `svc${i % 997}.example${i % 13}.com`,
          RemotePort: 443,
        }),
      );
    writeFileSync(join(dir, 'tele', 'DeviceNetworkEvents.ndjson'), rows.join('\n') + '\n');
    writeFileSync(join(dir, 'tripline.config.json'), JSON.stringify({ samples: { paths: ['tele/*.ndjson'], bundled: false } }));
    mkdirSync(join(dir, 'rules'));
    for (let i = 0; i < COVERAGE_FILES; i++) writeFileSync(join(dir, 'rules', `r${i}.yml`), RULE.replace('Telegram API', `Telegram API ${i}`));
    writeFileSync(join(dir, 'rule.yml'), RULE);
    writeFileSync(join(dir, 'q.kql'), QUERY);
    client = new TestClient(dir);
    await client.initialize(dir);
    await client.open(ruleUri, RULE);
    await client.open(queryUri, QUERY, 'kql');
  });
  after(async () => {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  const hover = (): Promise<{ contents: { value: string } } | null> =>
    client.request('textDocument/hover', { textDocument: { uri: ruleUri }, position: { line: 5, character: 15 } });

  it('answers a hover on another document while a KQL preview runs, and the preview still answers', async () => {
    const preview = timed(client.request<{ scanned: number; matched: number; table: string }>('tripline/preview', { uri: queryUri, limit: 5 }));
    const h = await timed(hover());
    assert.match(h.value?.contents.value ?? '', /T1102\.002/);
    const p = await preview;
    assert.equal(p.value.table, 'DeviceNetworkEvents');
    assert.equal(p.value.scanned, ROWS);
    // (RemoteUrl, DeviceName) repeats only every lcm(997, 13, 50) rows: one group per row.
    assert.equal(p.value.matched, ROWS);
    assert.ok(h.at < p.at, `the hover (${h.at}) waited for the preview (${p.at})`);
  });

  it('answers a hover while a coverage report runs; two requests for the same report share it: both answered', async () => {
    const paths = [join(dir, 'rules')];
    // The coverage tree and a command ask at the same time: neither may cost the other its answer.
    const first = client.request('tripline/coverage', { paths }).then(
      () => 'answered',
      (e: { code?: number }) => (e.code === -32800 ? 'cancelled' : `failed ${String(e.code)}`),
    );
    const second = timed(client.request<{ techniques: { id: string; rules: unknown[] }[] }>('tripline/coverage', { paths }));
    const h = await timed(hover());
    assert.match(h.value?.contents.value ?? '', /T1102\.002/);
    const report = await second;
    assert.equal(report.value.techniques.find((t) => t.id === 'T1102.002')?.rules.length, COVERAGE_FILES);
    assert.ok(h.at < report.at, `the hover (${h.at}) waited for the coverage report (${report.at})`);
    assert.equal(await first, 'answered');
  });
});
