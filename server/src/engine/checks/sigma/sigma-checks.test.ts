import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, findings, rule } from '../testing';

const SEL = `    selection:
        DestinationHostname|endswith: '.example.org'
    condition: selection`;

describe('sigma/yaml-syntax', () => {
  it('accepts a valid rule', async () => {
    assert.deepEqual(await findings(rule(SEL), 'sigma/yaml-syntax'), []);
  });
  it('points at the broken line of malformed YAML', async () => {
    const text = rule(SEL).replace("'.example.org'", "'.example.org");
    const f = await findings(text, 'sigma/yaml-syntax');
    assert.ok(f.length > 0);
    assert.equal(f[0].severity, 'error');
    assert.ok(f[0].range.start.line >= 10, `line ${f[0].range.start.line}`);
  });
  it('reports duplicate keys', async () => {
    const f = await findings(rule(SEL).replace('level: medium', 'level: medium\nlevel: high'), 'sigma/yaml-syntax');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /unique|duplicate/i);
  });
  it('reports binary content instead of parsing it', async () => {
    const f = await findings('title: x\u0000\u0001detection:', 'sigma/yaml-syntax');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /binary/);
  });
  it('leaves ordinary YAML alone, valid or not', async () => {
    assert.deepEqual(await findings('name: ci\non: [push]\n', 'sigma/yaml-syntax'), []);
    assert.deepEqual(await findings('a: [1, 2\nb: c', 'sigma/yaml-syntax'), []);
  });
});

describe('sigma/missing-field', () => {
  it('accepts a complete rule', async () => {
    assert.deepEqual(await findings(rule(SEL), 'sigma/missing-field'), []);
  });
  it('reports a missing condition and offers to add it', async () => {
    const text = rule(`    selection:\n        Image|endswith: '\\\\wscript.exe'`);
    const f = await findings(text, 'sigma/missing-field');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /condition/);
    const fixed = applyEdits(text, f[0].fixes![0].edits);
    assert.match(fixed, /\n {4}condition: selection\n/);
    assert.deepEqual(await findings(fixed, 'sigma/missing-field'), []);
  });
  it('reports a missing title', async () => {
    const f = await findings(rule(SEL).replace('title: Test rule\n', ''), 'sigma/missing-field');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /title/);
  });
});

describe('sigma/invalid-value', () => {
  it('accepts valid values', async () => {
    assert.deepEqual(await findings(rule(SEL), 'sigma/invalid-value'), []);
  });
  it('reports a bad status with a fix to the nearest', async () => {
    const text = rule(SEL).replace('status: test', 'status: experimantal');
    const f = await findings(text, 'sigma/invalid-value');
    assert.equal(f.length, 1);
    assert.equal(f[0].text, 'experimantal');
    assert.equal(f[0].fixes![0].edits[0].newText, 'experimental');
  });
  it('reports a non-UUID id, a bad level and an impossible date', async () => {
    const text = rule(SEL)
      .replace(/id: .*/, 'id: 1234')
      .replace('level: medium', 'level: severe')
      .replace('date: 2026-01-01', 'date: 2026-02-30');
    const f = await findings(text, 'sigma/invalid-value');
    assert.deepEqual(f.map((x) => x.text).sort(), ['1234', '2026-02-30', 'severe']);
  });
  it('only warns about a non-UUID id: the specification recommends a UUID, it does not require one', async () => {
    const f = await findings(rule(SEL).replace(/id: .*/, 'id: ACME-WEB-0042'), 'sigma/invalid-value');
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'warning');
    assert.equal(f[0].text, 'ACME-WEB-0042');
    assert.match(f[0].message, /recommends a UUID/);
    const levelBad = await findings(rule(SEL).replace('level: medium', 'level: severe'), 'sigma/invalid-value');
    assert.equal(levelBad[0].severity, 'error');
  });
  it('names empty values as empty, never as the string null', async () => {
    const text = rule(SEL)
      .replace(/id: .*/, 'id:')
      .replace('status: test', 'status:')
      .replace('date: 2026-01-01', "date: ''");
    const f = await findings(text, 'sigma/invalid-value');
    assert.equal(f.length, 3, JSON.stringify(f.map((x) => x.message)));
    for (const d of f) {
      assert.match(d.message, /is empty/);
      assert.doesNotMatch(d.message, /null/);
    }
    assert.equal(f.find((d) => d.message.startsWith('`id`'))?.severity, 'warning');
  });
  it('reports an id written as a list once, as not a string', async () => {
    const f = await findings(rule(SEL).replace(/id: .*/, 'id: [a, b]'), 'sigma/invalid-value');
    assert.deepEqual(
      f.map((d) => [d.message, d.severity]),
      [['`id` must be a string.', 'error']],
    );
  });
  it('warns on the old date form and converts it', async () => {
    const f = await findings(rule(SEL).replace('date: 2026-01-01', 'date: 2026/01/01'), 'sigma/invalid-value');
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'warning');
    assert.equal(f[0].fixes![0].edits[0].newText, '2026-01-01');
  });
  it('reports tags that are not a list', async () => {
    const f = await findings(rule(SEL, 'tags: attack.t1102\n'), 'sigma/invalid-value');
    assert.equal(f.length, 1);
    assert.equal(f[0].text, 'attack.t1102');
  });
});

