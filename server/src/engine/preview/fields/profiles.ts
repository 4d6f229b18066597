/**
 * Field-mapping profiles (data/preview/field-profiles.json): where Sigma's field names live in
 * other telemetry shapes (ECS, Defender XDR tables, proxy logs, Zeek...). Data, not code: adding
 * a shape is adding an entry to the JSON file.
 */
import data from '../../../../../data/preview/field-profiles.json';
import type { TelemetryEvent } from '../types';
import { getPath } from './path';

export interface Profile {
  name: string;
  description: string;
  source: string;
  detect: string[];
  fields: Record<string, string[]>;
  /**
   * Sigma logsource categories events of this shape can hold (a DeviceNetworkEvents row is a
   * network connection, never a process creation). Absent: any category.
   */
  categories?: string[];
}

const PROFILES: readonly Profile[] = (data as unknown as { profiles: Profile[] }).profiles;

export function findProfile(name: string): Profile | undefined {
  const n = name.toLowerCase();
  return PROFILES.find((p) => p.name.toLowerCase() === n);
}

/** The first profile whose detect keys the event carries, or null. */
export function detectProfile(event: TelemetryEvent): Profile | null {
  for (const p of PROFILES) {
    for (const key of p.detect) {
      if (Object.prototype.hasOwnProperty.call(event, key) || (key.includes('.') && getPath(event, key) !== undefined)) return p;
    }
  }
  return null;
}

/** Candidate event paths for a Sigma field under a profile, `{field}` templates filled in. */
export function profileCandidates(profile: Profile, field: string): string[] {
  const own = profile.fields[field];
  const generic = profile.fields['*'] ?? [];
  return [...(own ?? []), ...generic.map((t) => t.replace('{field}', field))];
}

/** Categories some shape declares: only these are judged by shape (a made-up category is not). */
const DECLARED = new Set(PROFILES.flatMap((p) => p.categories ?? []));

/** Whether an event of this profile can be an event of the rule's logsource category. */
export function profileAdmits(profile: Profile | null, category: string | null): boolean {
  return !category || !profile?.categories || !DECLARED.has(category) || profile.categories.includes(category);
}
