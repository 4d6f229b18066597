/**
 * Tabular operators and scalar functions offered by completion and explained by hover, in one
 * line each. Wording from Kusto's documentation (learn.microsoft.com/kusto/query), shortened.
 */
export const TABULAR_OPERATORS: Record<string, string> = {
  where: 'Keeps the rows for which the predicate is true.',
  extend: 'Adds calculated columns: `extend Name = expression`.',
  project: 'Keeps, renames or computes the listed columns, in that order.',
  'project-away': 'Removes the listed columns (wildcards allowed).',
  'project-rename': 'Renames columns: `project-rename New = Old`.',
  summarize: 'Aggregates rows by groups: `summarize count() by Column`.',
  'sort by': 'Sorts rows; descending unless `asc` is given.',
  'order by': 'Same as `sort by`.',
  take: 'Returns up to the given number of rows, in no particular order unless sorted first.',
  limit: 'Same as `take`.',
  top: 'The first N rows by an expression.',
  distinct: 'The distinct combinations of the listed columns.',
  join: 'Merges rows of two tables on matching keys (`kind=inner`, `leftouter`, `leftanti`...).',
  union: 'Rows of several tables.',
  'mv-expand': 'One row per element of a dynamic array or bag.',
  parse: 'Extracts columns from a string by a pattern.',
  count: 'The number of rows.',
  lookup: 'Extends rows with columns looked up in a dimension table.',
};

export const SCALAR_FUNCTIONS: Record<string, string> = {
  ago: '`ago(timespan)`: now minus the timespan, e.g. `ago(7d)`.',
  now: '`now()`: the current UTC time.',
  tolower: '`tolower(s)`: lower-case copy of a string.',
  toupper: '`toupper(s)`: upper-case copy of a string.',
  isempty: '`isempty(x)`: true when x is null or the empty string.',
  isnotempty: '`isnotempty(x)`: true when x is neither null nor empty.',
  tostring: '`tostring(x)`: x converted to a string.',
  parse_url: '`parse_url(url)`: a dynamic bag of Scheme, Host, Port, Path, Query parameters...',
  strcat: '`strcat(a, b, ...)`: concatenation.',
  count: '`count()`: number of rows in the group (summarize).',
  dcount: '`dcount(x)`: estimated number of distinct values (summarize).',
  make_set: '`make_set(x)`: set of distinct values (summarize).',
  bin: '`bin(value, size)`: rounds down to a multiple of size, e.g. `bin(Timestamp, 1h)`.',
  dynamic: '`dynamic([...])`: a literal array or bag.',
};
