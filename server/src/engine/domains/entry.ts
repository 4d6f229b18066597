import type { Range } from '../core/position';

/**
 * One value in a rule that stands for a host, domain or URL: the unit every `domains/*` check,
 * the domain hover and `tripline domains` work on. Format modules (Sigma, KQL...) produce these
 * through `DOMAIN_EXTRACTORS`; nothing downstream knows which format an entry came from.
 */

/** How the field is compared with the value, in host terms. */
export type MatchKind =
  /** the field equals the value (case-insensitive unless `cased`) */
  | 'exact'
  /** the field ends with the value: Sigma `endswith`, KQL `endswith` */
  | 'suffix'
  /** the field starts with the value */
  | 'prefix'
  /** the value occurs anywhere: Sigma `contains`, KQL `contains` */
  | 'substring'
  /** the value occurs as a whole term (KQL `has`, `has_any`): bounded by non-alphanumerics on both sides */
  | 'term'
  /** a Sigma wildcard pattern (`*`, `?`) without a modifier */
  | 'wildcard'
  /** a regular expression (`|re`, KQL `matches regex`) */
  | 'regex';

/** What the field holds: a bare host name, a URL (host plus path), or free text such as a command line. */
export type FieldKind = 'host' | 'url' | 'text';

/** Where the entry sits in the rule's logic, which decides how much a broad entry matters. */
export interface EntryContext {
  /**
   * `match`: a hit makes the rule fire. `exclude`: the entry sits in a filter under `not`, so a broad
   * entry removes events instead of adding them. `label`: the comparison computes a column (KQL
   * `extend`/`project`/`summarize`) and filters nothing, so breadth does not make the rule noisier.
   * `unknown`: the condition could not be read.
   */
  polarity: 'match' | 'exclude' | 'label' | 'unknown';
  /**
   * Narrow selections that must hold together with the entry (ANDed, not negated), described for
   * users, e.g. "Image|endswith in selection_img". Empty when the list stands alone.
   */
  narrowedBy: string[];
  /**
   * Exclusions on process or application fields the rule applies (Sigma filters under `not` such
   * as `Image|endswith in filter_main_browsers`): they remove the ordinary users of a popular
   * service, so its entry is judged by what the samples measure, not by its fame.
   */
  excludedBy?: string[];
  /** The search identifier (Sigma) or `let` name / query line (KQL) holding the entry, for messages. */
  container?: string;
}

/** How a value is written in the source, so quick fixes can rewrite it in the same style. */
export interface EntrySyntax {
  /** Quote character around the token, or '' for a plain scalar. */
  quote: "'" | '"' | '';
  /** The list the value belongs to, if any, and whether it is a YAML block list, a flow list or a KQL list. */
  list: 'block' | 'flow' | 'kql' | 'none';
}

export interface DomainEntry {
  /** The value exactly as the rule gives it (after YAML/KQL unquoting). */
  value: string;
  /** Range of the value token in the file (quotes included). */
  range: Range;
  format: string;
  /** Field or column the value is compared with ('' for keywords / free-text search). */
  field: string;
  fieldKind: FieldKind;
  /** Modifiers (Sigma) or the operator (KQL, e.g. `has_any`) as written. */
  modifiers: string[];
  match: MatchKind;
  /** Comparison honours case (`|cased`, KQL `==`, `has_cs`...). */
  caseSensitive: boolean;
  /**
   * The host the value names, normalised: lower case, no scheme, path, port, wildcard or leading
   * dot, trailing root dot removed, IDN labels in punycode. Null when no host can be read (a bare
   * path, a regex we cannot reduce, an empty string).
   */
  host: string | null;
  /**
   * For suffix, substring, term and wildcard matches: the text starts at a label boundary (leading
   * '.', '*.', or `term` semantics), so `evil<host>` does not match.
   */
  leftBoundary: boolean;
  /** For substring, wildcard and regex matches: the text must be followed by a label end (nothing, '/', ':' ...). */
  rightBoundary: boolean;
  /** Path and query after the host ('' when none): an entry with a path names a resource, not a whole site. */
  path: string;
  /** The value is an IP address or CIDR rather than a name. */
  ip: boolean;
  context: EntryContext;
  /** Why the value can never equal a host name (scheme, path, port...), from `readValue`. */
  problems: { kind: string; detail: string }[];
  /** The value with scheme, path, port or slash stripped, when that makes it a host; null otherwise. */
  stripped: string | null;
  /**
   * Entries that form one OR-list (same field, same modifiers, same selection): `domains/redundant`
   * compares entries only within a list.
   */
  listId: string;
  syntax: EntrySyntax;
}
