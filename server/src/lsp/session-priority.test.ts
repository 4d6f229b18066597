import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TYPING_NICE, TypingPriority, type SchedulingGroup } from './session-priority';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A scheduling group that records what it was set to, and can refuse like the kernel's rate limit. */
function fakeGroup(refusals = 0): SchedulingGroup & { sets: number[]; tries: number } {
  const g = {
    sets: [] as number[],
    tries: 0,
    setNice(nice: number): boolean {
      g.tries++;
      if (refusals > 0) {
        refusals--;
        return false;
      }
      g.sets.push(nice);
      return true;
    },
  };
  return g;
}

describe('TypingPriority', () => {
  it('lowers the group once per burst of edits and restores it after the pause', async () => {
    const group = fakeGroup();
    const p = new TypingPriority(group, () => {}, 80);
    try {
      for (let i = 0; i < 5; i++) {
        p.edited();
        await sleep(10);
      }
      assert.deepEqual(group.sets, [TYPING_NICE], 'one change for five keys');
      await sleep(150);
      assert.deepEqual(group.sets, [TYPING_NICE, 0], 'normal again after the pause');
      p.edited();
      assert.deepEqual(group.sets, [TYPING_NICE, 0, TYPING_NICE], 'the next burst lowers it again');
    } finally {
      p.dispose();
    }
  });

  it('tries again when the kernel refuses a change for now (EAGAIN)', async () => {
    const group = fakeGroup(1);
    const p = new TypingPriority(group, () => {}, 1000);
    try {
      p.edited();
      p.edited();
      assert.deepEqual(group.sets, [], 'refused, and a retry is pending (not one try per key)');
      assert.equal(group.tries, 1);
      await sleep(200);
      assert.deepEqual(group.sets, [TYPING_NICE]);
    } finally {
      p.dispose();
    }
  });

  it('says once when the group cannot be changed, and stops trying', () => {
    const said: string[] = [];
    let tries = 0;
    const p = new TypingPriority(
      {
        setNice() {
          tries++;
          throw new Error('EACCES: permission denied');
        },
      },
      (m) => said.push(m),
      1000,
    );
    try {
      p.edited();
      p.edited();
      assert.equal(tries, 1);
      assert.equal(said.length, 1);
      assert.match(said[0], /session priority unchanged \(EACCES/);
    } finally {
      p.dispose();
    }
  });
});