describe('sigma/condition-syntax', () => {
  it('accepts the forms of the specification', async () => {
    for (const c of [
      'selection',
      'selection and not filter',
      '1 of selection* and not 1 of filter_*',
      'all of them',
      '(selection or filter) and not selection',
      'not (selection and filter)',
    ]) {
      const text = rule(`    selection:\n        a: x\n    filter:\n        b: y\n    condition: ${c}`);
      assert.deepEqual(await findings(text, 'sigma/condition-syntax'), [], c);
    }
  });
  it('points at the dangling operator', async () => {
    const f = await findings(rule(`    selection:\n        a: x\n    condition: selection and`), 'sigma/condition-syntax');
    assert.equal(f.length, 1);
    assert.equal(f[0].range.start.line, 12);
    assert.match(f[0].message, /ends/);
  });
  it('points at an unbalanced parenthesis', async () => {
    const f = await findings(rule(`    selection:\n        a: x\n    condition: (selection and not filter`), 'sigma/condition-syntax');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /missing '\)'/);
  });
  it('explains aggregation pipes', async () => {
    const f = await findings(rule(`    selection:\n        a: x\n    condition: selection | count() > 5`), 'sigma/condition-syntax');
    assert.equal(f[0].text, '|');
    assert.match(f[0].message, /correlation/);
  });
});

describe('suppression and configuration', () => {
  it('silences a code on the next line', async () => {
    const text = rule(
      `    selection:\n        a: x\n    # tripline-disable-next-line sigma/unused-selection\n    filter_main:\n        b: y\n    condition: selection`,
    );
    assert.deepEqual(await findings(text, 'sigma/unused-selection'), []);
  });
  it('changes severity and turns checks off from configuration', async () => {
    const text = rule(`    selection:\n        a: x\n    filter_main:\n        b: y\n    condition: selection`);
    assert.equal((await findings(text, 'sigma/unused-selection', { config: { checks: { 'sigma/unused-selection': 'error' } } }))[0].severity, 'error');
    assert.deepEqual(await findings(text, 'sigma/unused-selection', { config: { checks: { 'sigma/unused-selection': 'off' } } }), []);
  });
});

