import type { Severity } from '../core/diagnostic';
import type { CheckSetting, TriplineConfig } from './config';

/** `"extends"` in tripline.config.json: a base set of check settings the file's own `checks` override. */
export const PROFILE_NAMES = ['recommended', 'strict', 'sigmahq'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

interface Profile {
  /** Check settings of the profile; codes not listed keep their default. */
  checks: Readonly<Record<string, CheckSetting>>;
  /** Codes whose information findings become warnings. */
  raise: readonly string[];
}

/** Checks of SigmaHQ's repository conventions: off unless the profile asks for them. */
const SIGMAHQ_ONLY: Record<string, CheckSetting> = { 'sigma/filename-convention': 'off', 'sigma/title-length': 'off' };

/**
 * The Sigma metadata checks whose advice `strict` makes a warning: missing id/level/author/
 * description, custom top-level keys, tags outside the Sigma namespaces.
 */
const STRICT_RAISED = ['sigma/missing-recommended-field', 'sigma/unknown-key', 'sigma/tag-namespace'] as const;

const PROFILES: Record<ProfileName, Profile> = {
  recommended: { checks: SIGMAHQ_ONLY, raise: [] },
  strict: { checks: SIGMAHQ_ONLY, raise: STRICT_RAISED },
  // SigmaHQ's conventions on top of strict: file names, title length, date and status required.
  sigmahq: { checks: {}, raise: STRICT_RAISED },
};

export function profileOf(config: TriplineConfig): ProfileName {
  return config.extends ?? 'recommended';
}

/** The setting of a code: the configuration's own, else the profile's; undefined means the check's default. */
export function checkSetting(config: TriplineConfig, code: string): CheckSetting | undefined {
  return config.checks[code] ?? PROFILES[profileOf(config)].checks[code];
}

/** A finding's severity under the profile (an explicit setting in `checks` wins before this is asked). */
export function profileSeverity(config: TriplineConfig, code: string, severity: Severity): Severity {
  return severity === 'information' && PROFILES[profileOf(config)].raise.includes(code) ? 'warning' : severity;
}
