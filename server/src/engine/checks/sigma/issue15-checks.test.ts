import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, findings, rule } from '../testing';

const det = (body: string): string => `    selection:\n${body}\n    condition: selection`;
const SEL = det("        Image|endswith: '\\\\cmd.exe'");

describe('sigma/number-as-string', () => {
  const code = 'sigma/number-as-string';
  it('reports a quoted event id and unquotes it', async () => {
    const text = rule(det("        EventID:\n            - '4688'\n            - 1"));
    const f = await findings(text, code);
    assert.deepEqual(
      f.map((x) => [x.text, x.severity]),
      [["'4688'", 'information']],
    );
    const fixed = applyEdits(text, f[0].fixes![0].edits);
    assert.match(fixed, /- 4688\n/);
    assert.deepEqual(await findings(fixed, code), []);
  });
  it('leaves text fields, text modifiers and non-numbers alone', async () => {
    for (const body of ["        CommandLine: '4688'", "        EventID|contains: '46'", "        DestinationPort: 'http'", "        LogonType: '0x3'"]) {
      assert.deepEqual(await findings(rule(det(body)), code), [], body);
    }
  });
});

describe('sigma/wildcard-escape', () => {
  const code = 'sigma/wildcard-escape';
  it('reports a path separator swallowed by an escape, with both readings as fixes', async () => {
    const text = rule(det("        CommandLine|contains: ' >> *\\AppData\\Local\\Temp\\*.bin'"));
    const f = await findings(text, code);
    assert.equal(f.length, 1);
    assert.equal(f[0].text, '\\*');
    assert.equal(f[0].severity, 'warning');
    assert.match(f[0].message, /literal text 'Temp\*\.bin'/);
    const wildcard = applyEdits(text, f[0].fixes![0].edits);
    assert.ok(wildcard.includes("'Temp\\\\*.bin'".slice(1, -1)));
    assert.deepEqual(await findings(wildcard, code), []);
    const literal = applyEdits(text, f[0].fixes![1].edits);
    assert.ok(literal.includes('Temp\\\\\\*.bin'));
    assert.deepEqual(await findings(literal, code), []);
  });
  it('leaves deliberate escapes alone: a literal star or question mark that is not after a path segment', async () => {
    for (const v of ["' -Filter \\*'", "'(objectclass=\\*)'", "'\\*avira\\*'", "' /\\?'", "'\\*.bak'", "'= \\\\\\?\\?\\C:Windows\\System32'"]) {
      assert.deepEqual(await findings(rule(det(`        CommandLine|contains: ${v}`)), code), [], v);
    }
  });
  it('notes a `?` that opens a URL query, and escapes it', async () => {
    const text = rule(det("        c-uri|contains: '/gate.php?id='"));
    const f = await findings(text, code);
    assert.deepEqual(
      f.map((x) => [x.text, x.severity]),
      [['?', 'information']],
    );
    assert.ok(applyEdits(text, f[0].fixes![0].edits).includes("'/gate.php\\?id='"));
  });
  it('leaves regular expressions and single-character wildcards alone', async () => {
    assert.deepEqual(await findings(rule(det("        c-uri|re: '/gate\\.php\\?id='")), code), []);
    assert.deepEqual(await findings(rule(det("        Image|endswith: '\\\\cmd?.exe'")), code), []);
  });
});

