import type { Range } from '../core/position';
import type { SourceFile } from '../document/source';
import type { DomainEntry } from '../domains/entry';
import { entryMatcher } from '../domains/matching';
import { compileLogsource } from '../preview/logsource';
import { compileRule, type CompiledRule } from '../preview/compile/rule';
import { matchEvent } from '../preview';
import type { FieldItem, SearchIdentifier, SigmaRule, ValueEntry } from '../sigma/model';
import { forEachWithinBudget, REGEX_BUDGET_MS } from '../util/budget';
import type { SampleIndex } from './value-index';

/**
 * How many sample events one domain entry brings into a rule. For an entry of a Sigma selection:
 * the events the rule matches when that entry is the only value of its list, every other selection
 * and filter applied — exactly what `tripline preview` reports for that rule — among the events
 * whose field the entry matches. Elsewhere (KQL, filters under `not`, rules that do not compile)
 * the entry is counted on its own field within the rule's logsource. Attack events of the bundled
 * samples are counted apart: the baseline share is what makes an entry noisy.
 */
export interface EntryHits {
  entry: DomainEntry;
  /** Baseline events counted for the entry. */
  hits: number;
  /** Labelled attack events counted for the entry. */
  attackHits: number;
  /** Baseline events the entry could have matched: logsource admitted, field present. */
  events: number;
  /** The most frequent matched values, for messages and tooltips. */
  top: [string, number][];
  /** `rule`: counted through the rule's whole logic; `entry`: the entry alone on its field. */
  scope: 'rule' | 'entry';
  /** Evaluations abandoned because a regex exceeded the per-evaluation time budget. */
  overBudget: number;
  /** KQL, scope `rule`: the operator the counted query stops before (`summarize`...), null when it runs whole. */
  until?: string | null;
  /** Scope `entry` for an entry whose rule could have been run: why it was not (KQL outside the preview's subset...). */
  fallback?: string;
}

interface EntryHitsOptions {
  /** Per-evaluation budget for user regexes (ms); the preview's per-event budget by default. */
  regexBudgetMs?: number;
  /** Counts of earlier analyses on the same index (see EntryHitsMemo). */
  memo?: EntryHitsMemo;
}

/**
 * Entry counts kept between analyses of one sample index, keyed by everything a count depends on:
 * the entry (field, value, match, polarity) and the rule as counted for it (logsource, condition,
 * every search with the entry's own list reduced to the entry). Typing inside one entry of a
 * 100-entry list changes only that entry's key, so the other 99 are not recompiled and re-run on
 * every keystroke.
 *
 * The rule part of a key is the same for every entry of one list (the list with a hole where the
 * entry goes), and long: it is interned to a number once per analysis and list, so a key stays
 * short and looking it up does not hash the rule again for each entry. Numbers are never reused,
 * so a rule text dropped from the table can never be mistaken for another.
 */
export class EntryHitsMemo {
  private readonly counts = new Map<string, Omit<EntryHits, 'entry'>>();
  private readonly interned = new Map<string, number>();
  private nextId = 0;
  constructor(
    private readonly capacity = 20_000,
    private readonly internCapacity = 2_000,
  ) {}

  get(key: string): Omit<EntryHits, 'entry'> | undefined {
    return this.counts.get(key);
  }

  set(key: string, value: Omit<EntryHits, 'entry'>): void {
    this.counts.set(key, value);
    while (this.counts.size > this.capacity) this.counts.delete(this.counts.keys().next().value as string);
  }

  /** A number standing for `text` while it stays in the table (a new one after it has been dropped). */
  intern(text: string): number {
    let id = this.interned.get(text);
    if (id === undefined) {
      id = this.nextId++;
      this.interned.set(text, id);
      while (this.interned.size > this.internCapacity) this.interned.delete(this.interned.keys().next().value as string);
    }
    return id;
  }
}

