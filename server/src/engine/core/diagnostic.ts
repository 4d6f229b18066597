import type { Range } from './position';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A quick fix: edits to the same document, or a configuration change the front end carries out. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Preferred fixes are shown first. */
  preferred?: boolean;
  /**
   * Safe to apply without a human looking: it keeps the rule's meaning (case, punctuation, a
   * duplicate removed, `**` to `*`) or is the one obvious intent (a typo with a single nearest
   * candidate). `tripline check --fix` and the editor's `source.fixAll.tripline` apply only these.
   * Never set on fixes that change what a domain list matches or guess among ATT&CK ids.
   */
  safe?: boolean;
  /** A fix that is not a text edit (e.g. add a domain to the allowlist); front ends translate it. */
  command?: { id: string; args: unknown[] };
}

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes?: Fix[];
  /** Links a user can follow for more (ATT&CK pages, docs). */
  related?: { message: string; range: Range }[];
  /**
   * Set when another diagnostic on the same entry leads (it is more severe): the leader's code. The
   * editor shows only the leader, with this one in its related information; JSON and SARIF keep
   * one entry per code, linked by this field.
   */
  relatedTo?: string;
  /** The check's stable id for this kind of finding, and the values its message names (see Finding). */
  messageId?: string;
  data?: Readonly<Record<string, string | number>>;
}

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}
