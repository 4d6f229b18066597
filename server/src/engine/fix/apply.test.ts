import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../analyze';
import { defaultConfig } from '../config/config';
import type { Diagnostic } from '../core/diagnostic';
import { LineIndex } from '../core/position';
import { applyEdits, fixText, minimalEdit, selectSafeFixes } from './apply';
import { unifiedDiff } from './diff';

const fix = (text: string) => fixText(text, (t) => analyzeText('rule.yml', t, defaultConfig()));

const RULE = (body: string, meta = 'status: test\nlevel: medium\n') => `title: Test
id: 5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a11
description: test
author: tests
date: 2026-01-01
${meta}logsource:
    product: windows
    category: process_creation
detection:
${body}
`;

describe('fixText: every safe fix, text edits only', () => {
  it('leaves a rule that needs nothing byte-identical', async () => {
    const text = RULE("    selection:\n        Image|endswith: '\\cmd.exe'\n    condition: selection");
    const r = await fix(text);
    assert.equal(r.text, text);
    assert.deepEqual(r.applied, []);
  });

  it('fixes typos, casing, dates and duplicates, keeping comments and quoting next to them', async () => {
    const text = RULE(
      '    selection:\n        Image|endwith: "\\\\cmd.exe"  # the shell\n        CommandLine|contains|contains: \'**whoami**\' # two stars\n    condition: 1 of them',
      'status: Experimental # casing\nlevel: High\ntags:\n    - attack.T1059\n    - attack.execution\n    - attack.execution\n',
    );
    const r = await fix(text);
    assert.equal(
      r.text,
      RULE(
        '    selection:\n        Image|endswith: "\\\\cmd.exe"  # the shell\n        CommandLine|contains: \'*whoami*\' # two stars\n    condition: selection',
        'status: experimental # casing\nlevel: high\ntags:\n    - attack.t1059\n    - attack.execution\n',
      ),
    );
    const codes = new Set(r.applied.map((a) => a.code));
    for (const c of [
      'sigma/unknown-modifier',
      'sigma/duplicate-modifier',
      'sigma/redundant-wildcard',
      'sigma/redundant-them',
      'sigma/invalid-value',
      'attack/tag-format',
      'sigma/duplicate-entry',
    ])
      assert.ok(codes.has(c), c);
    // What remains is what the fixed text has, re-analysed.
    assert.ok(!r.report.diagnostics.some((d) => d.fixes?.some((f) => f.safe)));
  });

  it('keeps CRLF line ends', async () => {
    const text = RULE(
      "    selection:\n        Image|endwith: '\\cmd.exe'\n    condition: selection",
      'status: Test\nlevel: medium\ntags:\n    - attack.execution\n    - attack.execution\n',
    ).replace(/\n/g, '\r\n');
    const r = await fix(text);
    assert.ok(r.applied.length >= 3);
    assert.ok(!/[^\r]\n/.test(r.text), 'every line still ends in CRLF');
    assert.match(r.text, /Image\|endswith: '\\cmd\.exe'\r\n/);
    assert.match(r.text, /status: test\r\n/);
    assert.equal(r.text.match(/attack\.execution/g)?.length, 1);
  });

  it('applies nothing unsafe: ambiguous guesses and domain-list rewrites stay for a human', async () => {
    // `sel3` is as close to sel1 as to sel2; the dot-less endswith entry is a domain-list rewrite.
    const text = RULE("    sel1:\n        DestinationHostname|endswith: 'dropboxapi.com'\n    sel2:\n        Image: x\n    condition: sel1 or sel3");
    const r = await fix(text);
    assert.equal(r.text, text);
    const before = await analyzeText('rule.yml', text, defaultConfig());
    assert.ok(before.diagnostics.some((d) => d.code === 'sigma/undefined-identifier' && (d.fixes?.length ?? 0) > 0));
  });

  it('fixes a single-candidate identifier typo, which the error needed', async () => {
    const text = RULE('    selection:\n        Image: x\n    condition: selction');
    const r = await fix(text);
    assert.match(r.text, /condition: selection\n/);
    assert.ok(!r.report.diagnostics.some((d) => d.severity === 'error'));
  });

  it('does not touch half-typed YAML beyond what is safe, and never throws', async () => {
    const text = 'title: Half\nlogsource:\n    product: windows\ndetection:\n    selection:\n        Image|endwith: [unclosed\n    condition: sel';
    const r = await fix(text);
    assert.equal(typeof r.text, 'string');
    assert.ok(r.text.startsWith('title: Half\n'));
  });

  it('quotes a value YAML would read as an alias, then stops', async () => {
    const text = RULE('    selection:\n        Image|endswith: *cmd.exe\n    condition: selection');
    const r = await fix(text);
    assert.notEqual(r.text, text);
    assert.ok(!r.report.diagnostics.some((d) => d.code === 'sigma/yaml-syntax'));
  });
});

describe('selectSafeFixes', () => {
  const edit = (s: number, e: number, t: string) => ({ range: new LineIndex('abcdefghij').range(s, e), newText: t });
  const diag = (code: string, edits: ReturnType<typeof edit>[], safe = true): Diagnostic => ({
    code,
    severity: 'warning',
    message: '',
    range: edits[0].range,
    fixes: [{ title: code, edits, safe }],
  });

  it('takes one of two overlapping fixes and one copy of identical ones, skipping unsafe ones', () => {
    const index = new LineIndex('abcdefghij');
    const chosen = selectSafeFixes(
      [
        diag('a', [edit(0, 2, 'X')]),
        diag('b', [edit(1, 3, 'Y')]),
        diag('c', [edit(0, 2, 'X')]),
        diag('d', [edit(5, 6, 'Z')], false),
        diag('e', [edit(7, 8, 'W')]),
      ],
      index,
    );
    assert.deepEqual(
      chosen.map((c) => c.diagnostic.code),
      ['a', 'e'],
    );
    assert.equal(
      applyEdits(
        'abcdefghij',
        index,
        chosen.flatMap((c) => c.fix.edits),
      ),
      'XcdefgWij',
    );
  });
});

describe('minimalEdit and unifiedDiff', () => {
  it('replaces only the changed middle, and never splits a CRLF', () => {
    const before = 'a: 1\r\nb: Two\r\nc: 3\r\n';
    const after = 'a: 1\r\nb: two\r\nc: 3\r\n';
    const e = minimalEdit(before, after)!;
    assert.equal(applyEdits(before, new LineIndex(before), [e]), after);
    assert.equal(e.range.start.line, 1);
    assert.equal(minimalEdit(before, before), null);
    const x = minimalEdit('a\r\nb', 'a\nb')!;
    assert.equal(applyEdits('a\r\nb', new LineIndex('a\r\nb'), [x]), 'a\nb');
  });

  it('prints hunks with context, removed lines before added ones', () => {
    const a = ['l1', 'l2', 'l3', 'l4', 'old', 'l6', 'l7', 'l8', 'l9'].join('\n') + '\n';
    const b = a.replace('old', 'new');
    assert.equal(unifiedDiff('r.yml', a, b), '--- a/r.yml\n+++ b/r.yml\n@@ -2,7 +2,7 @@\n l2\n l3\n l4\n-old\n+new\n l6\n l7\n l8\n');
    assert.equal(unifiedDiff('r.yml', a, a), '');
    assert.match(unifiedDiff('r.yml', 'x\n', 'x\ny\n'), /@@ -1,1 \+1,2 @@\n x\n\+y\n/);
  });
});
