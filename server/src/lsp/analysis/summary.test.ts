import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runChecks } from '../../engine/analyze';
import type { Check } from '../../engine/checks/check';
import { defaultConfig } from '../../engine/config/config';
import { loadSource } from '../../engine/document/source';
import { withoutFixes } from './summary';

const RULE = `title: t
logsource:
    category: proxy
detection:
    selection:
        c-uri|contains: 'x'
    condition: selection
`;

describe('fixes built on demand', () => {
  it('are built once, when first read, and never for the summary sent to the main thread', () => {
    let built = 0;
    const lazy: Check = {
      id: 'test/lazy-fix',
      defaultSeverity: 'warning',
      doc: 'test',
      kinds: ['sigma'],
      run(ctx) {
        const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
        ctx.report({
          range,
          message: 'lazy',
          fixes: () => {
            built++;
            return [{ title: 'fix it', edits: [{ range, newText: 'T' }] }];
          },
        });
      },
    };
    const [d] = runChecks(loadSource('/r.yml', RULE), defaultConfig(), [lazy]);
    assert.equal(built, 0, 'not built by the analysis');
    const summary = withoutFixes(d);
    assert.equal(built, 0, 'not built for the summary');
    assert.equal(summary.fixable, true);
    assert.ok(!('fixes' in summary));
    assert.equal(summary.message, 'lazy');
    assert.equal(d.fixes?.[0].title, 'fix it');
    assert.equal(JSON.parse(JSON.stringify(d)).fixes[0].edits[0].newText, 'T', 'JSON output carries them');
    assert.deepEqual({ ...d }.fixes, d.fixes, 'a copy carries them');
    assert.equal(built, 1, 'built once');
  });

  it('a finding without fixes is not marked fixable', () => {
    const plain: Check = {
      id: 'test/plain',
      defaultSeverity: 'warning',
      doc: 'test',
      kinds: ['sigma'],
      run: (ctx) => ctx.report({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'plain' }),
    };
    const [d] = runChecks(loadSource('/r.yml', RULE), defaultConfig(), [plain]);
    assert.equal(withoutFixes(d).fixable, undefined);
  });
});
