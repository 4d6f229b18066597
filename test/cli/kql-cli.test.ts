import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { previewKql } from '../../server/src/engine/kql/preview';
import { CLI } from '../protocol/lsp-client';

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const QUERY = `let WebServiceDomains = dynamic(["api.telegram.org", "workers.dev", "webhook.site", "transfer.sh"]);
DeviceNetworkEvents
| where Timestamp > ago(1d)
| where InitiatingProcessFileName in~ ("powershell.exe", "curl.exe", "devicesync.exe")
| where RemoteUrl has_any (WebServiceDomains)
| extend IsTelegram = RemoteUrl has "api.telegram.org"
| project Timestamp, DeviceName, InitiatingProcessFileName, RemoteUrl, IsTelegram
`;

const RULE = `id: 5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a11
name: Web service C2 from scripting and sync tools
description: test
severity: Medium
requiredDataConnectors: []
queryFrequency: 1h
queryPeriod: 1h
triggerOperator: gt
triggerThreshold: 0
tactics:
  - CommandAndControl
relevantTechniques:
  - T1102.002
query: |
${QUERY.trimEnd()
  .split('\n')
  .map((l) => `  ${l}`)
  .join('\n')}
kind: Scheduled
version: 1.0.0
`;

function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'tripline-kql-'));
  writeFileSync(join(d, 'hunt.kql'), QUERY);
  writeFileSync(join(d, 'rule.yaml'), RULE);
  writeFileSync(join(d, 'broken.kql'), 'DeviceNetworkEvents\n| where (RemoteUrl has "x"\n| take 1\n');
  writeFileSync(join(d, 'series.kql'), 'DeviceNetworkEvents\n| make-series count() on Timestamp step 1h\n');
  return d;
}

const SAMPLES = resolve('samples', 'defender');

describe('tripline check and preview on KQL and Sentinel rules', () => {
  it('check reports kinds and the broken query (exit 1), in JSON', () => {
    const d = dir();
    const r = run(['check', d, '--format', 'json']);
    assert.equal(r.code, 1, `stderr: ${r.stderr} stdout: ${r.stdout.slice(0, 300)}`);
    type Report = { path: string; kind: string; diagnostics: { code: string; range: { start: { line: number } } }[] };
    const out = JSON.parse(r.stdout) as { files: Report[] };
    const byName = new Map<string, Report>(out.files.map((f) => [f.path.split(/[\\/]/).pop() ?? '', f]));
    const file = (name: string): Report => {
      const f = byName.get(name);
      assert.ok(f, name);
      return f;
    };
    assert.equal(file('hunt.kql').kind, 'kql');
    assert.equal(file('rule.yaml').kind, 'sentinel');
    assert.deepEqual(
      file('rule.yaml').diagnostics.filter((x) => x.code.startsWith('kql/') || x.code.startsWith('sentinel/')),
      [],
    );
    const syntax = file('broken.kql').diagnostics.filter((x) => x.code === 'kql/syntax');
    assert.equal(syntax.length, 1);
    assert.equal(syntax[0].range.start.line, 1);
  });

  it('preview of a Sentinel rule prints the contract shape plus table and clock, same counts as the engine', async () => {
    const d = dir();
    const r = run(['preview', join(d, 'rule.yaml'), '--samples', SAMPLES, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      rule: string;
      scanned: number;
      matched: number;
      matches: { source: string; index: number; event: Record<string, unknown>; selections: string[] }[];
      skipped: unknown[];
      table: string;
      clock: { time: string; origin: string };
    };
    const direct = await previewKql('hunt.kql', QUERY, [
      { source: join(SAMPLES, 'DeviceNetworkEvents.ndjson'), path: join(SAMPLES, 'DeviceNetworkEvents.ndjson') },
    ]);
    assert.equal(out.table, 'DeviceNetworkEvents');
    assert.equal(out.scanned, direct.scanned);
    assert.equal(out.matched, direct.matched);
    assert.ok(out.matched > 0);
    assert.deepEqual(
      out.matches.map((m) => m.index),
      direct.matches.map((m) => m.index),
    );
    assert.deepEqual(Object.keys(out.matches[0].event), ['Timestamp', 'DeviceName', 'InitiatingProcessFileName', 'RemoteUrl', 'IsTelegram']);
    assert.match(out.clock.origin, /latest Timestamp/);
    assert.ok(out.matches.filter((m) => m.selections.includes('IsTelegram')).length > 0);
  });

  it('preview text of a .kql file states the clock; --clock replaces it', () => {
    const d = dir();
    const r = run(['preview', join(d, 'hunt.kql'), '--samples', SAMPLES]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /rows? from 6,849 DeviceNetworkEvents rows/);
    assert.match(r.stdout, /clock: 2025-03-10T\d\d:\d\d:\d\d\.\d{3}Z \(the latest Timestamp in the DeviceNetworkEvents samples\)/);
    const later = run(['preview', join(d, 'hunt.kql'), '--samples', SAMPLES, '--clock', '2025-03-20T00:00:00Z', '--format', 'json']);
    assert.equal((JSON.parse(later.stdout) as { matched: number }).matched, 0);
  });

  it('preview refuses what it does not evaluate, with the place (exit 2)', () => {
    const d = dir();
    const r = run(['preview', join(d, 'series.kql'), '--samples', SAMPLES]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /series\.kql:2:3: unsupported: operator make-series/);
  });
});
