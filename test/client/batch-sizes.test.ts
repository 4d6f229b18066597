import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { batchSizes } from '../../client/src/commands/batch-sizes';

describe('workspace check batches', () => {
  it('grow from a quick first batch, cover every file exactly once, and stay capped', () => {
    assert.deepEqual(batchSizes(3141), [250, 500, 1000, 1391]);
    assert.deepEqual(batchSizes(100), [100]);
    assert.deepEqual(batchSizes(0), []);
    const big = batchSizes(20000);
    assert.equal(
      big.reduce((a, b) => a + b, 0),
      20000,
    );
    assert.ok(big.every((n) => n <= 2000));
  });
});
