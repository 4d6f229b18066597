import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forEachWithinBudget } from './budget';

describe('forEachWithinBudget', () => {
  it('runs every call, abandons only the one over budget, and keeps going after it', () => {
    const re = /^(a+)+$/;
    const values = ['aaa', 'a'.repeat(34) + 'b', 'aa', 'b', 'a'.repeat(36) + '!', 'aaaa'];
    const out: (boolean | undefined)[] = values.map(() => undefined);
    const t = Date.now();
    const skipped = forEachWithinBudget(
      values.length,
      (i) => {
        const r = re.test(values[i]);
        out[i] = r;
      },
      50,
    );
    assert.equal(skipped, 2);
    assert.deepEqual(out, [true, undefined, true, false, undefined, true]);
    assert.ok(Date.now() - t < 2000, `took ${Date.now() - t} ms`);
  });
  it('a batch whose fast calls together exceed the budget loses nothing', () => {
    let n = 0;
    const skipped = forEachWithinBudget(
      200,
      () => {
        const end = Date.now() + 1;
        while (Date.now() < end);
        n++;
      },
      20,
    );
    assert.equal(skipped, 0);
    assert.equal(n, 200);
  });
});