/** Where an entry's value sits in its rule: the search, and the field item (none: the search's keywords). */
interface Slot {
  search: SearchIdentifier;
  item: FieldItem | null;
  value: ValueEntry;
}

const HOLE = '\u0008';
const rangeKey = (r: Range): string => `${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}`;

/** Keys of the parts of one rule that do not hold the entry, computed once per analysis. */
class RuleKeys {
  private readonly items = new WeakMap<FieldItem, string>();
  private readonly searches = new WeakMap<SearchIdentifier, string>();
  /** Per rule: each value's slot by its range. */
  private readonly slots = new WeakMap<SigmaRule, Map<string, Slot>>();
  /** Per rule and slot (item, keyword list or none): the interned rule part. */
  private readonly skeletons = new WeakMap<SigmaRule, Map<object | null, number>>();

  constructor(private readonly memo: EntryHitsMemo) {}

  /** The rule as counted for `entry`: its list reduced to the entry (cf. ruleWithOnly). */
  forEntry(rule: SigmaRule | undefined, entry: DomainEntry, budgetMs: number): string {
    const head = JSON.stringify([entry.field, entry.value, entry.match, entry.caseSensitive, entry.context.polarity, budgetMs]);
    if (!rule) return `${head}\u0002-`;
    const slot = this.slotsOf(rule).get(rangeKey(entry.range));
    const own = slot ? JSON.stringify([slot.value.value, slot.value.nested === true]) : '-';
    return `${head}\u0002${this.skeleton(rule, slot)}\u0002${own}`;
  }

  private slotsOf(rule: SigmaRule): Map<string, Slot> {
    let m = this.slots.get(rule);
    if (!m) {
      m = new Map();
      for (const search of rule.detection?.searches ?? []) {
        for (const value of search.keywords) m.set(rangeKey(value.range), { search, item: null, value });
        for (const g of search.groups) for (const item of g.items) for (const value of item.values) m.set(rangeKey(value.range), { search, item, value });
      }
      this.slots.set(rule, m);
    }
    return m;
  }

  /** The interned rule with a hole where the slot's value goes. */
  private skeleton(rule: SigmaRule, slot: Slot | undefined): number {
    let perRule = this.skeletons.get(rule);
    if (!perRule) this.skeletons.set(rule, (perRule = new Map()));
    const at = slot ? (slot.item ?? slot.search) : null;
    let id = perRule.get(at);
    if (id === undefined) {
      const ls = rule.logsource;
      const det = rule.detection;
      const parts = [JSON.stringify([ls?.category?.value, ls?.product?.value, ls?.service?.value, rule.type])];
      if (det) {
        parts.push(det.conditions.map((c) => c.text).join('\u0003'));
        for (const s of det.searches) parts.push(s === slot?.search ? this.searchKey(s, slot) : this.search(s));
      }
      id = this.memo.intern(parts.join('\u0002'));
      perRule.set(at, id);
    }
    return id;
  }

  private search(s: SearchIdentifier): string {
    let k = this.searches.get(s);
    if (k === undefined) {
      k = this.searchKey(s, null);
      this.searches.set(s, k);
    }
    return k;
  }

  private searchKey(s: SearchIdentifier, slot: Slot | null): string {
    // The hole is a raw control character, which JSON text never holds: it cannot equal a list.
    const keywords = slot && slot.item === null ? HOLE : JSON.stringify(s.keywords.map((k) => k.value));
    const groups = s.groups.map((g) => g.items.map((it) => (slot?.item === it ? `${it.key}\u0007${it.valueIsList ? 'L' : 'S'}\u0007${HOLE}` : this.item(it))).join('\u0004'));
    return `${s.name}\u0005${s.shape}\u0005${keywords}\u0005${groups.join('\u0006')}`;
  }