describe('sigma/generic-logsource', () => {
  const code = 'sigma/generic-logsource';
  const sysmon = (body: string): string => rule(det(body)).replace('category: network_connection', 'service: sysmon');
  it('suggests process_creation for Sysmon EventID 1 and rewrites the logsource', async () => {
    const text = sysmon('        EventID: 1\n        Image: x');
    const f = await findings(text, code);
    assert.equal(f.length, 1);
    assert.equal(f[0].text, 'sysmon');
    assert.match(f[0].message, /process_creation/);
    const fixed = applyEdits(text, f[0].fixes![0].edits);
    assert.match(fixed, /logsource:\n {4}product: windows\n {4}category: process_creation\n/);
    assert.deepEqual(await findings(fixed, code), []);
  });
  it('names both categories for EventID 13 and offers no rewrite', async () => {
    const f = await findings(sysmon('        EventID: 13\n        TargetObject: x'), code);
    assert.equal(f.length, 1);
    assert.match(f[0].message, /registry_event/);
    assert.match(f[0].message, /registry_set/);
    assert.deepEqual(f[0].fixes ?? [], []);
  });
  it('suggests process_creation for Security 4688 and ps_script for PowerShell 4104', async () => {
    const sec = await findings(
      rule(det('        EventID: 4688\n        NewProcessName: x')).replace('category: network_connection', 'service: security'),
      code,
    );
    assert.deepEqual(
      sec.map((x) => x.text),
      ['security'],
    );
    assert.match(sec[0].message, /Security EventID 4688 .*process_creation/);
    const ps = await findings(
      rule(det('        EventID: 4104\n        ScriptBlockText: x')).replace('category: network_connection', 'service: powershell'),
      code,
    );
    assert.match(ps[0].message, /ps_script/);
    assert.deepEqual(
      await findings(rule(det('        EventID: 4624\n        LogonType: 3')).replace('category: network_connection', 'service: security'), code),
      [],
    );
  });
  it('is silent for Sysmon status events, mixed event ids and rules without an EventID', async () => {
    for (const body of [
      '        EventID: 4\n        State: Stopped',
      '        EventID:\n            - 1\n            - 3\n        Image: x',
      '        Image: x',
    ]) {
      assert.deepEqual(await findings(sysmon(body), code), [], body);
    }
  });
});

describe('sigma/detection-timeframe', () => {
  it('reports the v1 window on its value', async () => {
    const f = await findings(rule(`${SEL}\n    timeframe: 15m`), 'sigma/detection-timeframe');
    assert.equal(f.length, 1);
    assert.equal(f[0].text, '15m');
    assert.match(f[0].message, /correlation/);
  });
});

describe('sigma/filter-metadata', () => {
  const code = 'sigma/filter-metadata';
  const filter = `title: Tuning\nlogsource:\n    product: windows\nfilter:\n    rules:\n        - any\n    selection:\n        User: svc\n    condition: not selection\nstatus: test\nlevel: low\n`;
  it('reports level and status of a filter and deletes their lines', async () => {
    const f = await findings(filter, code);
    assert.deepEqual(f.map((x) => x.text).sort(), ['level', 'status']);
    let fixed = filter;
    for (const x of [...f].sort((a, b) => b.range.start.line - a.range.start.line)) fixed = applyEdits(fixed, x.fixes![0].edits);
    assert.ok(fixed.endsWith('condition: not selection\n'));
    assert.deepEqual(await findings(fixed, code), []);
  });
  it('leaves detection rules alone', async () => {
    assert.deepEqual(await findings(rule(SEL), code), []);
  });
});

describe('sigma/falsepositive-style', () => {
  const code = 'sigma/falsepositive-style';
  it('capitalises an entry that starts in lower case', async () => {
    const text = rule(SEL, "falsepositives:\n    - 'legitimate admin use'\n    - Unknown\n");
    const f = await findings(text, code);
    assert.deepEqual(
      f.map((x) => [x.text, x.severity]),
      [["'legitimate admin use'", 'information']],
    );
    const fixed = applyEdits(text, f[0].fixes![0].edits);
    assert.ok(fixed.includes("- 'Legitimate admin use'"));
    assert.deepEqual(await findings(fixed, code), []);
  });
  it('leaves tool names and non-letters alone', async () => {
    assert.deepEqual(await findings(rule(SEL, 'falsepositives:\n    - npm.exe installing packages\n    - 3rd party tools\n'), code), []);
  });
});
