import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText, INTERNAL_ERROR, internalErrorDiagnostic } from './analyze';
import type { Check } from './checks/check';
import { ALL_CHECKS } from './checks/registry';
import { rule } from './checks/testing';
import { defaultConfig } from './config/config';
import { PREPARERS } from './prepare';

const BROKEN = `${rule('    selection:\n        Image|endswth: x.exe\n    condition: selection\n')}`;

const throwing: Check = {
  id: 'test/throws',
  defaultSeverity: 'error',
  doc: 'A check with a bug.',
  kinds: ['sigma'],
  run() {
    throw new TypeError("Cannot read properties of undefined (reading 'x')");
  },
};

describe('analyzeText isolates failures', () => {
  it('a check that throws becomes one tripline/internal-error warning; the other checks still report', async () => {
    const r = await analyzeText('x.yml', BROKEN, defaultConfig(), [throwing, ...ALL_CHECKS]);
    const internal = r.diagnostics.filter((d) => d.code === INTERNAL_ERROR);
    assert.equal(internal.length, 1);
    assert.equal(internal[0].severity, 'warning');
    assert.match(internal[0].message, /^Tripline failed while running check test\/throws: Cannot read properties of undefined/);
    assert.ok(r.diagnostics.some((d) => d.code === 'sigma/unknown-modifier'));
    assert.equal(r.failures.length, 1);
    assert.ok(r.failures[0].error instanceof TypeError && r.failures[0].error.stack, 'the stack is kept for the front end');
  });

  it('a preparer that rejects is reported the same way and does not stop the checks', async () => {
    const failing = async (): Promise<void> => {
      throw new Error('worker died');
    };
    PREPARERS.push(failing);
    try {
      const r = await analyzeText('x.yml', BROKEN);
      assert.deepEqual(
        r.failures.map((f) => f.stage),
        [`preparing the file (step ${PREPARERS.length}: failing)`],
      );
      assert.ok(r.diagnostics.some((d) => d.code === INTERNAL_ERROR && d.message.includes('worker died')));
      assert.ok(r.diagnostics.some((d) => d.code === 'sigma/unknown-modifier'));
    } finally {
      PREPARERS.pop();
    }
  });

  it('internalErrorDiagnostic turns anything thrown into a diagnostic (for the language server)', () => {
    const d = internalErrorDiagnostic('computing hovers', 'a string, not an Error\nsecond line');
    assert.equal(d.code, INTERNAL_ERROR);
    assert.equal(d.message, 'Tripline failed while computing hovers: a string, not an Error. The rest of the file was checked; please report this.');
    assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  });
});