  private item(it: FieldItem): string {
    let k = this.items.get(it);
    if (k === undefined) {
      k = `${it.key}\u0007${it.valueIsList ? 'L' : 'S'}\u0007${JSON.stringify(it.values.map((v) => [v.value, v.nested === true]))}`;
      this.items.set(it, k);
    }
    return k;
  }
}

function within(inner: Range, outer: Range): boolean {
  const before = (a: Range['start'], b: Range['start']): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

function ruleOf(file: SourceFile, entry: DomainEntry): SigmaRule | undefined {
  return file.sigma.find((r) => within(entry.range, r.range));
}

const same = (a: Range, b: Range): boolean => a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/** The rule with the entry as the only value of its list (or of its keyword list); null when the entry is not a value of the rule. */
function ruleWithOnly(rule: SigmaRule, entry: DomainEntry): SigmaRule | null {
  const det = rule.detection;
  if (!det) return null;
  let found = false;
  const onlyIn = (item: FieldItem): FieldItem => {
    const v = item.values.find((x) => same(x.range, entry.range));
    if (!v) return item;
    found = true;
    return { ...item, values: [v] };
  };
  const searches: SearchIdentifier[] = det.searches.map((s) => {
    const k = s.keywords.find((x) => same(x.range, entry.range));
    if (k) {
      found = true;
      return { ...s, keywords: [k] };
    }
    return { ...s, groups: s.groups.map((g) => ({ ...g, items: g.items.map(onlyIn) })) };
  });
  return found ? { ...rule, detection: { ...det, searches } } : null;
}

function tryCompile(rule: SigmaRule | null): CompiledRule | null {
  if (!rule) return null;
  try {
    return compileRule(rule);
  } catch {
    return null;
  }
}

/** Runs `test` on each item, under the regex budget when `budgeted`; returns the abandoned count. */
function runAll(n: number, test: (i: number) => void, budgeted: boolean, budgetMs: number): number {
  if (!budgeted) {
    for (let i = 0; i < n; i++) test(i);
    return 0;
  }
  return forEachWithinBudget(n, test, budgetMs);
}

export function entryHits(file: SourceFile, entries: readonly DomainEntry[], index: SampleIndex, options: EntryHitsOptions = {}): EntryHits[] {
  const budgetMs = options.regexBudgetMs ?? REGEX_BUDGET_MS;
  const out: EntryHits[] = [];
  const filters = new Map<SigmaRule | undefined, ReturnType<typeof compileLogsource>>();
  const keys = options.memo ? new RuleKeys(options.memo) : null;
  for (const entry of entries) {
    if (!entry.field) continue;
    const rule = ruleOf(file, entry);
    const key = keys ? keys.forEntry(rule, entry, budgetMs) : '';
    const known = options.memo?.get(key);
    if (known) {
      out.push({ ...known, entry });
      continue;
    }
    let filter = filters.get(rule);
    if (!filter) {
      filter = compileLogsource(rule?.logsource);
      filters.set(rule, filter);
    }
    // Only a selection entry has a count the rule's logic decides; a filter entry removes events.
    const compiled = rule && entry.context.polarity === 'match' ? tryCompile(ruleWithOnly(rule, entry)) : null;
    const match = entryMatcher(entry);
    const field = entry.field.toLowerCase();
    const tally = new Map<string, number>();
    let hits = 0;
    let attackHits = 0;
    let events = 0;
    let overBudget = 0;
    const candidates: { value: string; ids: number[]; baseline: number; attack: number }[] = [];
    for (const group of index.groups.values()) {
      const stats = group.fields.get(field);
      if (!stats) continue;
      if (filter.test((f) => group.logsource[f]) === 0) continue;
      events += stats.present.baseline;
      const values = [...stats.values];
      const matched = new Uint8Array(values.length);
      overBudget += runAll(values.length, (i) => {
        const m = match(values[i][0]);
        matched[i] = m ? 1 : 0;
      }, entry.match === 'regex', budgetMs);
      values.forEach(([value, c], i) => {
        if (matched[i]) candidates.push({ value, ids: c.ids, baseline: c.baseline, attack: c.attack });
      });
    }
    if (compiled) {
      // The events an entry's values point at, evaluated with the whole rule (each event once).
      const seen = new Set<number>();
      const ids: { id: number; value: string }[] = [];
      for (const c of candidates) for (const id of c.ids) {
        if (seen.has(id)) continue;
        seen.add(id);
        ids.push({ id, value: c.value });
      }
      const result = new Uint8Array(ids.length);
      overBudget += runAll(ids.length, (i) => {
        const r = matchEvent(compiled, index.event(ids[i].id)).matched;
        result[i] = r ? 1 : 0;
      }, compiled.regexes.length > 0, budgetMs);
      ids.forEach(({ id, value }, i) => {
        if (!result[i]) return;
        if (index.eventAttack[id]) attackHits++;
        else {
          hits++;
          tally.set(value, (tally.get(value) ?? 0) + 1);
        }
      });
    } else {
      for (const c of candidates) {
        hits += c.baseline;
        attackHits += c.attack;
        if (c.baseline > 0) tally.set(c.value, (tally.get(c.value) ?? 0) + c.baseline);
      }
    }
    const top = [...tally.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3);
    const counted: Omit<EntryHits, 'entry'> = { hits, attackHits, events, top, scope: compiled ? 'rule' : 'entry', overBudget };
    options.memo?.set(key, counted);
    out.push({ entry, ...counted });
  }
  return out;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

export function percent(part: number, whole: number): string {
  if (whole === 0) return '0%';
  const p = (100 * part) / whole;
  const text = p >= 10 ? p.toFixed(0) : p >= 1 ? p.toFixed(1) : p.toFixed(2);
  return `${text.replace(/\.0+$/, '')}%`;
}

/** "12% of the baseline sample events with DestinationHostname (3,425 of 29,130)". */
export function describeShare(h: EntryHits): string {
  return `${percent(h.hits, h.events)} of the baseline sample events with ${h.entry.field} (${fmt(h.hits)} of ${fmt(h.events)})`;
}

/** How the count was made, as the subject of a sentence: "With the rest of the rule applied, 'x'" / "'x' alone". */
export function describeSubject(h: EntryHits): string {
  if (h.scope === 'entry') return `'${h.entry.value}' alone${h.fallback ? ` (counted on its column: ${h.fallback})` : ''}`;
  if (h.entry.format === 'kql') return `With the rest of the query applied (its filters as preview runs them${h.until ? `, up to its ${h.until}` : ''}, this entry the only value of its list), '${h.entry.value}'`;
  return `With the rest of the rule applied (the rule as preview runs it, this entry the only value of its list), '${h.entry.value}'`;
}

/** "most often www.google.com (1,338), mail.google.com (426); also 2 labelled attack events". */
export function describeDetails(h: EntryHits): string {
  const parts: string[] = [];
  if (h.top.length > 0) parts.push(`most often ${h.top.map(([v, n]) => `${v} (${fmt(n)})`).join(', ')}`);
  if (h.attackHits > 0) parts.push(`also ${fmt(h.attackHits)} labelled attack event${h.attackHits === 1 ? '' : 's'}`);
  if (h.overBudget > 0) parts.push(`${fmt(h.overBudget)} evaluation${h.overBudget === 1 ? '' : 's'} skipped: a regex exceeded its time budget`);
  return parts.join('; ');
}

/** One line for hovers and inlay-hint tooltips: what the entry hits in the samples. */
export function describeHits(h: EntryHits): string {
  const details = describeDetails(h);
  const scope = h.scope === 'rule' ? `, with the rest of the ${h.entry.format === 'kql' ? `query applied${h.until ? ` up to its ${h.until}` : ''}` : 'rule applied'}` : '';
  return `${describeShare(h)}${scope}${details ? `; ${details}` : ''}`;
}
