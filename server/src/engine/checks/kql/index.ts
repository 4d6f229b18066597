import type { Check } from '../check';
import { kqlSyntax } from './syntax';
import { kqlUnknownName } from './unknown-name';

export const KQL_CHECKS: readonly Check[] = [kqlSyntax, kqlUnknownName];
