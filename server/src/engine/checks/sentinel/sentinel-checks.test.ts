import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, findings } from '../testing';

const RULE = `id: 5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a11
name: Web service C2
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
  DeviceNetworkEvents
  | where RemoteUrl has "discord.com"
kind: Scheduled
version: 1.0.0
`;

const HUNTING = `id: 0a6a6f0e-7b5c-4c47-9d0e-5b2d1c3e4f50
name: Hunting
description: test
requiredDataConnectors: []
tactics:
  - CommandAndControl
query: |
  DeviceNetworkEvents | take 10
`;

describe('sentinel/missing-field', () => {
  it('accepts a complete analytics rule and a hunting query', async () => {
    assert.deepEqual(await findings(RULE, 'sentinel/missing-field'), []);
    assert.deepEqual(await findings(HUNTING, 'sentinel/missing-field'), []);
  });
  it('reports scheduling and trigger fields missing from a scheduled rule', async () => {
    const f = await findings(RULE.replace('queryPeriod: 1h\n', '').replace('triggerThreshold: 0\n', ''), 'sentinel/missing-field');
    assert.deepEqual(
      f.map((d) => d.message),
      ['This scheduled analytics rule has no `queryPeriod`.', 'This scheduled analytics rule has no `triggerThreshold`.'],
    );
    assert.equal(f[0].severity, 'error');
    assert.equal(f[0].text, 'name');
  });
  it('does not ask an NRT rule for scheduling fields', async () => {
    const nrt = RULE.replace(/queryFrequency.*\n|queryPeriod.*\n|triggerOperator.*\n|triggerThreshold.*\n/g, '').replace('kind: Scheduled', 'kind: NRT');
    assert.deepEqual(await findings(nrt, 'sentinel/missing-field'), []);
  });
  it('notes a missing ATT&CK mapping as information', async () => {
    const f = await findings(RULE.replace('relevantTechniques:\n  - T1102.002\n', ''), 'sentinel/missing-field');
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'information');
  });
  it('judges a hunting query by its content and asks less of it', async () => {
    const f = await findings(HUNTING.replace(/^id: .*\n/, ''), 'sentinel/missing-field');
    assert.deepEqual(
      f.map((d) => d.message),
      ['This hunting query has no `id`.'],
    );
  });
  it('does not read entityMappings or severity as signs of an analytics rule (Microsoft hunting queries carry both)', async () => {
    const withEntities = HUNTING.replace(
      'query: |',
      'severity: Medium\nentityMappings:\n  - entityType: Host\n    fieldMappings:\n      - identifier: HostName\n        columnName: DeviceName\nquery: |',
    );
    assert.deepEqual(await findings(withEntities, 'sentinel/missing-field'), []);
    // Without its id it is still asked only what a hunting query needs.
    const f = await findings(withEntities.replace(/^id: .*\n/, ''), 'sentinel/missing-field');
    assert.deepEqual(
      f.map((d) => d.message),
      ['This hunting query has no `id`.'],
    );
  });
  it('reads `kind` alone as an analytics rule', async () => {
    const f = await findings(HUNTING.replace('query: |', 'kind: Scheduled\nquery: |'), 'sentinel/missing-field');
    assert.ok(
      f.some((d) => d.message === 'This scheduled analytics rule has no `queryFrequency`.'),
      JSON.stringify(f.map((d) => d.message)),
    );
  });
  it('reads anything under a Hunting Queries folder as a hunting query', async () => {
    const scheduledLooking = HUNTING.replace('query: |', 'queryFrequency: 1h\nquery: |');
    assert.ok((await findings(scheduledLooking, 'sentinel/missing-field', { path: 'Detections/x.yaml' })).some((d) => d.severity === 'error'));
    assert.deepEqual(await findings(scheduledLooking, 'sentinel/missing-field', { path: 'Solutions/X/Hunting Queries/x.yaml' }), []);
    assert.deepEqual(await findings(scheduledLooking, 'sentinel/missing-field', { path: 'C:\\rules\\Hunting Queries\\x.yaml' }), []);
  });
});

describe('sentinel/invalid-value', () => {
  it('accepts valid values in template and API spellings', async () => {
    assert.deepEqual(await findings(RULE, 'sentinel/invalid-value'), []);
    assert.deepEqual(
      await findings(
        RULE.replace('queryFrequency: 1h', 'queryFrequency: PT1H')
          .replace('queryPeriod: 1h', 'queryPeriod: P1D')
          .replace('triggerOperator: gt', 'triggerOperator: GreaterThan'),
        'sentinel/invalid-value',
      ),
      [],
    );
  });
  it('reports each bad value at its token', async () => {
    const bad = RULE.replace('id: 5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a11', 'id: rule-1')
      .replace('severity: Medium', 'severity: Critical')
      .replace('queryFrequency: 1h', 'queryFrequency: hourly')
      .replace('queryPeriod: 1h', 'queryPeriod: 30d')
      .replace('triggerOperator: gt', 'triggerOperator: greater')
      .replace('triggerThreshold: 0', 'triggerThreshold: -1')
      .replace('  - T1102.002', '  - T1102.2\n  - 1102');
    const f = await findings(bad, 'sentinel/invalid-value');
    assert.deepEqual(
      f.map((d) => d.text),
      ['rule-1', 'Critical', 'hourly', '30d', 'greater', '-1', 'T1102.2', '1102'],
    );
    assert.ok(f.every((d) => d.severity === 'error'));
    const fix = f.find((d) => d.text === '1102')!.fixes![0];
    assert.ok(applyEdits(bad, fix.edits).includes('  - T1102\n'));
  });
  it('fixes tactic spellings and rejects names Sentinel does not have', async () => {
    const f = await findings(RULE.replace('  - CommandAndControl', '  - Command and control\n  - CommandandControl\n  - Ransomware'), 'sentinel/invalid-value');
    assert.deepEqual(
      f.map((d) => [d.text, d.severity]),
      [
        ['Command and control', 'warning'],
        ['CommandandControl', 'warning'],
        ['Ransomware', 'error'],
      ],
    );
    assert.ok(applyEdits(RULE.replace('  - CommandAndControl', '  - Command and control'), f[0].fixes![0].edits).includes('  - CommandAndControl\n'));
  });
  it('only warns about tactics in hunting queries', async () => {
    const f = await findings(HUNTING.replace('  - CommandAndControl', '  - Ransomware'), 'sentinel/invalid-value');
    assert.deepEqual(
      f.map((d) => d.severity),
      ['warning'],
    );
  });
});

describe('sentinel/period-shorter-than-frequency', () => {
  it('accepts a period at least as long as the frequency', async () => {
    assert.deepEqual(await findings(RULE.replace('queryPeriod: 1h', 'queryPeriod: 14d'), 'sentinel/period-shorter-than-frequency'), []);
  });
  it('reports the gap and offers to close it', async () => {
    const text = RULE.replace('queryFrequency: 1h', 'queryFrequency: PT6H').replace('queryPeriod: 1h', 'queryPeriod: 2h');
    const f = await findings(text, 'sentinel/period-shorter-than-frequency');
    assert.equal(f.length, 1);
    assert.equal(f[0].text, '2h');
    assert.match(f[0].message, /gap of 240 minutes/);
    assert.ok(applyEdits(text, f[0].fixes![0].edits).includes('queryPeriod: PT6H'));
  });
});
