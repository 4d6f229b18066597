import type { Check } from './check';
import { ATTACK_CHECKS } from './attack';
import { SIGMA_CHECKS } from './sigma';
import { KQL_CHECKS } from './kql';
import { SENTINEL_CHECKS } from './sentinel';
import { DOMAIN_CHECKS } from './domains';
import { noisyInSamples } from './domains/noisy-in-samples';

/**
 * Every check the engine runs, in report order. A format or a family of checks adds one import
 * here; the front ends never list checks themselves.
 */
export const ALL_CHECKS: readonly Check[] = [...SIGMA_CHECKS, ...ATTACK_CHECKS, ...KQL_CHECKS, ...SENTINEL_CHECKS, ...DOMAIN_CHECKS, noisyInSamples];