describe('correlation and filter rules', () => {
  const CORR = `title: Many dead-drop lookups
id: 0f4b1f9e-55b1-4c3e-8d7a-2c9f1f0e6b21
status: test
correlation:
    type: event_count
    rules:
        - dead-drop-lookup
    group-by:
        - ComputerName
    timespan: 10m
    condition:
        gte: 20
level: high
`;
  it('accepts a valid event_count correlation', async () => {
    assert.deepEqual(await findings(CORR, 'sigma/missing-field'), []);
    assert.deepEqual(await findings(CORR, 'sigma/invalid-value'), []);
  });
  it('reports a bad type, timespan and operator at their values', async () => {
    const text = CORR.replace('type: event_count', 'type: event_cnt').replace('timespan: 10m', 'timespan: ten minutes').replace('gte: 20', 'atleast: 20');
    const f = await findings(text, 'sigma/invalid-value');
    // The condition is checked whatever the type (an unknown type does not hide its operators).
    assert.deepEqual(
      f.map((x) => x.text),
      ['event_cnt', 'ten minutes', 'atleast'],
    );
    const fixed = CORR.replace('gte: 20', 'atleast: 20');
    assert.deepEqual(
      (await findings(fixed, 'sigma/invalid-value')).map((x) => x.text),
      ['atleast'],
    );
  });
  it('reports missing rules, timespan and the field of a value_count', async () => {
    const text = CORR.replace('type: event_count', 'type: value_count')
      .replace(/    timespan: 10m\n/, '')
      .replace(/    rules:\n        - dead-drop-lookup\n/, '');
    const f = await findings(text, 'sigma/missing-field');
    assert.deepEqual(f.map((x) => /`(\w+(?:-\w+)?)`/.exec(x.message)![1]).sort(), ['field', 'rules', 'timespan']);
  });
  it('says the file is read as a correlation rule when `correlation:` is free text (Sigma v1)', async () => {
    const v1 = rule(SEL, 'correlation: see the proxy rule with the same title\n');
    const f = await findings(v1, 'sigma/invalid-value');
    assert.equal(f.length, 1);
    assert.equal(f[0].text, 'see the proxy rule with the same title');
    assert.match(f[0].message, /read as a Sigma correlation rule/);
    assert.match(f[0].message, /it is text/);
    assert.match(f[0].message, /Sigma v1/);
    // It also has a working detection: advice, not an error.
    assert.equal(f[0].severity, 'warning');
    const bare = await findings('title: Only a correlation\ncorrelation:\n', 'sigma/invalid-value');
    assert.equal(bare.length, 1);
    assert.equal(bare[0].severity, 'error');
    assert.match(bare[0].message, /read as a Sigma correlation rule.*it is empty/);
  });
  it('checks filter rules for rules and condition', async () => {
    const text = `title: Exclude admin hosts\nlogsource:\n    product: windows\nfilter:\n    selection:\n        ComputerName: 'ADM-*'\n`;
    const f = await findings(text, 'sigma/missing-field');
    assert.equal(f.length, 2);
  });
});

describe('Sigma v1 rule collections', () => {
  it('are reported once, at the action, instead of as documents missing fields', async () => {
    const text = `action: global
title: Remote service
detection:
    selection1:
        EventID: 4624
    condition: selection1
---
logsource:
    product: windows
    service: security
detection:
    selection1:
        Logon_Type: 3
`;
    const f = await findings(text, 'sigma/missing-field');
    assert.equal(f.length, 1);
    assert.equal(f[0].text, 'global');
    assert.match(f[0].message, /removed in Sigma v2/);
  });
});

