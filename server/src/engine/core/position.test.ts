import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rangesTouch, type Range } from './position';

const r = (l1: number, c1: number, l2: number, c2: number): Range => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });

describe('rangesTouch', () => {
  it('is true for overlapping, nested and end-to-start ranges, either way round', () => {
    for (const [a, b] of [
      [r(1, 2, 1, 8), r(1, 5, 1, 12)],
      [r(0, 0, 9, 0), r(4, 3, 4, 3)],
      [r(2, 4, 2, 10), r(2, 10, 2, 10)], // a cursor right after an entry is on it
      [r(1, 0, 3, 0), r(3, 0, 5, 0)],
    ]) {
      assert.equal(rangesTouch(a, b), true, JSON.stringify([a, b]));
      assert.equal(rangesTouch(b, a), true, JSON.stringify([b, a]));
    }
  });

  it('is false for ranges apart on one line or on different lines', () => {
    for (const [a, b] of [
      [r(2, 4, 2, 10), r(2, 11, 2, 12)],
      [r(1, 0, 1, 80), r(2, 0, 2, 0)],
    ]) {
      assert.equal(rangesTouch(a, b), false, JSON.stringify([a, b]));
      assert.equal(rangesTouch(b, a), false, JSON.stringify([b, a]));
    }
  });
});
