import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/engine/analyze';
import { LineIndex } from '../../server/src/engine/core/position';
import { slice } from '../../server/src/engine/checks/testing';

const RULE = `title: t
logsource:
    product: windows
detection:
    selection:
        Image|endswith: '\\x.exe'
    condition: selection
`;

describe('bad input never crashes and is reported where it is', () => {
  it('a rule that is a list or a scalar is not a rule', async () => {
    for (const text of ['- title: x\n  detection: {}\n', 'just a string', '42', '', '---\n---\n']) {
      const r = await analyzeText('x.yml', text);
      assert.equal(r.kind, 'other', JSON.stringify(text));
      assert.deepEqual(r.diagnostics, []);
    }
  });

  it('a BOM does not shift ranges', async () => {
    const text = '\uFEFF' + RULE.replace('endswith', 'endwith');
    const r = await analyzeText('x.yml', text);
    const d = r.diagnostics.find((x) => x.code === 'sigma/unknown-modifier')!;
    assert.equal(slice(new LineIndex(text), d.range), 'endwith');
  });

  it('CRLF line endings keep ranges on the right line', async () => {
    const text = RULE.replace('endswith', 'endwith').replace(/\n/g, '\r\n');
    const r = await analyzeText('x.yml', text);
    const d = r.diagnostics.find((x) => x.code === 'sigma/unknown-modifier')!;
    assert.equal(d.range.start.line, 5);
    assert.equal(slice(new LineIndex(text), d.range), 'endwith');
  });

  it('tabs used for indentation are a YAML error at the tab', async () => {
    const text = RULE.replace('        Image', '\tImage');
    const r = await analyzeText('x.yml', text);
    const d = r.diagnostics.find((x) => x.code === 'sigma/yaml-syntax');
    assert.ok(d, JSON.stringify(r.diagnostics));
    assert.equal(d.range.start.line, 5);
  });

  it('anchors and aliases are followed', async () => {
    const text = `title: t
logsource:
    product: windows
detection:
    selection: &sel
        Image|endswith: '\\x.exe'
    selection2: *sel
    condition: selection and selection2
`;
    const r = await analyzeText('x.yml', text);
    // A minimal rule: only the advice to add id/level/author/description.
    assert.deepEqual(
      r.diagnostics.filter((d) => d.code !== 'sigma/missing-recommended-field'),
      [],
    );
    assert.equal(r.file.sigma[0].detection!.searches[1].groups[0].items[0].field, 'Image');
  });

  it('multi-document files check each rule with its own ranges', async () => {
    const text = RULE + '---\n' + RULE.replace('condition: selection', 'condition: selction');
    const r = await analyzeText('x.yml', text);
    assert.equal(r.file.sigma.length, 2);
    const d = r.diagnostics.filter((x) => x.code === 'sigma/undefined-identifier');
    assert.equal(d.length, 1);
    assert.equal(d[0].range.start.line, 14);
  });

  it('a 5 MB file is checked up to the size limit, and one the reader did not read is reported', async () => {
    const big = RULE + '# ' + 'x'.repeat(100) + '\n'.repeat(1);
    const text = big + ('# ' + 'y'.repeat(98) + '\n').repeat(50_000);
    const r = await analyzeText('x.yml', text);
    assert.equal(r.kind, 'sigma');
    assert.match(
      r.diagnostics.find((d) => d.code === 'sigma/yaml-syntax')?.message ?? '',
      /^Not checked beyond line \d+: the file is 4\.8 MB, above the 512 KB limit/,
    );
    const huge = await analyzeText('x.yml', '', undefined, undefined, 20 * 1024 * 1024);
    assert.match(huge.diagnostics[0]?.message ?? '', /above the 512 KB limit for rule files: not checked/);
  });

  it('a huge list of values parses', async () => {
    const values = Array.from({ length: 10_000 }, (_, i) => `            - 'host${i}.example.org'`).join('\n');
    const text = RULE.replace("        Image|endswith: '\\x.exe'", `        DestinationHostname|endswith:\n${values}`);
    const r = await analyzeText('x.yml', text);
    assert.equal(r.file.sigma[0].detection!.searches[0].groups[0].items[0].values.length, 10_000);
  });
});
