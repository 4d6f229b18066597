import type { Range } from '../core/position';
import type { SourceFile } from '../document/source';
import type { DomainEntry } from '../domains/entry';
import { entryMatcher } from '../domains/matching';
import { compileLogsource } from '../preview/logsource';
import type { SigmaRule } from '../sigma/model';
import type { SampleIndex } from './value-index';

/**
 * How many sample events one domain entry matches on its own (its field, its modifiers, nothing
 * else of the rule), among the events the rule's logsource admits and that carry the field. Attack
 * events of the bundled samples are counted apart: the baseline share is what makes an entry noisy.
 */
export interface EntryHits {
  entry: DomainEntry;
  /** Baseline events whose field the entry matches. */
  hits: number;
  /** Labelled attack events whose field the entry matches. */
  attackHits: number;
  /** Baseline events the entry could have matched: logsource admitted, field present. */
  events: number;
  /** The most frequent matched values, for messages and tooltips. */
  top: [string, number][];
}

function within(inner: Range, outer: Range): boolean {
  const before = (a: Range['start'], b: Range['start']): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

export function ruleOf(file: SourceFile, entry: DomainEntry): SigmaRule | undefined {
  return file.sigma.find((r) => within(entry.range, r.range));
}

export function entryHits(file: SourceFile, entries: readonly DomainEntry[], index: SampleIndex): EntryHits[] {
  const out: EntryHits[] = [];
  const filters = new Map<SigmaRule | undefined, ReturnType<typeof compileLogsource>>();
  for (const entry of entries) {
    if (!entry.field) continue;
    const rule = ruleOf(file, entry);
    let filter = filters.get(rule);
    if (!filter) {
      filter = compileLogsource(rule?.logsource);
      filters.set(rule, filter);
    }
    const match = entryMatcher(entry);
    const field = entry.field.toLowerCase();
    const tally = new Map<string, number>();
    let hits = 0;
    let attackHits = 0;
    let events = 0;
    for (const group of index.groups.values()) {
      const stats = group.fields.get(field);
      if (!stats) continue;
      if (filter.test((f) => group.logsource[f]) === 0) continue;
      events += stats.present.baseline;
      for (const [value, c] of stats.values) {
        if (!match(value)) continue;
        hits += c.baseline;
        attackHits += c.attack;
        if (c.baseline > 0) tally.set(value, (tally.get(value) ?? 0) + c.baseline);
      }
    }
    const top = [...tally.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3);
    out.push({ entry, hits, attackHits, events, top });
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

/** "most often www.google.com (1,338), mail.google.com (426); also 2 labelled attack events". */
export function describeDetails(h: EntryHits): string {
  const parts: string[] = [];
  if (h.top.length > 0) parts.push(`most often ${h.top.map(([v, n]) => `${v} (${fmt(n)})`).join(', ')}`);
  if (h.attackHits > 0) parts.push(`also ${fmt(h.attackHits)} labelled attack event${h.attackHits === 1 ? '' : 's'}`);
  return parts.join('; ');
}

/** One line for hovers and inlay-hint tooltips: what the entry hits in the samples. */
export function describeHits(h: EntryHits): string {
  const details = describeDetails(h);
  return `${describeShare(h)}${details ? `; ${details}` : ''}`;
}
