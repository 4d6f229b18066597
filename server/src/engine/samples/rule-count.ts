import { compileLogsource } from '../preview/logsource';
import { compileRule, type CompiledRule } from '../preview/compile/rule';
import { matchEvent } from '../preview';
import type { SigmaRule } from '../sigma/model';
import { forEachWithinBudget, REGEX_BUDGET_MS } from '../util/budget';
import type { SampleIndex } from './value-index';

/** What the CodeLens shows: the preview's counts, without its matched events. */
export interface SampleCount {
  matched: number;
  scanned: number;
  /** Sample records that could not be read. */
  unreadable: number;
}

/**
 * A detection rule's match count on the indexed samples, equal to a full preview's: every event
 * of the logsource groups the rule admits is evaluated with the preview's own `matchEvent`;
 * groups whose shared logsource values the rule rejects are skipped whole (the logsource test
 * reads only those values). The index holds the events already read, so a count costs the
 * admitted events' parse and evaluation — milliseconds for most rules — instead of reading and
 * decoding every sample file.
 *
 * Null when this cannot give the preview's exact answer: a regex ran past its budget (the
 * preview's watchdog decides those), or the rule does not compile (the preview reports why).
 */
export function countOnIndex(index: SampleIndex, rule: SigmaRule, placeholders?: Record<string, string[]>): SampleCount | null {
  let compiled: CompiledRule;
  try {
    compiled = compileRule(rule, { placeholders });
  } catch {
    return null;
  }
  const logsource = compileLogsource(rule.logsource);
  const ids: number[] = [];
  for (const group of index.groups.values()) {
    if (logsource.test((f) => group.logsource[f]) === 0) continue;
    for (const id of group.ids) ids.push(id);
  }
  let matched = 0;
  const test = (i: number): void => {
    if (matchEvent(compiled, index.event(ids[i])).matched) matched++;
  };
  if (compiled.regexes.length === 0) for (let i = 0; i < ids.length; i++) test(i);
  else if (forEachWithinBudget(ids.length, test, REGEX_BUDGET_MS) > 0) return null;
  return { matched, scanned: index.events.baseline + index.events.attack, unreadable: index.unreadable };
}
