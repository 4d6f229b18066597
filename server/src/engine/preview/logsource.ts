/**
 * Logsource filtering: which events a rule's `logsource` admits, from SigmaHQ's own mapping
 * (data/preview/sigmahq-logsources.json, generated from tests/thor.yml): `category:
 * network_connection, product: windows` → Sysmon EventID 3 in the Sysmon channel. A condition is
 * only applied when the event carries the field: flat exports without `Channel` (or without
 * `EventID`) are never dropped for lacking it.
 */
import data from '../../../../data/preview/sigmahq-logsources.json';
import type { Logsource } from '../sigma/model';

interface LogsourceEntry {
  name: string;
  category?: string;
  product?: string;
  service?: string;
  conditions?: Record<string, string[]>;
  channels?: string[];
  fieldmappings?: Record<string, string>;
}

export const LOGSOURCE_ENTRIES: readonly LogsourceEntry[] = (data as unknown as { entries: LogsourceEntry[] }).entries;

/** The tri-state of the preview evaluator: 0 false, 1 true, 2 not known yet (raw-line pre-filter). */
export type Tri = 0 | 1 | 2;
export const UNKNOWN: unique symbol = Symbol('unknown');
type FieldValue = unknown;

interface CompiledEntry {
  entry: LogsourceEntry;
  conditions: [string, Set<string>][];
  channels: Set<string> | null;
}

export interface LogsourceFilter {
  /** Entries the rule's logsource maps to; empty = no filtering (unknown or non-Windows logsource). */
  entries: readonly LogsourceEntry[];
  /** Fields the filter reads (for the raw pre-filter). */
  fields: string[];
  /**
   * 1 when some entry admits the event, 0 when none does, 2 when unknown. `accepted` receives the
   * admitting entries' field renames.
   */
  test(get: (field: string) => FieldValue, accepted?: Record<string, string>[]): Tri;
}

function eq(a: string | undefined, b: string | undefined): boolean {
  return (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
}

function entriesFor(ls: { category?: string; product?: string; service?: string }): LogsourceEntry[] {
  if (ls.category) {
    return LOGSOURCE_ENTRIES.filter((e) => e.category && eq(e.category, ls.category) && (!e.product || !ls.product || eq(e.product, ls.product)));
  }
  if (ls.service) {
    return LOGSOURCE_ENTRIES.filter((e) => !e.category && e.service && eq(e.service, ls.service) && (!e.product || !ls.product || eq(e.product, ls.product)));
  }
  return [];
}

function scalarText(v: unknown): string | null {
  if (typeof v === 'string') return v.toLowerCase();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

export function compileLogsource(logsource: Logsource | undefined): LogsourceFilter {
  const entries = logsource ? entriesFor({ category: logsource.category?.value, product: logsource.product?.value, service: logsource.service?.value }) : [];
  const compiled: CompiledEntry[] = entries.map((entry) => ({
    entry,
    conditions: Object.entries(entry.conditions ?? {}).map(([k, vs]) => [k, new Set(vs.map((v) => v.toLowerCase()))] as [string, Set<string>]),
    channels: entry.channels ? new Set(entry.channels.map((c) => c.toLowerCase())) : null,
  }));
  const fields = new Set<string>();
  for (const c of compiled) {
    for (const [k] of c.conditions) fields.add(k);
    if (c.channels) fields.add('Channel');
  }
  const check = (v: FieldValue, allowed: Set<string>): Tri => {
    if (v === UNKNOWN) return 2;
    if (v === undefined || v === null) return 1; // absent: never drop an event for lacking it
    const values = Array.isArray(v) ? v : [v];
    for (const x of values) {
      const t = scalarText(x);
      if (t !== null && allowed.has(t)) return 1;
    }
    return 0;
  };
  return {
    entries,
    fields: [...fields],
    test(get, accepted) {
      if (compiled.length === 0) return 1;
      let result: Tri = 0;
      // `get` is cached by its callers (EventView / raw line), so reading twice is cheap.
      const read = get;
      for (const c of compiled) {
        let r: Tri = 1;
        for (const [k, allowed] of c.conditions) {
          const t = check(read(k), allowed);
          if (t === 0) {
            r = 0;
            break;
          }
          if (t === 2) r = 2;
        }
        if (r !== 0 && c.channels) {
          const t = check(read('Channel'), c.channels);
          if (t === 0) r = 0;
          else if (t === 2) r = 2;
        }
        if (r === 1) {
          if (accepted && c.entry.fieldmappings) accepted.push(c.entry.fieldmappings);
          result = 1;
          if (!accepted) return 1;
        } else if (r === 2 && result === 0) result = 2;
      }
      return result;
    },
  };
}
