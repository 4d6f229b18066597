/** Allowed Sentinel field values, from data/sentinel/analytics-rule.json (sources stated there). */
import { readDataJson } from '../../kql/data-file';

interface SentinelFieldData {
  tactics: { values: string[] };
  severities: { values: string[] };
  triggerOperators: { values: string[] };
  kinds: { values: string[] };
  durations: { minMinutes: number; maxMinutes: number };
}

let cached: SentinelFieldData | null = null;

/** Read on first use, so a damaged installation fails one check, not the engine's start. */
export function sentinelFieldData(): SentinelFieldData {
  cached ??= readDataJson<SentinelFieldData>('sentinel/analytics-rule.json');
  return cached;
}

/** Letters only, lower case: `Command and control`, `CommandandControl` and `command-and-control` compare equal. */
function tacticKey(s: string): string {
  return s.replace(/[^A-Za-z]/g, '').toLowerCase();
}

export function canonicalTactic(s: string): string | null {
  const k = tacticKey(s);
  return sentinelFieldData().tactics.values.find((t) => t.toLowerCase() === k) ?? null;
}
