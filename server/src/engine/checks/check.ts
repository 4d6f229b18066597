import type { Fix, Severity } from '../core/diagnostic';
import type { Range } from '../core/position';
import type { TriplineConfig } from '../config/config';
import type { DocumentKind, SourceFile } from '../document/source';
import type { RuleSetIndex } from '../workspace/rule-set';

interface Finding {
  range: Range;
  message: string;
  /**
   * The finding's fixes, or a function that builds them when someone asks (the quick-fix menu,
   * `--fix`, JSON output): a fix that rewrites a whole list costs more than finding the problem,
   * and while the user types nobody asks (issue 14).
   */
  fixes?: Fix[] | (() => Fix[]);
  /** Overrides the check's default severity for this finding (e.g. a careful rule gets a milder note). */
  severity?: Severity;
  /** Which of the check's `messages` this is: stable for tests and tools while the prose may change. */
  messageId?: string;
  /** The values the message names (an identifier, a modifier), for tests to compare instead of prose. */
  data?: MessageData;
}

export type MessageData = Readonly<Record<string, string | number>>;

export interface CheckContext {
  file: SourceFile;
  config: TriplineConfig;
  /**
   * Ids and names of the Sigma rules in the other files of the same run (the CLI's inputs), for
   * checks that resolve references between rules; undefined when the caller has no such context.
   */
  workspaceRules?: ReadonlySet<string>;
  /** Ids, titles and file names declared across the run's rule files, for duplicate checks; undefined without such context. */
  ruleSet?: RuleSetIndex;
  report(finding: Finding): void;
}

/** One diagnostic code: its id, default severity, what it means, and the function that finds it. */
export interface Check {
  id: string;
  defaultSeverity: Severity;
  /** One paragraph for users: what fires, why it matters, how to fix it. */
  doc: string;
  kinds: readonly DocumentKind[];
  /** The kinds of finding it reports, by messageId, each with one line saying what it means. */
  messages?: Readonly<Record<string, string>>;
  run(ctx: CheckContext): void;
}
