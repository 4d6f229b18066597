import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../analyze';
import { defaultConfig, mergeConfig } from '../config/config';
import { applyEdits, rule, slice } from '../checks/testing';
import { LineIndex } from '../core/position';
import { MAX_ALIAS_EXPANSION } from './aliases';
import { checkedPrefix, MAX_YAML_DEPTH, MAX_YAML_DOCUMENTS } from './limits';
import { loadSource } from './source';

/** A rule whose `selection` holds `body` (lines indented 8 spaces); `more` goes after the condition. */
const sel = (body: string, condition = 'selection', more = ''): string => rule(`    selection:\n${body}\n    condition: ${condition}\n${more}`);

const yamlFindings = async (text: string): Promise<{ message: string; text: string; severity: string }[]> => {
  const r = await analyzeText('x.yml', text);
  assert.deepEqual(r.failures, [], 'no internal error');
  return r.diagnostics
    .filter((d) => d.code === 'sigma/yaml-syntax')
    .map((d) => ({ message: d.message, severity: d.severity, text: slice(new LineIndex(text), d.range) }));
};

const elapsed = async (f: () => Promise<unknown>): Promise<number> => {
  const t = Date.now();
  await f();
  return Date.now() - t;
};

describe('hostile YAML becomes findings, never exceptions', () => {
  it('an unquoted value starting with * is an alias error at the value, with a quoting fix; the rest is checked', async () => {
    const text = sel('        CommandLine: *foo*\n        Image|endswth: x.exe');
    const r = await analyzeText('x.yml', text);
    assert.deepEqual(r.failures, []);
    const d = r.diagnostics.find((x) => x.code === 'sigma/yaml-syntax')!;
    assert.equal(slice(new LineIndex(text), d.range), '*foo*');
    assert.match(d.message, /a value starting with `\*` must be quoted \('\*foo\*'\)/);
    assert.equal(d.severity, 'error');
    assert.equal(applyEdits(text, d.fixes![0].edits).includes("CommandLine: '*foo*'"), true);
    // The document stays usable: the other checks still run on it.
    assert.ok(
      r.diagnostics.some((x) => x.code === 'sigma/unknown-modifier'),
      JSON.stringify(r.diagnostics.map((x) => x.code)),
    );
    const value = r.file.sigma[0].detection!.searches[0].groups[0].items[0].values[0];
    assert.equal(value.value, '*foo*');
  });

  it('a billion-laughs document is one error and does not expand', async () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
          .fill('*' + String.fromCharCode(96 + i))
          .join(',')}]`,
      );
    const text = sel('        Image: x', 'selection', `    ${lines.join('\n    ')}\n    bomb:\n        DestinationHostname: *j`);
    let found: Awaited<ReturnType<typeof yamlFindings>> = [];
    const ms = await elapsed(async () => (found = await yamlFindings(text)));
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.match(found[0].message, new RegExp(`more than ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} values \\(a "billion laughs" structure\\)`));
    assert.ok(ms < 5000, `${ms} ms`);
  });

  it('ordinary anchors and aliases are not touched', async () => {
    const text = sel("        Image|endswith: &img '\\\\x.exe'", 'selection and other', '    other:\n        ParentImage: *img');
    assert.deepEqual(await yamlFindings(text), []);
  });

  it(`nesting deeper than ${MAX_YAML_DEPTH} levels (block and flow, 10,000 deep) is cut there with a warning`, async () => {
    for (const deep of ['- '.repeat(10_000) + 'x', '['.repeat(10_000) + ']'.repeat(10_000)]) {
      const text = sel(`        Image:\n            ${deep}`);
      const found = await yamlFindings(text);
      assert.equal(found.length, 1, JSON.stringify(found).slice(0, 300));
      assert.match(found[0].message, new RegExp(`^Not checked beyond line 12: the YAML is nested more than ${MAX_YAML_DEPTH} levels deep here`));
      assert.equal(found[0].severity, 'warning');
      // The condition lies beyond the cut: not reported missing.
      const r = await analyzeText('x.yml', text);
      assert.deepEqual(
        r.diagnostics.filter((d) => d.code === 'sigma/missing-field'),
        [],
      );
    }
  });

  it('a real rule is far from the depth limit (the estimate over-counts, never under)', () => {
    const text = sel(
      "        Image|endswith:\n            - 'a'\n            - 'b'",
      'selection',
      "    filter:\n        - CommandLine|contains|all: ['x', 'y']\n        - User: {a: [1, [2, [3]]]}",
    );
    assert.equal(checkedPrefix(text, text.length, true).truncation, undefined);
  });

  it(`a file of 10,000 documents checks the first ${MAX_YAML_DOCUMENTS} in bounded time`, async () => {
    const one = sel("        Image|endswith: '\\\\x.exe'");
    const text = Array.from({ length: 10_000 }, () => '---\n' + one).join('');
    let r: Awaited<ReturnType<typeof analyzeText>> | undefined;
    const ms = await elapsed(async () => (r = await analyzeText('x.yml', text)));
    assert.equal(r!.file.sigma.length, MAX_YAML_DOCUMENTS);
    const d = r!.diagnostics.find((x) => x.code === 'sigma/yaml-syntax')!;
    assert.match(d.message, new RegExp(`the file has more than ${MAX_YAML_DOCUMENTS} YAML documents`));
    assert.equal(d.range.start.line, MAX_YAML_DOCUMENTS * one.split('\n').length);
    assert.ok(ms < 15_000, `${ms} ms`);
  });

  it('a 200,000-entry list: no stack overflow, checked up to the size limit', async () => {
    const values = Array.from({ length: 200_000 }, (_, i) => `            - '.h${i}.example.org'`).join('\n');
    const text = sel(`        DestinationHostname|endswith:\n${values}`);
    // Sample hit counts for tens of thousands of entries have their own budget (engine/samples); not measured here.
    const config = mergeConfig(defaultConfig(), { checks: { 'domains/noisy-in-samples': 'off' } }, 'test');
    const r = await analyzeText('x.yml', text, config);
    assert.deepEqual(r.failures, []);
    assert.match(
      r.diagnostics.find((d) => d.code === 'sigma/yaml-syntax')?.message ?? '',
      /Not checked beyond line \d+: the file is 7\.\d MB, above the 512 KB limit/,
    );
    assert.ok(r.file.sigma[0].detection!.searches[0].groups[0].items[0].values.length > 10_000);
  });

  it('invalid UTF-8 (as the reader flags it) is an error on the bad bytes, one per stretch', async () => {
    const text = sel("        Image|endswith: 'a\uFFFD\uFFFDb'\n        User: '\uFFFD'");
    const r = await analyzeText('x.yml', text, undefined, undefined, { sizeBytes: text.length, invalidUtf8: true });
    const d = r.diagnostics.filter((x) => x.code === 'sigma/yaml-syntax');
    assert.deepEqual(
      d.map((x) => slice(new LineIndex(text), x.range)),
      ['\uFFFD\uFFFD', '\uFFFD'],
    );
    assert.match(d[0].message, /^Invalid UTF-8/);
    // A U+FFFD the file really contains (the reader decoded it fine) is left alone.
    assert.deepEqual(
      (await analyzeText('x.yml', text)).diagnostics.filter((x) => x.code === 'sigma/yaml-syntax'),
      [],
    );
  });

  it('a file the reader could not read is an error on it, not an exception', async () => {
    const r = await analyzeText('x.yml', '', undefined, undefined, { sizeBytes: 0, unreadable: 'cannot read it (EACCES: permission denied)' });
    assert.deepEqual(
      r.diagnostics.map((d) => [d.code, d.severity, d.message]),
      [['sigma/yaml-syntax', 'error', 'Cannot check this file: cannot read it (EACCES: permission denied).']],
    );
  });

  it('loadSource is total on hostile text', () => {
    for (const text of ['*', '&a *a', 'a: *', '? *x\n: *x', '[' + '{'.repeat(300), '- '.repeat(500), 'a: !!binary |\n  !!!', '%YAML 9.9\n---\n*']) {
      assert.doesNotThrow(() => loadSource('x.yml', text), JSON.stringify(text).slice(0, 40));
    }
  });
});
