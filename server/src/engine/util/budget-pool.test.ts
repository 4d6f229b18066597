import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BudgetExceeded, BudgetPool, TaskCancelled, WorkerTaskError } from './budget-pool';

/** A worker for the tests: spins, sleeps, throws or echoes as the payload says. */
const WORKER = `
const { serveTasks } = require(${JSON.stringify(join(__dirname, 'budget-pool.js'))});
let state = 'none';
serveTasks({
  state(key, payload) { if (key === 'greeting') state = payload; },
  before(p) { if (p.loadMs) { const end = Date.now() + p.loadMs; while (Date.now() < end); } },
  run(p) {
    if (p.spinMs) { const end = Date.now() + p.spinMs; while (Date.now() < end); }
    if (p.throw) throw new Error(p.throw);
    if (p.state) return state;
    return p.value;
  },
});
`;

describe('BudgetPool', () => {
  let dir: string;
  let script: string;
  const pools: BudgetPool[] = [];
  const pool = (size: number, budgetMs: number, extra: { maxSize?: number; growAfterMs?: number; killCancelledAfterMs?: number } = {}): BudgetPool => {
    const p = new BudgetPool({ script, size, budgetMs, ...extra });
    pools.push(p);
    return p;
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tripline-pool-'));
    script = join(dir, 'worker.js');
    writeFileSync(script, WORKER);
  });
  after(async () => {
    await Promise.all(pools.map((p) => p.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs tasks in a worker and answers with their results', async () => {
    const p = pool(1, 5000);
    assert.deepEqual((await p.run<number>({ value: 42 })).result, 42);
  });

  it('stops a task that runs past its budget, and the next task gets a fresh worker', async () => {
    const p = pool(1, 300);
    const t0 = Date.now();
    await assert.rejects(p.run({ spinMs: 60000 }), (e: unknown) => e instanceof BudgetExceeded && e.budgetMs === 300);
    assert.ok(Date.now() - t0 < 10000, `the budget fired after ${Date.now() - t0} ms`);
    assert.equal((await p.run<string>({ value: 'after' })).result, 'after');
  });

  it('keeps serving other tasks while one worker is stuck', async () => {
    const p = pool(2, 20000);
    const slow = p.run({ spinMs: 3000 });
    const t0 = Date.now();
    assert.equal((await p.run<string>({ value: 'quick' })).result, 'quick');
    assert.ok(Date.now() - t0 < 2500, `a quick task waited ${Date.now() - t0} ms behind a slow one`);
    await slow;
  });

  it('starts another worker when the only one is stuck on a slow task', async () => {
    const p = pool(1, 20000, { maxSize: 2, growAfterMs: 100 });
    const slow = p.run({ spinMs: 3000 });
    const t0 = Date.now();
    assert.equal((await p.run<string>({ value: 'quick' })).result, 'quick');
    assert.ok(Date.now() - t0 < 2500, `a quick task waited ${Date.now() - t0} ms behind a slow one`);
    assert.equal(p.size, 2);
    await slow;
  });

  it('does not charge one-time loads (before) to the budget', async () => {
    const p = pool(1, 400);
    assert.equal((await p.run<string>({ loadMs: 900, value: 'loaded' })).result, 'loaded');
  });

  it('cancels queued tasks and stops superseded running ones that are slow (latest wins)', async () => {
    const p = pool(1, 30000, { killCancelledAfterMs: 300 });
    await p.run({ value: 'worker is up' });
    const first = new AbortController();
    const second = new AbortController();
    const running = p.run({ spinMs: 60000, value: 'old' }, { signal: first.signal });
    const queued = p.run({ value: 'queued' }, { signal: second.signal });
    second.abort();
    await assert.rejects(queued, TaskCancelled);
    await new Promise((r) => setTimeout(r, 1000));
    first.abort();
    await assert.rejects(running, TaskCancelled);
    // The slow superseded task was stopped: the next one does not wait for its minute of work.
    const t0 = Date.now();
    assert.equal((await p.run<string>({ value: 'new' })).result, 'new');
    assert.ok(Date.now() - t0 < 10000, `waited ${Date.now() - t0} ms for a cancelled task`);
  });

  it('lets a superseded task that is nearly done finish and answer', async () => {
    const p = pool(1, 20000, { killCancelledAfterMs: 5000 });
    const ac = new AbortController();
    const running = p.run<string>({ spinMs: 300, value: 'still useful' }, { signal: ac.signal });
    await new Promise((r) => setTimeout(r, 100));
    ac.abort();
    assert.equal((await running).result, 'still useful');
  });

  it('a task that nobody waits for once cancelled (killCancelledAfterMs: 0) stops its worker at once', async () => {
    const p = pool(1, 30000, { killCancelledAfterMs: 5000 });
    await p.run({ value: 'worker is up' });
    const ac = new AbortController();
    const running = p.run({ spinMs: 60000, value: 'report' }, { signal: ac.signal, killCancelledAfterMs: 0 });
    await new Promise((r) => setTimeout(r, 100));
    ac.abort();
    await assert.rejects(running, TaskCancelled);
    const t0 = Date.now();
    assert.equal((await p.run<string>({ value: 'next' })).result, 'next');
    assert.ok(Date.now() - t0 < 10000, `waited ${Date.now() - t0} ms for a cancelled task`);
  });

  it('reports an error thrown in the worker with its stack', async () => {
    const p = pool(1, 5000);
    await assert.rejects(
      p.run({ throw: 'boom' }),
      (e: unknown) => e instanceof WorkerTaskError && e.message === 'boom' && /Error: boom/.test(e.workerStack ?? ''),
    );
  });

  it('replays state to a worker that replaced one that blew its budget', async () => {
    const p = pool(1, 300);
    p.setState('greeting', 'hello');
    assert.equal((await p.run<string>({ state: true })).result, 'hello');
    await assert.rejects(p.run({ spinMs: 60000 }), BudgetExceeded);
    assert.equal((await p.run<string>({ state: true })).result, 'hello');
  });

  it('runs urgent tasks before queued background ones', async () => {
    const p = pool(1, 20000);
    const order: string[] = [];
    const busy = p.run({ spinMs: 300 });
    const bg = p.run<string>({ value: 'background' }, { priority: 2 }).then((r) => order.push(r.result));
    const urgent = p.run<string>({ value: 'urgent' }, { priority: 0 }).then((r) => order.push(r.result));
    await Promise.all([busy, bg, urgent]);
    assert.deepEqual(order, ['urgent', 'background']);
  });
});
