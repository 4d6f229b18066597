import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../analyze';
import { defaultConfig } from '../config/config';
import { LineIndex } from '../core/position';
import { attackCompletion } from './attack-completion';
import { attackHover } from './attack-hover';
import type { FeatureContext } from './types';

/** A context with the cursor at the `|` of the text (removed). */
async function at(textWithCursor: string, path = 'rule.yml'): Promise<FeatureContext> {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  const config = defaultConfig();
  const { file } = await analyzeText(path, text, config);
  const pos = new LineIndex(text).position(offset);
  return { file, pos, config, linePrefix: text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset) };
}

const rule = (tags: string, product = 'windows'): string => `title: Telegram from scripts
id: 5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a11
status: test
tags:
${tags}
logsource:
    product: ${product}
    category: network_connection
detection:
    selection:
        DestinationHostname|endswith: '.api.telegram.org'
    condition: selection
level: medium
`;

describe('ATT&CK hover', () => {
  it('describes T1583.006 with detection strategy, analytic, links and catalog version', async () => {
    const h = attackHover(await at(rule('    - attack.resource-development\n    - attack.t15|83.006')))!;
    assert.ok(h);
    for (const s of [
      'T1583.006',
      'Acquire Infrastructure: Web Services',
      'Enterprise',
      'resource-development',
      'TA0042',
      'platforms PRE',
      'Sub-technique of',
      'DET0896',
      'AN2028',
      'https://attack.mitre.org/techniques/T1583/006',
      'https://attack.mitre.org/detectionstrategies/DET0896#AN2028',
      'catalog 19.0',
      'The MITRE Corporation',
    ])
      assert.ok(h.markdown.includes(s), s);
    assert.equal(h.range.start.line, 5);
  });

  it('says a revoked technique is revoked and names its replacement', async () => {
    const h = attackHover(await at(rule('    - attack.stealth\n    - attack.t1562.0|01')))!;
    assert.match(h.markdown, /Revoked.*T1685/);
  });

  it('describes a tactic in every domain, and Sentinel ids', async () => {
    const t = attackHover(await at(rule('    - attack.command-and-con|trol')))!;
    assert.match(t.markdown, /TA0011[\s\S]*TA0037/);
    const sentinel = `id: 0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0
name: x
queryFrequency: 1h
tactics:
  - CommandAndControl
relevantTechniques:
  - T14|81.002
query: |
  DeviceNetworkEvents
`;
    const s = attackHover(await at(sentinel, 'rule.yaml'))!;
    assert.match(s.markdown, /T1481\.002.*Web Service: Bidirectional Communication/);
    assert.match(s.markdown, /Mobile/);
  });
});

describe('ATT&CK completion', () => {
  it("finds the web-service techniques by name fragment ('web serv')", async () => {
    const items = attackCompletion(await at(rule('    - attack.web serv|')))!;
    const labels = items.map((i) => i.label);
    for (const id of ['t1102', 't1481', 't1583.006', 't1584.006']) assert.ok(labels.includes(id), id);
    assert.ok(items.every((i) => i.range!.start.character === '    - attack.'.length));
  });

  it('ranks the web-service family first and offers the rule domain’s tactics', async () => {
    const items = attackCompletion(await at(rule('    - attack.|')))!;
    const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    assert.deepEqual(
      sorted.slice(0, 2).map((i) => i.label),
      ['t1583.006', 't1584.006'],
    );
    const tactics = items.filter((i) => i.kind === 'tactic').map((i) => i.label);
    assert.ok(tactics.includes('stealth') && tactics.includes('defense-impairment'));
    const mobile = attackCompletion(await at(rule('    - attack.|', 'android')))!.filter((i) => i.kind === 'tactic');
    assert.ok(mobile.some((i) => i.label === 'defense-evasion' && i.detail!.startsWith('TA0030')));
    assert.ok(!mobile.some((i) => i.label === 'stealth'));
  });

  it('completes by id prefix', async () => {
    const items = attackCompletion(await at(rule('    - attack.t1102.0|')))!;
    assert.deepEqual(items.map((i) => i.label).sort(), ['t1102.001', 't1102.002', 't1102.003']);
    assert.ok(items[0].documentation);
  });

  it('completes Sentinel relevantTechniques and tactics', async () => {
    const base = (tactic: string, tech: string): string => `id: 0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0
name: x
queryFrequency: 1h
tactics:
  - ${tactic}
relevantTechniques:
  - ${tech}
query: |
  DeviceNetworkEvents
`;
    const techs = attackCompletion(await at(base('CommandAndControl', 'T1567|'), 'r.yaml'))!;
    assert.ok(techs.some((i) => i.label === 'T1567.002'));
    const tactics = attackCompletion(await at(base('Comm|', 'T1102'), 'r.yaml'))!;
    assert.deepEqual(
      tactics.map((i) => i.label),
      ['CommandAndControl'],
    );
  });
});
