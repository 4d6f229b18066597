import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, findings, rule } from '../testing';

const SEL = `    selection:\n        Image|endswith: '\\\\cmd.exe'\n    condition: selection`;

describe('sigma/unknown-key', () => {
  const code = 'sigma/unknown-key';
  it('accepts the keys of the specification and SigmaHQ', async () => {
    const extra =
      'references:\n    - https://example.org\nrelated:\n    - id: 5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a12\n      type: derived\nmodified: 2026-01-02\ntags:\n    - attack.t1059\nfalsepositives:\n    - Admins\nregression_tests_path: x.yml\n';
    assert.deepEqual(await findings(rule(SEL, extra), code), []);
  });
  it('renames misspelt keys to the closest one', async () => {
    for (const [typo, want] of [
      ['reference', 'references'],
      ['realted', 'related'],
      ['Falsepositives', 'falsepositives'],
    ]) {
      const text = rule(SEL, `${typo}:\n    - x\n`);
      const f = await findings(text, code);
      assert.equal(f.length, 1, typo);
      assert.equal(f[0].text, typo);
      assert.equal(f[0].severity, 'warning');
      const fixed = applyEdits(text, f[0].fixes![0].edits);
      assert.deepEqual(await findings(fixed, code), [], typo);
      assert.ok(fixed.includes(`\n${want}:`), want);
    }
  });
  it('catches descirption even when description is missing', async () => {
    const text = rule(SEL).replace('description: test', 'descirption: test');
    const f = await findings(text, code);
    assert.equal(f[0].fixes![0].edits[0].newText, 'description');
  });
  it('notes custom keys as information', async () => {
    const f = await findings(rule(SEL, 'x_owner: soc\n'), code);
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'information');
  });
});

describe('sigma/duplicate-entry', () => {
  const code = 'sigma/duplicate-entry';
  it('reports a repeated tag and reference and deletes the line', async () => {
    const text = rule(
      SEL,
      'references:\n    - https://x.org/a\n    - https://x.org/a/\ntags:\n    - attack.execution\n    - attack.t1059\n    - Attack.Execution\n',
    );
    const f = await findings(text, code);
    assert.deepEqual(
      f.map((x) => x.text),
      ['https://x.org/a/', 'Attack.Execution'],
    );
    let fixed = text;
    for (const x of [...f].reverse()) fixed = applyEdits(fixed, x.fixes![0].edits);
    assert.ok(fixed.includes('    - https://x.org/a\ntags:\n    - attack.execution\n    - attack.t1059\nlogsource'));
    assert.deepEqual(await findings(fixed, code), []);
  });
});

describe('sigma/date-order', () => {
  const code = 'sigma/date-order';
  it('reports modified before date', async () => {
    const f = await findings(rule(SEL, 'modified: 2025-12-31\n'), code);
    assert.equal(f.length, 1);
    assert.equal(f[0].text, '2025-12-31');
    assert.deepEqual(await findings(rule(SEL, 'modified: 2026-01-01\n'), code), []);
  });
});

describe('sigma/logsource-key', () => {
  const code = 'sigma/logsource-key';
  it('reports an event field inside logsource', async () => {
    const text = rule(SEL).replace('    category: network_connection\n', '    category: network_connection\n    EventID: 3\n');
    const f = await findings(text, code);
    assert.equal(f.length, 1);
    assert.equal(f[0].text, 'EventID');
    assert.match(f[0].message, /detection/);
  });
  it('renames a misspelt key', async () => {
    const text = rule(SEL).replace('category:', 'categroy:');
    const f = await findings(text, code);
    const fixed = applyEdits(text, f[0].fixes![0].edits);
    assert.deepEqual(await findings(fixed, code), []);
    assert.deepEqual(await findings(rule(SEL), code), []);
  });
});

describe('sigma/tag-namespace', () => {
  const code = 'sigma/tag-namespace';
  const tags = (...t: string[]): string => rule(SEL, `tags:\n${t.map((x) => `    - ${x}\n`).join('')}`);
  it('accepts the forms of the specification', async () => {
    assert.deepEqual(
      await findings(tags('attack.t1059', 'cve.2021-44228', 'car.2016-04-005', 'tlp.amber-strict', 'detection.threat-hunting', 'stp.3k', 'd3fend.d3-am'), code),
      [],
    );
  });
  it('fixes malformed cve, car, tlp and detection tags', async () => {
    const text = tags('cve.2021.44228', 'car.CAR-2016-04-005', 'tlp.white', 'detection.threat_hunting', 'CVE-2023-1234', 'Detection.dfir');
    const f = await findings(text, code);
    assert.deepEqual(
      f.map((x) => x.fixes![0].edits[0].newText),
      ['cve.2021-44228', 'car.2016-04-005', 'tlp.clear', 'detection.threat-hunting', 'cve.2023-1234', 'detection.dfir'],
    );
    assert.ok(f.every((x) => x.severity === 'warning'));
    let fixed = text;
    for (const x of [...f].reverse()) fixed = applyEdits(fixed, x.fixes![0].edits);
    assert.deepEqual(await findings(fixed, code), []);
  });
  it('notes tags outside the namespaces as information, and leaves attack tags alone', async () => {
    const f = await findings(tags('powershell', 'custom.x', 'Attack.T1059', 'stp.7'), code);
    assert.deepEqual(
      f.map((x) => [x.text, x.severity]),
      [
        ['powershell', 'information'],
        ['custom.x', 'information'],
        ['stp.7', 'warning'],
      ],
    );
  });
});
