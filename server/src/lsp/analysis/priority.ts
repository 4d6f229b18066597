import { readlinkSync } from 'node:fs';
import { constants, platform, setPriority } from 'node:os';

/**
 * Lowers the scheduling priority of the calling thread to "below normal" (nice 10 on Linux), so
 * that on a machine whose cores the editor keeps busy (typing on a 2-core laptop) the editor's
 * keystrokes go first and Tripline's analysis takes the CPU they leave. On an idle core it changes
 * nothing: the scheduler gives idle CPU to whoever asks. The same choice clangd makes for its
 * background index.
 *
 * Only Linux can do this per thread (setpriority on a thread id); elsewhere the whole editor
 * process tree would be affected, so nothing is changed. Returns what happened, for the log.
 */
export function lowerThreadPriority(): string {
  if (platform() !== 'linux') return 'thread priority unchanged (per-thread priority is Linux only)';
  try {
    // "/proc/thread-self" links to "<pid>/task/<tid>" for the calling thread.
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return 'thread priority unchanged (no thread id)';
    setPriority(tid, constants.priority.PRIORITY_BELOW_NORMAL);
    return `thread ${tid} runs at nice ${constants.priority.PRIORITY_BELOW_NORMAL}`;
  } catch (e) {
    return `thread priority unchanged (${e instanceof Error ? e.message : String(e)})`;
  }
}
