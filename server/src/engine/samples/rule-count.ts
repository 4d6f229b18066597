import { scalarTexts, UNKNOWN, type FieldAccess } from '../preview/compile/access';
import { findProfile, profileAdmits, profileCandidates, type Profile } from '../preview/fields/profiles';
import { RawLineAccess } from '../preview/compile/raw-access';
import { compileRule, type CompiledRule } from '../preview/compile/rule';
import { matchEvent } from '../preview';
import type { SigmaRule } from '../sigma/model';
import { forEachWithinBudget, REGEX_BUDGET_MS } from '../util/budget';
import type { IndexGroup, SampleIndex } from './value-index';

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
 * groups are skipped whole when their shared logsource values, their events' shape (a proxy
 * log is never a process creation) or the fields they lack make `matchEvent` reject every event
 * of them. The index holds the events already read, so a count costs the
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
  const ids: number[] = [];
  for (const group of candidateGroups(index, compiled)) for (const id of group.ids) ids.push(id);
  let matched = 0;
  // The preview's raw pre-filter (compile/raw-access.ts): most events are rejected on their JSON
  // text, without being parsed; a definite "no" there is the parsed event's "no".
  const raw = new RawLineAccess();
  const memo = new Int8Array(compiled.searches.length);
  const prefilter = compiled.fields.length > 0;
  const test = (i: number): void => {
    if (prefilter) {
      const text = index.eventText[ids[i]];
      raw.setChunk(text);
      if (raw.reset(0, text.length) && raw.verdict(compiled, memo) === 0) return;
    }
    if (matchEvent(compiled, index.event(ids[i])).matched) matched++;
  };
  if (compiled.regexes.length === 0) for (let i = 0; i < ids.length; i++) test(i);
  else if (forEachWithinBudget(ids.length, test, REGEX_BUDGET_MS) > 0) return null;
  return { matched, scanned: index.events.baseline + index.events.attack, unreadable: index.unreadable };
}

/** The groups whose events the rule might match; every other group's events `matchEvent` rejects. */
export function candidateGroups(index: SampleIndex, compiled: CompiledRule): IndexGroup[] {
  const logsource = compiled.logsource;
  const renames = logsource.entries.flatMap((e) => (e.fieldmappings ? [e.fieldmappings] : []));
  const memo = new Int8Array(compiled.searches.length);
  const out: IndexGroup[] = [];
  for (const group of index.groups.values()) {
    const profile = group.profile === null ? null : (findProfile(group.profile) ?? null);
    if (!profileAdmits(profile, compiled.category)) continue;
    if (logsource.test((f) => group.logsource[f]) === 0) continue;
    memo.fill(-1);
    if (compiled.evaluate(groupAccess(group.names, renames, profile), memo) === 0) continue;
    out.push(group);
  }
  return out;
}

/**
 * A whole group as the rule's evaluator sees it before reading any event: a field no event of the
 * group can be found under (directly, through the logsource's renames or the group's profile) is
 * absent; any other is UNKNOWN. The evaluator is three-valued (the raw pre-filter relies on it),
 * so a definite 0 here is a 0 for every event of the group.
 */
function groupAccess(names: Set<string>, renames: Record<string, string>[], profile: Profile | null): FieldAccess {
  const known = (name: string): boolean => {
    const l = name.toLowerCase();
    if (names.has(l)) return true;
    // Dotted paths may run through arrays the index does not walk: present if their root is.
    const dot = l.indexOf('.');
    return dot > 0 && names.has(l.slice(0, dot));
  };
  const present = (field: string): boolean =>
    known(field) || renames.some((r) => r[field] !== undefined && known(r[field])) || (profile !== null && profileCandidates(profile, field).some(known));
  return {
    value: (f) => (present(f) ? UNKNOWN : undefined),
    texts: (f) => (present(f) ? UNKNOWN : scalarTexts(undefined)),
    keywords: () => UNKNOWN,
  };
}
