/**
 * The regex time budget of the KQL preview. Kusto runs RE2 (linear time); JavaScript backtracks,
 * and a pattern with a repeated group of repeated items (`(a+)+`) can run for minutes on a near
 * miss. Such patterns (strops.ts `hasNestedQuantifier`) are evaluated through `node:vm` with a
 * timeout, which interrupts a running regex; other patterns, and short inputs (at most 24
 * characters, where even exponential backtracking stays in the millions of steps), run directly.
 * The budget is the Sigma preview's per-event budget (engine/preview, 2000 ms). A regex that
 * exceeds it stops the preview with a RegexBudgetError naming the pattern.
 */
import vm from 'node:vm';

const REGEX_BUDGET_MS = 2000;
const SHORT_INPUT = 24;

export class RegexBudgetError extends Error {
  constructor(
    readonly pattern: string,
    readonly offset: number,
    readonly budgetMs: number,
    readonly inputLength: number,
  ) {
    super(
      `regex ${JSON.stringify(pattern)} ran past the ${budgetMs} ms budget on a value of ${inputLength} characters (JavaScript backtracks where Kusto's RE2 does not); simplify the repeated group`,
    );
  }
}

const SCRIPT = new vm.Script('out = re.exec(s)');

/** A RegExp whose `exec` (and so `test`, `replace`, `matchAll`...) runs under the time budget. */
export class GuardedRegExp extends RegExp {
  private readonly plain: RegExp;
  private readonly context: vm.Context;

  constructor(
    pattern: string,
    flags: string,
    private readonly offset: number,
    private readonly budgetMs = REGEX_BUDGET_MS,
  ) {
    super(pattern, flags);
    this.plain = new RegExp(pattern, flags);
    this.context = vm.createContext({ re: this.plain, s: '', out: null });
  }

  // RegExp methods create species copies through this constructor; plain RegExps are enough there.
  static override get [Symbol.species](): RegExpConstructor {
    return RegExp;
  }

  override exec(s: string): RegExpExecArray | null {
    if (s.length <= SHORT_INPUT) return super.exec(s);
    this.plain.lastIndex = this.lastIndex;
    this.context.s = s;
    try {
      SCRIPT.runInContext(this.context, { timeout: this.budgetMs });
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new RegexBudgetError(this.source, this.offset, this.budgetMs, s.length);
      throw e;
    }
    this.lastIndex = this.plain.lastIndex;
    return this.context.out as RegExpExecArray | null;
  }
}
