/**
 * The correlation evaluator over occurrences (events matched by the referenced rules, or firings of
 * a referenced correlation). Windowing, precisely:
 *
 * - Occurrences are grouped by the values of `group-by` (aliases resolved per referenced rule);
 *   an occurrence lacking a group-by field belongs to no group (as `stats ... by` in a SIEM).
 * - Within a group, in time order, every occurrence may open a window that reaches `timespan`
 *   later (inclusive): the window is sliding, not aligned to clock boundaries, as the
 *   specification asks ("The time frame should not be restricted to boundaries").
 * - event_count and value_*: the aggregate covers the whole window [t, t + timespan]. temporal:
 *   the window grows event by event and fires at the first event where the number of distinct
 *   referenced rules meets the condition. temporal_ordered: the window must open with an event of
 *   the first rule; the count is how many rules were seen in the order of `rules` (greedy, which
 *   finds an ordered chain whenever one exists), and it fires at the event that meets the condition.
 * - A window that fires is reported once; the next window opens after its last event (firings
 *   never overlap). A window that does not fire moves on to the next occurrence as its start.
 */
import type { CorrelationSpec } from './spec';
import { conditionHolds } from './spec';

export interface Occurrence {
  time: number;
  /** Time of the earliest event behind it (a referenced correlation's firing starts before it fires). */
  first: number;
  /** Reading order, to break ties in time. */
  order: number;
  /** Index of the referenced rule in `spec.rules`. */
  ref: number;
  /** The occurrence's value of a field (already the rule's own field name). */
  get(field: string): unknown;
}

interface Firing<O extends Occurrence> {
  group: Record<string, unknown>;
  start: number;
  end: number;
  count?: number;
  value?: number;
  members: O[];
}

interface Evaluation<O extends Occurrence> {
  firings: Firing<O>[];
  /** Occurrences left out because a group-by field was missing. */
  ungrouped: number;
}

/** `aliasFor(ref, name)`: the field `name` (maybe an alias) means in events of rule `ref`. */
export function evaluateCorrelation<O extends Occurrence>(
  spec: CorrelationSpec,
  occurrences: O[],
  aliasFor: (ref: number, name: string) => string,
): Evaluation<O> {
  const groups = new Map<string, { values: Record<string, unknown>; items: O[] }>();
  let ungrouped = 0;
  for (const o of occurrences) {
    const values: Record<string, unknown> = {};
    let complete = true;
    for (const g of spec.groupBy) {
      const v = o.get(aliasFor(o.ref, g));
      if (v === undefined || v === null || v === '') {
        complete = false;
        break;
      }
      values[g] = v;
    }
    if (!complete) {
      ungrouped++;
      continue;
    }
    const key = JSON.stringify(spec.groupBy.map((g) => values[g]));
    const slot = groups.get(key);
    if (slot) slot.items.push(o);
    else groups.set(key, { values, items: [o] });
  }
  const firings: Firing<O>[] = [];
  for (const { values, items } of groups.values()) {
    items.sort((a, b) => a.time - b.time || a.order - b.order || a.ref - b.ref);
    const raw = spec.type === 'temporal' || spec.type === 'temporal_ordered' ? temporalWindows(spec, items) : countingWindows(spec, items, aliasFor);
    for (const f of raw) firings.push({ ...f, group: values });
  }
  firings.sort((a, b) => a.start - b.start || a.members[0].order - b.members[0].order);
  return { firings, ungrouped };
}

type Raw<O extends Occurrence> = Omit<Firing<O>, 'group'>;

function countingWindows<O extends Occurrence>(spec: CorrelationSpec, items: O[], aliasFor: (ref: number, name: string) => string): Raw<O>[] {
  const out: Raw<O>[] = [];
  let i = 0;
  let j = 0;
  while (i < items.length) {
    if (j < i) j = i;
    while (j + 1 < items.length && items[j + 1].time - items[i].time <= spec.timespanMs) j++;
    const window = items.slice(i, j + 1);
    const v = aggregate(spec, window, aliasFor);
    if (v !== null && conditionHolds(spec.condition, v)) {
      out.push({
        start: earliest(window),
        end: window[window.length - 1].time,
        ...(spec.type === 'event_count' ? { count: v } : { value: v }),
        members: window,
      });
      i = j + 1;
    } else i++;
  }
  return out;
}

function temporalWindows<O extends Occurrence>(spec: CorrelationSpec, items: O[]): Raw<O>[] {
  // Temporal types count rules, not field values: no field to resolve.
  const out: Raw<O>[] = [];
  const ordered = spec.type === 'temporal_ordered';
  let i = 0;
  while (i < items.length) {
    if (ordered && items[i].ref !== 0) {
      i++;
      continue;
    }
    const seen = new Set<number>();
    let next = 0;
    let fired = -1;
    for (let k = i; k < items.length && items[k].time - items[i].time <= spec.timespanMs; k++) {
      const ref = items[k].ref;
      if (ordered) {
        if (ref === next) next++;
      } else seen.add(ref);
      const count = ordered ? next : seen.size;
      if (conditionHolds(spec.condition, count)) {
        const members = items.slice(i, k + 1);
        out.push({ start: earliest(members), end: items[k].time, count, members });
        fired = k;
        break;
      }
    }
    i = fired >= 0 ? fired + 1 : i + 1;
  }
  return out;
}

function earliest(items: Occurrence[]): number {
  return Math.min(...items.map((o) => o.first));
}

/** The window's value for event_count and the value_* types; null when nothing can be computed. */
function aggregate<O extends Occurrence>(spec: CorrelationSpec, window: O[], aliasFor: (ref: number, name: string) => string): number | null {
  if (spec.type === 'event_count') return window.length;
  const valueOf = (o: O, field: string): unknown => o.get(aliasFor(o.ref, field));
  if (spec.type === 'value_count') {
    const distinct = new Set<string>();
    for (const o of window) {
      const vs = spec.field.map((f) => valueOf(o, f));
      if (vs.some((v) => v === undefined || v === null || v === '')) continue;
      distinct.add(JSON.stringify(vs));
    }
    return distinct.size;
  }
  const numbers: number[] = [];
  for (const o of window) {
    const v = valueOf(o, spec.field[0]);
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (Number.isFinite(n)) numbers.push(n);
  }
  if (numbers.length === 0) return null;
  switch (spec.type) {
    case 'value_sum':
      return numbers.reduce((a, b) => a + b, 0);
    case 'value_avg':
      return numbers.reduce((a, b) => a + b, 0) / numbers.length;
    case 'value_median':
      return percentile(numbers, 50);
    case 'value_percentile':
      return percentile(numbers, spec.percentile ?? 50);
    default:
      return null;
  }
}

/** Linear interpolation between closest ranks (numpy's default): p50 of [1, 2, 3, 4] is 2.5. */
export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = ((s.length - 1) * p) / 100;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
