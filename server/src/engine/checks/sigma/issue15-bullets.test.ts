/**
 * Issue 15, bullet by bullet: a rule crafted for each gets a finding of the expected code on the
 * offending token, and its corrected twin gets none of that code. The checks' own tests (beside
 * each module) go into the details; this file keeps the whole list honest in one place.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, rule } from '../testing';

const det = (body: string, condition = 'selection'): string => `    selection:\n${body}\n    condition: ${condition}`;
const SEL = det("        Image|endswith: '\\\\cmd.exe'");
const filterRule = (extra: string): string =>
  `title: Tuning\nid: 5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a19\nlogsource:\n    product: windows\nfilter:\n    rules:\n        - 5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a11\n    selection:\n        User: svc_backup\n    condition: not selection\n${extra}---\n${rule(SEL)}`;
const corr = (body: string): string => `title: Many\ncorrelation:\n${body}\n---\n${rule(SEL).replace('title: Test rule', 'title: Test rule\nname: base_rule')}`;
const CORR_OK = '    type: event_count\n    rules:\n        - base_rule\n    group-by:\n        - User\n    timespan: 5m\n    condition:\n        gte: 5';

interface Bullet {
  bullet: string;
  code: string;
  bad: string;
  good: string;
  /** The text the finding's range must cover. */
  token: string;
}

