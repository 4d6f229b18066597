import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { platform } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';

/** The nice value of thread `tid` of this process (field 19 of /proc/PID/task/TID/stat). */
function niceOf(tid: number): number {
  const stat = readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

describe('lowerThreadPriority', () => {
  it(
    'lowers the calling worker thread only, not the thread that started it',
    { skip: platform() !== 'linux' && 'per-thread priority is Linux only' },
    async (t) => {
      const script = `
      const { parentPort } = require('node:worker_threads');
      const said = require(${JSON.stringify(join(__dirname, 'priority.js'))}).lowerThreadPriority();
      parentPort.postMessage(said);
      setTimeout(() => {}, 2000);`;
      const mainNice = niceOf(process.pid);
      if (mainNice >= 10) return t.skip(`the tests already run at nice ${mainNice}`);
      const worker = new Worker(script, { eval: true });
      try {
        const said = await new Promise<string>((resolve, reject) => worker.once('message', resolve).once('error', reject));
        const tid = Number(/thread (\d+) runs at nice 10/.exec(said)?.[1]);
        assert.ok(tid > 0, said);
        assert.equal(niceOf(tid), 10);
        assert.equal(niceOf(process.pid), mainNice, 'the main thread keeps its priority');
      } finally {
        await worker.terminate();
      }
    },
  );
});
