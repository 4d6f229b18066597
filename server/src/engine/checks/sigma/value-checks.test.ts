import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, findings, rule } from '../testing';

const sel = (lines: string, condition = 'selection'): string => rule(`    selection:\n${lines.split('\n').map((l) => `        ${l}`).join('\n')}\n    condition: ${condition}`);

describe('sigma/wildcard-as-modifier', () => {
  const code = 'sigma/wildcard-as-modifier';
  it('turns a leading * into |endswith', async () => {
    const text = sel("Image: '*\\cmd.exe'");
    const f = await findings(text, code);
    assert.equal(f.length, 1);
    assert.equal(f[0].text, 'Image');
    assert.equal(f[0].severity, 'information');
    const fixed = applyEdits(text, f[0].fixes![0].edits);
    assert.match(fixed, /Image\|endswith: '\\cmd.exe'/);
    assert.deepEqual(await findings(fixed, code), []);
  });
  it('turns trailing and surrounding * into startswith and contains, over a whole list', async () => {
    const text = sel("CommandLine:\n    - 'foo*'\n    - bar*\nParent: '*x y*'");
    const f = await findings(text, code);
    assert.deepEqual(f.map((x) => x.text), ['CommandLine', 'Parent']);
    let fixed = text;
    for (const x of [...f].reverse()) fixed = applyEdits(fixed, x.fixes![0].edits);
    assert.match(fixed, /CommandLine\|startswith:\n {12}- 'foo'\n {12}- bar\n/);
    assert.match(fixed, /Parent\|contains: 'x y'/);
    assert.deepEqual(await findings(fixed, code), []);
  });
  it('leaves mixed shapes, inner wildcards, escaped stars and modified fields alone', async () => {
    const text = sel("a:\n    - '*x'\n    - 'y*'\nb: '*x*y'\nc: 'x\\*'\nd|contains: '*x'\ne: '*'");
    assert.deepEqual(await findings(text, code), []);
  });
});

describe('sigma/lone-wildcard', () => {
  const code = 'sigma/lone-wildcard';
  it('suggests |exists: true for a lone *', async () => {
    const text = sel("Image: 'x'\nParentImage: '*'");
    const f = await findings(text, code);
    assert.equal(f.length, 1);
    assert.equal(f[0].text, "'*'");
    assert.ok(!f[0].fixes![0].preferred, 'not a fix-all fix: * and exists differ on empty values');
    const fixed = applyEdits(text, f[0].fixes![0].edits);
    assert.match(fixed, /ParentImage\|exists: true/);
    assert.deepEqual(await findings(fixed, code), []);
  });
  it('reports * inside a list', async () => {
    const f = await findings(sel("Image:\n    - a\n    - '*'"), code);
    assert.deepEqual(f.map((x) => x.text), ["'*'"]);
  });
});

describe('sigma/redundant-wildcard', () => {
  const code = 'sigma/redundant-wildcard';
  it('collapses ** to *', async () => {
    const text = sel("CommandLine: 'a**b'");
    const f = await findings(text, code);
    assert.equal(f.length, 1);
    assert.equal(f[0].text, '**');
    const fixed = applyEdits(text, f[0].fixes![0].edits);
    assert.match(fixed, /CommandLine: 'a\*b'/);
    assert.deepEqual(await findings(fixed, code), []);
  });
  it('ignores an escaped star and regular expressions', async () => {
    assert.deepEqual(await findings(sel("a: 'x\\**'\nb|re: 'x.**'"), code), []);
  });
});

describe('sigma/null-in-list', () => {
  const code = 'sigma/null-in-list';
  it('reports null among values', async () => {
    const f = await findings(sel("OriginalFileName:\n    - 'x.exe'\n    - null"), code);
    assert.equal(f.length, 1);
    assert.equal(f[0].text, 'null');
  });
  it('accepts a null test on its own', async () => {
    assert.deepEqual(await findings(sel('OriginalFileName: null'), code), []);
  });
});

describe('sigma/empty-value', () => {
  const code = 'sigma/empty-value';
  it('reports an empty list and an empty selection', async () => {
    const text = rule(`    selection:\n        Image: []\n    keywords: []\n    filter: {}\n    condition: selection and not filter and keywords`);
    const f = await findings(text, code);
    assert.deepEqual(f.map((x) => x.text), ['[]', '[]', '{}']);
    assert.equal(f[0].severity, 'warning');
  });
  it('accepts values', async () => {
    assert.deepEqual(await findings(sel('Image: [a]'), code), []);
  });
});

describe('sigma/control-character', () => {
  const code = 'sigma/control-character';
  it('reports the line break a block scalar keeps', async () => {
    const f = await findings(sel('CommandLine|contains: |\n    whoami /all'), code);
    assert.equal(f.length, 1);
    assert.match(f[0].message, /'\|-'/);
    assert.deepEqual(await findings(sel('CommandLine|contains: |-\n    whoami /all'), code), []);
  });
  it('reports an escape character in a quoted value, and leaves tabs alone', async () => {
    const f = await findings(sel('a: "x\\u001by"\nb: "x\\ty"'), code);
    assert.equal(f.length, 1);
    assert.match(f[0].message, /U\+001B/);
  });
});

describe('sigma/redundant-them', () => {
  const code = 'sigma/redundant-them';
  it('replaces all of them with the only identifier', async () => {
    const text = sel('a: x', 'all of them');
    const f = await findings(text, code);
    assert.equal(f.length, 1);
    assert.equal(f[0].text, 'all of them');
    const fixed = applyEdits(text, f[0].fixes![0].edits);
    assert.match(fixed, /condition: selection\n/);
    assert.deepEqual(await findings(fixed, code), []);
  });
  it('reports 1 of them, not them over several identifiers', async () => {
    assert.equal((await findings(sel('a: x', '1 of them'), code)).length, 1);
    const two = rule(`    selection:\n        a: x\n    filter:\n        b: y\n    condition: all of them`);
    assert.deepEqual(await findings(two, code), []);
  });
});
