import type { Check } from '../check';
import { conditionSyntax } from './condition-syntax';
import { correlationUnknownRule } from './correlation-unknown-rule';
import { invalidRegex } from './invalid-regex';
import { invalidValue } from './invalid-value';
import { missingField } from './missing-field';
import { undefinedIdentifier } from './undefined-identifier';
import { unknownModifier } from './unknown-modifier';
import { unusedSelection } from './unused-selection';
import { yamlSyntax } from './yaml-syntax';

export const SIGMA_CHECKS: readonly Check[] = [
  yamlSyntax,
  missingField,
  invalidValue,
  unknownModifier,
  conditionSyntax,
  undefinedIdentifier,
  unusedSelection,
  invalidRegex,
  correlationUnknownRule,
];
