import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, findings, rule } from '../testing';

const sel = (lines: string): string => rule(`    selection:\n${lines.split('\n').map((l) => `        ${l}`).join('\n')}\n    condition: selection`);

describe('sigma/modifier-conflict', () => {
  const code = 'sigma/modifier-conflict';
  it('accepts the combinations SigmaHQ uses', async () => {
    const text = sel("a|contains|all:\n    - x\n    - y\nb|base64offset|contains: z\nc|gte: 5\nd|cidr: 10.0.0.0/8\ne|exists: true\nf|wide|base64offset|contains: w");
    assert.deepEqual(await findings(text, code), []);
  });
  it('reports |all on a single value and removes it', async () => {
    const text = sel("CommandLine|contains|all: '-enc'");
    const f = await findings(text, code);
    assert.equal(f.length, 1);
    assert.equal(f[0].text, 'all');
    assert.equal(f[0].severity, 'error');
    const fixed = applyEdits(text, f[0].fixes![0].edits);
    assert.match(fixed, /CommandLine\|contains: '-enc'/);
    assert.deepEqual(await findings(fixed, code), []);
  });
  it('reports a one-item list under |all too', async () => {
    const f = await findings(sel('CommandLine|contains|all:\n    - x'), code);
    assert.deepEqual(f.map((x) => x.text), ['all']);
  });
  it('reports numeric, cidr and exists combined with string modifiers', async () => {
    const f = await findings(sel('a|gt|contains: 5\nb|cidr|startswith: 10.0.0.0/8\nc|exists|contains: true\nd|exists: yes-please'), code);
    assert.deepEqual(f.map((x) => x.text), ['contains', 'startswith', 'contains', 'yes-please']);
  });
  it('reports base64offset after contains (wildcards cannot be encoded)', async () => {
    const f = await findings(sel('a|contains|base64offset: x'), code);
    assert.deepEqual(f.map((x) => x.text), ['base64offset']);
    assert.deepEqual(await findings(sel('a|base64offset|contains: x'), code), []);
  });
});

describe('sigma/modifier-misuse', () => {
  const code = 'sigma/modifier-misuse';
  it('reports base64offset without contains and adds it', async () => {
    const text = sel("CommandLine|base64offset: 'IEX'");
    const f = await findings(text, code);
    assert.equal(f.length, 1);
    assert.equal(f[0].text, 'base64offset');
    assert.equal(f[0].severity, 'warning');
    const fixed = applyEdits(text, f[0].fixes![0].edits);
    assert.match(fixed, /CommandLine\|base64offset\|contains: 'IEX'/);
    assert.deepEqual(await findings(fixed, code), []);
  });
  it('reports windash with all, at windash', async () => {
    const f = await findings(sel("CommandLine|windash|contains|all:\n    - '-a'\n    - '-b'"), code);
    assert.deepEqual(f.map((x) => x.text), ['windash']);
    assert.deepEqual(await findings(sel("CommandLine|windash|contains:\n    - '-a'\n    - '-b'"), code), []);
  });
  it('reports |all with exact values, which can never match', async () => {
    const f = await findings(sel('Image|all:\n    - a.exe\n    - b.exe'), code);
    assert.deepEqual(f.map((x) => x.text), ['all']);
    assert.match(f[0].message, /never matches/);
    assert.deepEqual(await findings(sel('Image|contains|all:\n    - a.exe\n    - b.exe'), code), []);
  });
  it('notes re|all as information', async () => {
    const f = await findings(sel("CommandLine|re|all:\n    - 'a.*'\n    - 'b.*'"), code);
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'information');
  });
  it('reports contradictory matchers and utf16 without base64', async () => {
    const f = await findings(sel('a|contains|endswith: x\nb|utf16le|contains: y'), code);
    assert.deepEqual(f.map((x) => x.text), ['endswith', 'utf16le']);
  });
});

describe('sigma/duplicate-modifier', () => {
  const code = 'sigma/duplicate-modifier';
  it('reports the repeat and removes it', async () => {
    const text = sel("'CommandLine|contains|contains': x");
    const f = await findings(text, code);
    assert.equal(f.length, 1);
    assert.equal(f[0].text, 'contains');
    assert.equal(f[0].range.start.character, 30);
    const fixed = applyEdits(text, f[0].fixes![0].edits);
    assert.match(fixed, /'CommandLine\|contains': x/);
    assert.deepEqual(await findings(fixed, code), []);
  });
  it('allows double base64', async () => {
    assert.deepEqual(await findings(sel('a|base64|base64|contains: x'), code), []);
  });
});
