import type { Check } from '../check';
import { highPrevalence } from './high-prevalence';
import { malformed } from './malformed';
import { noDotBoundary } from './no-dot-boundary';
import { publicSuffix } from './public-suffix';
import { redundant } from './redundant';
import { shortSubstring } from './short-substring';
import { tooNarrow } from './too-narrow';

/** Domain-list checks: warnings and information only, never errors (a broad list is valid Sigma). */
export const DOMAIN_CHECKS: readonly Check[] = [publicSuffix, noDotBoundary, highPrevalence, malformed, redundant, shortSubstring, tooNarrow];
