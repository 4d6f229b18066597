import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PreviewResult } from '../../engine/preview';
import { countTitle, lensTitle } from './code-lens';

const base: PreviewResult = { rule: 'r', scanned: 12400, matched: 3, matches: [], skipped: [], slowRegexes: [], warnings: [], sources: [], cancelled: false };

describe('CodeLens title', () => {
  it('counts matches for a detection rule', () => {
    assert.equal(lensTitle(base), '▶ 3 matches in 12,400 events');
    assert.equal(lensTitle({ ...base, matched: 0 }), '▶ no matches in 12,400 events');
  });
  it('reads the same from the sample index as from a preview, unreadable records included', () => {
    const unreadable = {
      ...base,
      skipped: [
        { source: 's', index: 4, reason: 'bad json' },
        { source: 's', index: -1, reason: 'whole file' },
      ],
    };
    assert.equal(countTitle({ matched: 3, scanned: 12400, unreadable: 1 }), lensTitle(unreadable));
    assert.equal(countTitle({ matched: 3, scanned: 12400, unreadable: 1 }), '▶ 3 matches in 12,400 events (1 unreadable)');
    assert.equal(countTitle({ matched: 1, scanned: 1, unreadable: 0 }), '▶ 1 match in 1 event');
  });
  it('counts correlation groups for a correlation rule', () => {
    const group = { rule: 'c', group: { Computer: 'a' }, window: { start: '2025-01-01T00:00:00Z', end: '2025-01-01T00:01:00Z' }, count: 2, events: [] };
    assert.equal(lensTitle({ ...base, correlations: [group, group] }), '▶ 2 correlations (3 matched events in 12,400)');
    assert.equal(lensTitle({ ...base, correlations: [group] }), '▶ 1 correlation (3 matched events in 12,400)');
    assert.equal(lensTitle({ ...base, correlations: [] }), '▶ no correlations (3 matched events in 12,400)');
  });
});
