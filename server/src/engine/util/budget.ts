import { createContext, Script } from 'node:vm';

/**
 * Runs `fn(0) … fn(n-1)` where each call may take at most `budgetMs` (a user's `|re` or KQL
 * `matches regex` can backtrack for minutes on one value). A call over budget is abandoned and
 * counted; the calls after it still run, so one killer value never disables a regex for the rest.
 *
 * Calls run in batches under one `vm` timeout (the watchdog costs ~0.3 ms per arm, too much per
 * value); when a batch times out, the call in progress is retried alone with a full budget, so the
 * budget is per call, not per batch. `fn` must make its side effects after its slow part (an
 * abandoned call must leave nothing half done).
 */
export function forEachWithinBudget(n: number, fn: (i: number) => void, budgetMs: number): number {
  if (n <= 0) return 0;
  const ctx = createContext({ fn, i: 0, n: 0 });
  const script = new Script('for (; i < n; i++) fn(i);');
  const run = (from: number, to: number): boolean => {
    ctx.i = from;
    ctx.n = to;
    try {
      script.runInContext(ctx, { timeout: Math.max(1, Math.round(budgetMs)) });
      return true;
    } catch (e) {
      if ((e as { code?: string }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw e;
      return false;
    }
  };
  let skipped = 0;
  let i = 0;
  while (i < n) {
    if (run(i, n)) break;
    const at = ctx.i as number;
    if (!run(at, at + 1)) skipped++;
    i = at + 1;
  }
  return skipped;
}

/** The per-evaluation budget every path uses for user regexes (preview's per-event budget). */
export const REGEX_BUDGET_MS = 2000;
