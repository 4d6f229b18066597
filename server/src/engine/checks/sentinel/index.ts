import type { Check } from '../check';
import { sentinelInvalidValue } from './invalid-value';
import { sentinelMissingField } from './missing-field';
import { sentinelPeriodFrequency } from './period-frequency';

export const SENTINEL_CHECKS: readonly Check[] = [sentinelMissingField, sentinelInvalidValue, sentinelPeriodFrequency];