describe('sigma/correlation-unknown-rule', () => {
  const BASE = `title: Failed login\nname: failed_login\nlogsource:\n    product: windows\n    service: security\ndetection:\n    selection:\n        EventID: 4625\n    condition: selection\n`;
  const corr = (refs: string, extra = ''): string =>
    `title: Many failures\ncorrelation:\n    type: event_count\n    rules:\n${refs}\n    group-by:\n        - User\n    timespan: 5m\n    condition:\n        gte: 10\n${extra}---\n${BASE}`;
  it('accepts references to rules of the same file, by name or id', async () => {
    assert.deepEqual(await findings(corr('        - failed_login'), 'sigma/correlation-unknown-rule'), []);
    assert.deepEqual(
      await findings(
        corr('        - 5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a11').replace('name: failed_login', 'id: 5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a11'),
        'sigma/correlation-unknown-rule',
      ),
      [],
    );
  });
  it('reports a reference no rule of the file defines, with the likely name', async () => {
    const f = await findings(corr('        - failed_logn'), 'sigma/correlation-unknown-rule');
    assert.equal(f.length, 1);
    assert.equal(f[0].text, 'failed_logn');
    assert.equal(f[0].severity, 'error');
    assert.equal(f[0].fixes?.[0].edits[0].newText, 'failed_login');
  });
  it('does not judge a correlation file on its own when its rules may live elsewhere', async () => {
    const alone = `title: Many failures\ncorrelation:\n    type: event_count\n    rules: [failed_login]\n    group-by: [User]\n    timespan: 5m\n    condition:\n        gte: 10\n`;
    assert.deepEqual(await findings(alone, 'sigma/correlation-unknown-rule'), []);
  });
  it('reports an alias that names a rule the correlation does not use', async () => {
    const f = await findings(
      corr(
        '        - failed_login',
        '    aliases:\n        user:\n            failed_login: TargetUserName\n            other_rule: User\n'.replace(/^/, ''),
      ).replace('    condition:\n        gte: 10\n    aliases', '    condition:\n        gte: 10\n    aliases'),
      'sigma/correlation-unknown-rule',
    );
    assert.deepEqual(
      f.map((x) => [x.text, x.severity]),
      [['other_rule', 'warning']],
    );
  });
});

describe('correlation checks: group-by, condition operators, percentile', () => {
  const CORR = (body: string): string => `title: C\ncorrelation:\n${body}\n`;
  it('a missing group-by is a warning (the specification requires it; pySigma accepts it)', async () => {
    const f = await findings(CORR('    type: event_count\n    rules: [a]\n    timespan: 5m\n    condition:\n        gte: 2'), 'sigma/missing-field');
    assert.deepEqual(
      f.map((x) => x.severity),
      ['warning'],
    );
    assert.match(f[0].message, /group-by/);
  });
  it('checks operators of temporal conditions, their numbers, and percentile', async () => {
    const t = await findings(
      CORR('    type: temporal\n    rules: [a, b]\n    group-by: [Host]\n    timespan: 5m\n    condition:\n        atleast: 2'),
      'sigma/invalid-value',
    );
    assert.deepEqual(
      t.map((x) => x.text),
      ['atleast'],
    );
    const n = await findings(
      CORR('    type: event_count\n    rules: [a]\n    group-by: [Host]\n    timespan: 5m\n    condition:\n        gte: many'),
      'sigma/invalid-value',
    );
    assert.deepEqual(
      n.map((x) => x.text),
      ['many'],
    );
    const p = await findings(
      CORR('    type: value_percentile\n    rules: [a]\n    group-by: [Host]\n    timespan: 5m\n    condition:\n        field: Bytes\n        gte: 100'),
      'sigma/missing-field',
    );
    assert.match(p.map((x) => x.message).join('\n'), /percentile/);
    const ok = CORR(
      '    type: value_median\n    rules: [a]\n    group-by: [Host]\n    timespan: 5m\n    condition:\n        field: Bytes\n        gt: 100\n        lte: 200',
    );
    assert.deepEqual(await findings(ok, 'sigma/invalid-value'), []);
    assert.deepEqual(await findings(ok, 'sigma/missing-field'), []);
    assert.deepEqual(
      (
        await findings(
          CORR('    type: event_count\n    rules: [a]\n    group-by: [Host]\n    timespan: 0m\n    condition:\n        gte: 2'),
          'sigma/invalid-value',
        )
      ).map((x) => x.text),
      ['0m'],
    );
  });
});
