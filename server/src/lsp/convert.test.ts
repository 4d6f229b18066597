import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from '../engine/index';
import { toLspDiagnostics } from './convert';

const at = (line: number): Diagnostic['range'] => ({ start: { line, character: 4 }, end: { line, character: 16 } });

describe('LSP diagnostics: one per entry', () => {
  it('publishes the leader only, with the linked findings in its related information', () => {
    const ds: Diagnostic[] = [
      { code: 'domains/high-prevalence', severity: 'warning', message: 'popular', range: at(3) },
      { code: 'domains/no-dot-boundary', severity: 'information', message: 'no dot', range: at(3), relatedTo: 'domains/high-prevalence' },
      { code: 'domains/noisy-in-samples', severity: 'information', message: 'noisy', range: at(3), relatedTo: 'domains/high-prevalence' },
      { code: 'domains/redundant', severity: 'information', message: 'dup', range: at(4) },
    ];
    const out = toLspDiagnostics(ds, 'file:///r.yml');
    assert.deepEqual(
      out.map((d) => d.code),
      ['domains/high-prevalence', 'domains/redundant'],
    );
    assert.equal(out[0].relatedInformation?.length, 2);
    assert.match(out[0].relatedInformation![0].message, /^Also domains\/no-dot-boundary \(information\): no dot/);
    assert.equal(out[0].relatedInformation![0].location.uri, 'file:///r.yml');
  });
  it('keeps a linked finding whose leader is missing (suppressed), rather than losing it', () => {
    const out = toLspDiagnostics(
      [{ code: 'domains/redundant', severity: 'information', message: 'dup', range: at(1), relatedTo: 'domains/malformed' }],
      'file:///r.yml',
    );
    assert.equal(out.length, 1);
  });
});
