import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const CLI = join(__dirname, '..', '..', '..', '..', 'dist', 'cli.js');

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const sigma = (title: string, tags: string[], product = 'windows'): string => `title: ${title}
id: 5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a11
status: test
tags:
${tags.map((t) => `    - ${t}`).join('\n')}
logsource:
    product: ${product}
    category: network_connection
detection:
    selection:
        DestinationHostname|endswith: '.api.telegram.org'
    condition: selection
level: medium
`;

const dir = mkdtempSync(join(tmpdir(), 'tripline-coverage-'));
writeFileSync(join(dir, 'telegram.yml'), sigma('Telegram bot API', ['attack.command-and-control', 'attack.t1102.002']));
writeFileSync(join(dir, 'mobile.yml'), sigma('Mobile dead drop', ['attack.command-and-control', 'attack.t1481.001'], 'android'));
writeFileSync(join(dir, 'old.yml'), sigma('Old PowerShell', ['attack.execution', 'attack.t1086']));
writeFileSync(join(dir, 'newer.yml'), sigma('From the future', ['attack.stealth', 'attack.t1691']));
writeFileSync(join(dir, 'notes.yml'), 'just: a yaml file\n');
writeFileSync(
  join(dir, 'sentinel.yaml'),
  `id: 0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0
name: Webhook exfiltration
queryFrequency: 1h
triggerOperator: gt
tactics:
  - Exfiltration
relevantTechniques:
  - T1567.004
query: |
  DeviceNetworkEvents
`,
);
after(() => rmSync(dir, { recursive: true, force: true }));

interface Row {
  id: string;
  domain: string;
  covered: boolean;
  tactics: string[];
  rules: { path: string; title: string; line: number }[];
}

describe('tripline coverage', () => {
  it('lists the web-service family always, with the rules that cover each technique (json)', () => {
    const r = run(['coverage', dir, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { catalogVersion: string; techniques: Row[]; unknown: { id: string }[]; rules: number };
    assert.equal(report.catalogVersion, '19.0');
    assert.equal(report.rules, 5);
    const ids = report.techniques.map((t) => t.id);
    for (const id of [
      'T1583.006',
      'T1584.006',
      'T1481',
      'T1481.001',
      'T1481.002',
      'T1481.003',
      'T1102',
      'T1102.001',
      'T1102.002',
      'T1102.003',
      'T1567',
      'T1567.001',
      'T1567.002',
      'T1567.003',
      'T1567.004',
    ])
      assert.ok(ids.includes(id), id);
    const byId = new Map(report.techniques.map((t) => [t.id, t]));
    assert.equal(byId.get('T1583.006')!.covered, false);
    assert.deepEqual(byId.get('T1102.002')!.rules, [{ path: join(dir, 'telegram.yml'), title: 'Telegram bot API', line: 5 }]);
    assert.equal(byId.get('T1481.001')!.domain, 'mobile-attack');
    assert.equal(byId.get('T1567.004')!.rules[0].title, 'Webhook exfiltration');
    assert.equal(byId.get('T1059.001')!.rules[0].title, 'Old PowerShell', 'a revoked id counts for its replacement');
    assert.deepEqual(
      report.unknown.map((u) => u.id),
      ['T1691'],
    );
  });

  it('writes ATT&CK Navigator layers (format 4.5) for Enterprise and Mobile', () => {
    const r = run(['coverage', dir, '--format', 'navigator']);
    assert.equal(r.code, 0, r.stderr);
    const layers = JSON.parse(r.stdout) as {
      domain: string;
      versions: { layer: string; attack: string; navigator: string };
      name: string;
      techniques: { techniqueID: string; score: number; comment: string }[];
    }[];
    assert.deepEqual(
      layers.map((l) => l.domain),
      ['enterprise-attack', 'mobile-attack'],
    );
    for (const l of layers) {
      assert.equal(l.versions.layer, '4.5');
      assert.equal(l.versions.attack, '19');
      assert.ok(l.name);
    }
    const ent = new Map(layers[0].techniques.map((t) => [t.techniqueID, t]));
    assert.equal(ent.get('T1102.002')!.score, 1);
    assert.equal(ent.get('T1583.006')!.score, 0);
    assert.ok(!ent.has('T1481'));
    const mob = new Map(layers[1].techniques.map((t) => [t.techniqueID, t]));
    assert.equal(mob.get('T1481.001')!.score, 1);
    const one = JSON.parse(run(['coverage', dir, '--format', 'navigator', '--domain', 'mobile']).stdout) as { domain: string };
    assert.equal(one.domain, 'mobile-attack');
  });

  it('prints a readable text report and rejects bad options with exit 2', () => {
    const r = run(['coverage', dir]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /T1583\.006 +Acquire Infrastructure: Web Services .*NOT COVERED/);
    assert.match(r.stdout, /T1102\.002 +Web Service: Bidirectional Communication .*1 rule\n.*telegram\.yml:6 +Telegram bot API/);
    assert.equal(run(['coverage', dir, '--format', 'csv']).code, 2);
    assert.equal(run(['coverage', join(dir, 'missing')]).code, 2);
  });
});
