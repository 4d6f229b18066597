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
import { controlCharacter } from './control-character';
import { dateOrder } from './date-order';
import { duplicateEntry } from './duplicate-entry';
import { duplicateModifier } from './duplicate-modifier';
import { emptyValue } from './empty-value';
import { logsourceKey } from './logsource-key';
import { loneWildcard } from './lone-wildcard';
import { modifierConflict } from './modifier-conflict';
import { modifierMisuse } from './modifier-misuse';
import { nullInList } from './null-in-list';
import { redundantThem } from './redundant-them';
import { redundantWildcard } from './redundant-wildcard';
import { tagNamespace } from './tag-namespace';
import { unknownKey } from './unknown-key';
import { wildcardAsModifier } from './wildcard-as-modifier';
import { numberAsString } from './number-as-string';
import { wildcardEscape } from './wildcard-escape';
import { genericLogsource } from './generic-logsource';
import { detectionTimeframe } from './detection-timeframe';
import { filterMetadata } from './filter-metadata';
import { falsepositiveStyle } from './falsepositive-style';
import { duplicateId } from './duplicate-id';
import { duplicateTitle } from './duplicate-title';
import { duplicateFilename } from './duplicate-filename';
import { missingRecommendedField } from './missing-recommended-field';
import { titleLength } from './title-length';
import { filenameConvention } from './filename-convention';

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
  modifierConflict,
  modifierMisuse,
  duplicateModifier,
  wildcardAsModifier,
  loneWildcard,
  redundantWildcard,
  nullInList,
  emptyValue,
  controlCharacter,
  redundantThem,
  unknownKey,
  duplicateEntry,
  dateOrder,
  logsourceKey,
  tagNamespace,
  numberAsString,
  wildcardEscape,
  genericLogsource,
  detectionTimeframe,
  filterMetadata,
  falsepositiveStyle,
  duplicateId,
  duplicateTitle,
  duplicateFilename,
  missingRecommendedField,
  titleLength,
  filenameConvention,
];
