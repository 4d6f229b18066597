import type { Check } from '../check';
import { catalogProblem } from './catalog-problem';
import { deprecatedTechnique } from './deprecated-technique';
import { platformMismatch } from './platform-mismatch';
import { preTechnique } from './pre-technique';
import { tacticMismatch } from './tactic-mismatch';
import { tagFormat } from './tag-format';
import { unknownTechnique } from './unknown-technique';
import { unknownGroupSoftware } from './unknown-group-software';
import { deprecatedGroupSoftware } from './deprecated-group-software';

export const ATTACK_CHECKS: readonly Check[] = [
  catalogProblem,
  unknownTechnique,
  deprecatedTechnique,
  tacticMismatch,
  platformMismatch,
  preTechnique,
  tagFormat,
  unknownGroupSoftware,
  deprecatedGroupSoftware,
];
