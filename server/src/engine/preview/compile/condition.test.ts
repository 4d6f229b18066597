import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileDetection, which } from '../testing';
import { matchEvent } from '../index';

const searches = `    sel_a:
        A: '1'
    sel_b:
        B: '1'
    filter_c:
        C: '1'
    _private:
        D: '1'
`;
const events = [
  { A: '1' }, // 0
  { B: '1' }, // 1
  { A: '1', B: '1' }, // 2
  { A: '1', C: '1' }, // 3
  { D: '1' }, // 4
  { A: '1', B: '1', C: '1', D: '1' }, // 5
  {}, // 6
];
const cond = (c: string): number[] => which(`${searches}    condition: ${c}`, events);

describe('conditions', () => {
  it('and, or, not with precedence not > and > or', () => {
    assert.deepEqual(cond('sel_a and sel_b'), [2, 5]);
    assert.deepEqual(cond('sel_a or sel_b'), [0, 1, 2, 3, 5]);
    assert.deepEqual(cond('sel_a and not filter_c'), [0, 2]);
    assert.deepEqual(cond('sel_b or sel_a and filter_c'), [1, 2, 3, 5]);
    assert.deepEqual(cond('not sel_a and not sel_b'), [4, 6]);
  });
  it('parentheses', () => {
    assert.deepEqual(cond('(sel_b or sel_a) and filter_c'), [3, 5]);
    assert.deepEqual(cond('not (sel_a or sel_b)'), [4, 6]);
  });
  it('1 of / all of a pattern, and N of', () => {
    assert.deepEqual(cond('1 of sel_*'), [0, 1, 2, 3, 5]);
    assert.deepEqual(cond('all of sel_*'), [2, 5]);
    assert.deepEqual(cond('2 of sel_*'), [2, 5]);
    assert.deepEqual(cond('sel_a and not 1 of filter_*'), [0, 2]);
  });
  it("'them' covers every identifier except those starting with '_'", () => {
    assert.deepEqual(cond('1 of them'), [0, 1, 2, 3, 5]);
    assert.deepEqual(cond('all of them'), [5]);
    assert.deepEqual(cond('_private'), [4, 5]);
  });
  it('a pattern that matches nothing: 1 of is false, not 1 of is true (with a warning)', () => {
    assert.deepEqual(cond('1 of nothing_*'), []);
    assert.deepEqual(cond('sel_a and not 1 of nothing_*'), [0, 2, 3, 5]);
    const rule = compileDetection(`${searches}    condition: 1 of nothing_*`);
    assert.ok(rule.warnings.some((w) => w.includes('nothing_*')));
  });
  it('a list of conditions is OR', () => {
    const det = `${searches}    condition:\n        - sel_a and filter_c\n        - sel_b and not sel_a`;
    assert.deepEqual(which(det, events), [1, 3, 5]);
  });
  it('reports the selections that matched, not those under not', () => {
    const rule = compileDetection(`${searches}    condition: 1 of sel_* and not filter_c`);
    assert.deepEqual(matchEvent(rule, { A: '1', B: '1' }).selections, ['sel_a', 'sel_b']);
    assert.deepEqual(matchEvent(rule, { A: '1' }).selections, ['sel_a']);
  });
});
