/**
 * When an event happened, for correlation windows: the first of the configured time fields the
 * event carries (field resolution as for rules: exact, case-insensitive, dotted, EVTX flattening),
 * parsed as ISO 8601 (a missing zone means UTC, as in Sysmon's `UtcTime`), or epoch seconds or
 * milliseconds. Sub-millisecond digits are dropped; ties keep reading order.
 */
import type { EventView } from '../fields/resolve';

export const DEFAULT_TIME_FIELDS: readonly string[] = [
  'UtcTime',
  '@timestamp',
  'TimeCreated',
  'Event.System.TimeCreated.#attributes.SystemTime',
  'Timestamp',
  'TimeGenerated',
];

const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

export function parseTime(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? (Math.abs(v) < 1e11 ? v * 1000 : v) : null;
  if (typeof v !== 'string') {
    // EVTX JSON: `TimeCreated: {"#attributes": {"SystemTime": "..."}}`.
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const attrs = o['#attributes'];
      if (attrs && typeof attrs === 'object') return parseTime((attrs as Record<string, unknown>).SystemTime);
      if ('SystemTime' in o) return parseTime(o.SystemTime);
    }
    return null;
  }
  const s = v.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return parseTime(Number(s));
  const m = ISO.exec(s);
  if (m) {
    const frac = m[3] ? m[3].slice(0, 4) : '';
    let zone = m[4] ? m[4].toUpperCase() : 'Z';
    if (zone !== 'Z' && !zone.includes(':')) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
    const t = Date.parse(`${m[1]}T${m[2].length === 5 ? `${m[2]}:00` : m[2]}${frac}${zone}`);
    return Number.isNaN(t) ? null : t;
  }
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : t;
}

export function eventTime(view: EventView, fields: readonly string[]): number | null {
  for (const f of fields) {
    const v = view.get(f);
    if (v === undefined || v === null || v === '') continue;
    const t = parseTime(v);
    if (t !== null) return t;
  }
  return null;
}
