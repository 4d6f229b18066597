import type { Range } from '../core/position';
import type { YamlDocument } from '../document/yaml';
import type { ConditionParse } from './condition';

export interface Located<T> {
  value: T;
  range: Range;
}

export type SigmaRuleType = 'detection' | 'correlation' | 'filter';

/** A scalar value of a detection item, with where it sits in the file. */
export interface ValueEntry {
  /** Parsed YAML value: strings, numbers, booleans, or null. */
  value: string | number | boolean | null;
  range: Range;
  /** The YAML held a map or list here, which Sigma does not allow; `value` is its JSON text. */
  nested?: boolean;
}

export interface FieldItem {
  /** Full key as written, e.g. `DestinationHostname|endswith`. */
  key: string;
  keyRange: Range;
  /** Field name; empty when the key is only modifiers (keyword search with modifiers). */
  field: string;
  fieldRange: Range;
  modifiers: Located<string>[];
  values: ValueEntry[];
  /** True when the YAML value was a sequence (list = OR unless `|all`). */
  valueIsList: boolean;
  valueRange: Range;
}

/** A map of field items: all of them must match (AND). */
export interface FieldGroup {
  range: Range;
  items: FieldItem[];
}

export interface SearchIdentifier {
  name: string;
  nameRange: Range;
  /** Range of the whole value under the identifier. */
  range: Range;
  /** `map`: one group. `maps`: a list of maps (OR of ANDs). `keywords`: a plain list or scalar. */
  shape: 'map' | 'maps' | 'keywords' | 'invalid';
  groups: FieldGroup[];
  keywords: ValueEntry[];
}

export interface Detection {
  range: Range;
  keyRange: Range;
  searches: SearchIdentifier[];
  conditions: ConditionParse[];
  conditionKeyRange?: Range;
  timeframe?: Located<string>;
}

export interface Logsource {
  range: Range;
  keyRange: Range;
  product?: Located<string>;
  category?: Located<string>;
  service?: Located<string>;
  definition?: Located<string>;
}

export interface TopEntry {
  key: string;
  keyRange: Range;
  valueRange: Range;
  /** The value as plain JS (aliases resolved). */
  value: unknown;
}

export interface SigmaRule {
  type: SigmaRuleType;
  /** Index of the YAML document within the file (multi-document files). */
  docIndex: number;
  yaml: YamlDocument;
  range: Range;
  entries: Map<string, TopEntry>;
  title?: Located<string>;
  id?: Located<string>;
  tags: Located<string>[];
  tagsKeyRange?: Range;
  logsource?: Logsource;
  detection?: Detection;
  /** Correlation (`correlation:`) or filter (`filter:`) body, kept as plain JS. */
  body?: TopEntry;
}