const BULLETS: Bullet[] = [
  {
    bullet: '`all of them` with one identifier',
    code: 'sigma/redundant-them',
    bad: rule(det('        Image: x', 'all of them')),
    good: rule(det('        Image: x')),
    token: 'all of them',
  },
  {
    bullet: 'unknown modifier',
    code: 'sigma/unknown-modifier',
    bad: rule(det('        Image|endwith: x')),
    good: rule(det('        Image|endswith: x')),
    token: 'endwith',
  },
  {
    bullet: 'control character',
    code: 'sigma/control-character',
    bad: rule(det('        Image: "cmd.exe\\n"')),
    good: rule(det('        Image: "cmd.exe"')),
    token: '"cmd.exe\\n"',
  },
  { bullet: '`**`', code: 'sigma/redundant-wildcard', bad: rule(det("        Image: 'a**b'")), good: rule(det("        Image: 'a*b'")), token: '**' },
  {
    bullet: 'escaped wildcard meant as a wildcard',
    code: 'sigma/wildcard-escape',
    bad: rule(det("        TargetFilename|contains: '\\Temp\\*.bin'")),
    good: rule(det("        TargetFilename|contains: '\\Temp\\\\*.bin'")),
    token: '\\*',
  },
  {
    bullet: 'wildcard meant literally',
    code: 'sigma/wildcard-escape',
    bad: rule(det("        c-uri|contains: '/index.php?id='")),
    good: rule(det("        c-uri|contains: '/index.php\\?id='")),
    token: '?',
  },
  {
    bullet: 'number written as a string',
    code: 'sigma/number-as-string',
    bad: rule(det("        EventID: '4688'")),
    good: rule(det('        EventID: 4688')),
    token: "'4688'",
  },
  {
    bullet: 'leading `*` for endswith',
    code: 'sigma/wildcard-as-modifier',
    bad: rule(det("        Image: '*\\cmd.exe'")),
    good: rule(det("        Image|endswith: '\\cmd.exe'")),
    token: 'Image',
  },
  { bullet: 'lone `*`', code: 'sigma/lone-wildcard', bad: rule(det("        Image: '*'")), good: rule(det('        Image|exists: true')), token: "'*'" },
  {
    bullet: 'null inside a list',
    code: 'sigma/null-in-list',
    bad: rule(det('        Image:\n            - a\n            - null')),
    good: rule(det('        Image:\n            - a\n            - b')),
    token: 'null',
  },
  { bullet: 'empty list', code: 'sigma/empty-value', bad: rule(det('        Image: []')), good: rule(det('        Image: [a]')), token: '[]' },
  {
    bullet: 'empty detection',
    code: 'sigma/empty-value',
    bad: rule('    selection: {}\n    condition: selection'),
    good: rule(det('        Image: a')),
    token: '{}',
  },
  {
    bullet: 'logsource extra key',
    code: 'sigma/logsource-key',
    bad: rule(SEL).replace('    product: windows', '    product: windows\n    EventID: 1'),
    good: rule(SEL),
    token: 'EventID',
  },
  {
    bullet: 'specific source where a generic category exists',
    code: 'sigma/generic-logsource',
    bad: rule(det('        EventID: 1\n        Image: x')).replace('category: network_connection', 'service: sysmon'),
    good: rule(det('        Image: x')).replace('network_connection', 'process_creation'),
    token: 'sysmon',
  },
  {
    bullet: 'upper-case logsource value',
    code: 'sigma/invalid-value',
    bad: rule(SEL).replace('product: windows', 'product: Windows'),
    good: rule(SEL),
    token: 'Windows',
  },
  {
    bullet: 'misspelt top-level key',
    code: 'sigma/unknown-key',
    bad: rule(SEL, 'reference:\n    - https://x.org\n'),
    good: rule(SEL, 'references:\n    - https://x.org\n'),
    token: 'reference',
  },
  { bullet: 'non-lower-case key', code: 'sigma/unknown-key', bad: rule(SEL).replace('status: test', 'Status: test'), good: rule(SEL), token: 'Status' },
  {
    bullet: 'duplicate tag',
    code: 'sigma/duplicate-entry',
    bad: rule(SEL, 'tags:\n    - attack.execution\n    - attack.execution\n'),
    good: rule(SEL, 'tags:\n    - attack.execution\n'),
    token: 'attack.execution',
  },
  {
    bullet: 'modified before date',
    code: 'sigma/date-order',
    bad: rule(SEL, 'modified: 2025-12-01\n'),
    good: rule(SEL, 'modified: 2026-02-01\n'),
    token: '2025-12-01',
  },
  {
    bullet: 'falsepositives not a sentence',
    code: 'sigma/falsepositive-style',
    bad: rule(SEL, 'falsepositives:\n    - unknown\n'),
    good: rule(SEL, 'falsepositives:\n    - Unknown\n'),
    token: 'unknown',
  },
  {
    bullet: 'malformed namespace tag',
    code: 'sigma/tag-namespace',
    bad: rule(SEL, 'tags:\n    - tlp.pink\n'),
    good: rule(SEL, 'tags:\n    - tlp.amber\n'),
    token: 'tlp.pink',
  },
  {
    bullet: 'correlation: missing required field',
    code: 'sigma/missing-field',
    bad: corr(CORR_OK.replace('    type: event_count\n', '')),
    good: corr(CORR_OK),
    token: 'correlation',
  },
  { bullet: 'correlation: invalid timespan', code: 'sigma/invalid-value', bad: corr(CORR_OK.replace('5m', '5x')), good: corr(CORR_OK), token: '5x' },
  {
    bullet: 'correlation: invalid condition operator',
    code: 'sigma/invalid-value',
    bad: corr(CORR_OK.replace('gte: 5', 'gtx: 5')),
    good: corr(CORR_OK),
    token: 'gtx',
  },
  {
    bullet: 'correlation: reference to no rule',
    code: 'sigma/correlation-unknown-rule',
    bad: corr(CORR_OK.replace('- base_rule', '- base_rul')),
    good: corr(CORR_OK),
    token: 'base_rul',
  },
  {
    bullet: 'correlation: no rules',
    code: 'sigma/invalid-value',
    bad: corr(CORR_OK.replace('rules:\n        - base_rule', 'rules: []')),
    good: corr(CORR_OK),
    token: '[]',
  },
  {
    bullet: 'correlation: group-by missing',
    code: 'sigma/missing-field',
    bad: corr(CORR_OK.replace('    group-by:\n        - User\n', '')),
    good: corr(CORR_OK),
    token: 'correlation',
  },
  {
    bullet: 'filter: no search identifier',
    code: 'sigma/missing-field',
    bad: filterRule('').replace('    selection:\n        User: svc_backup\n', ''),
    good: filterRule(''),
    token: 'filter',
  },
  { bullet: 'filter with level', code: 'sigma/filter-metadata', bad: filterRule('level: high\n'), good: filterRule(''), token: 'level' },
  {
    bullet: 'v1 timeframe in detection',
    code: 'sigma/detection-timeframe',
    bad: rule(`${det('        Image: x')}\n    timeframe: 5m`),
    good: rule(det('        Image: x')),
    token: '5m',
  },
  {
    bullet: 'v1 action: global',
    code: 'sigma/missing-field',
    bad: `action: global\n${rule(SEL)}---\ndetection:\n    selection:\n        Image: x\n`,
    good: rule(SEL),
    token: 'global',
  },
];

describe('issue 15: every bullet has a finding on its token, and none on the corrected rule', () => {
  for (const b of BULLETS) {
    it(b.bullet, async () => {
      const bad = await findings(b.bad, b.code);
      assert.ok(bad.length > 0, `${b.code} is silent on the crafted rule`);
      assert.ok(
        bad.some((f) => f.text === b.token),
        `${b.code} should cover '${b.token}', got ${JSON.stringify(bad.map((f) => f.text))}`,
      );
      assert.deepEqual(await findings(b.good, b.code), [], `${b.code} fires on the corrected twin`);
    });
  }
});
