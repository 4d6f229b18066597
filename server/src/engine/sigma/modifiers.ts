/**
 * Value modifiers defined by the Sigma specification v2 (sigma-modifiers-appendix).
 * Kept here, beside the parser, because they are part of the language, not configuration.
 */
export const SIGMA_MODIFIERS: Readonly<Record<string, string>> = {
  contains: 'Match the value anywhere in the field (wildcards on both sides).',
  startswith: 'Match at the beginning of the field.',
  endswith: 'Match at the end of the field.',
  all: 'All values of the list must match (AND instead of OR).',
  exists: 'The field exists (`true`) or does not exist (`false`).',
  cased: 'Case-sensitive matching (Sigma strings are case-insensitive by default).',
  windash: 'Also match `-` replaced by `/`, en dash, em dash and horizontal bar.',
  base64: 'Match the value encoded in Base64.',
  base64offset: 'Match the value Base64-encoded at each of the three byte offsets.',
  utf16le: 'Encode as UTF-16 little endian (used with base64).',
  utf16be: 'Encode as UTF-16 big endian (used with base64).',
  utf16: 'Encode as UTF-16 with a byte-order mark (used with base64).',
  wide: 'Alias of utf16le.',
  re: 'The value is a regular expression (PCRE subset).',
  i: 'Regex flag: case-insensitive (with re).',
  m: 'Regex flag: multi-line, ^ and $ match at line breaks (with re).',
  s: 'Regex flag: dot matches newlines (with re).',
  cidr: 'The value is an IPv4 or IPv6 network in CIDR notation.',
  gt: 'Numeric: greater than.',
  gte: 'Numeric: greater than or equal.',
  lt: 'Numeric: less than.',
  lte: 'Numeric: less than or equal.',
  neq: 'Not equal (Sigma v2.1).',
  fieldref: 'The value names another field whose value must be equal.',
  expand: 'Expand `%placeholder%` values from configuration.',
  minute: 'Time: minute of the timestamp field.',
  hour: 'Time: hour of the timestamp field.',
  day: 'Time: day of the timestamp field.',
  week: 'Time: week of the timestamp field.',
  month: 'Time: month of the timestamp field.',
  year: 'Time: year of the timestamp field.',
};

export const MODIFIER_NAMES: readonly string[] = Object.keys(SIGMA_MODIFIERS);

export function isKnownModifier(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(SIGMA_MODIFIERS, name);
}
