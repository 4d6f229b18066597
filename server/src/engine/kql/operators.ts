/**
 * KQL's string comparison operators, keyed by the operator as written. Semantics from Kusto's
 * documentation ("String operators", learn.microsoft.com/kusto/query/datatypes-string-operators):
 * `_cs` and `==`/`!=`/`in` are case-sensitive; `has` matches whole terms.
 */
export type OperatorBase =
  'equals' | 'in' | 'has' | 'has_any' | 'has_all' | 'hasprefix' | 'hassuffix' | 'contains' | 'startswith' | 'endswith' | 'matches regex' | 'like';

interface StringOperator {
  op: string;
  base: OperatorBase;
  negated: boolean;
  caseSensitive: boolean;
  doc: string;
}

const DOCS: Record<OperatorBase, string> = {
  equals: 'The whole value equals the right-hand side.',
  in: 'The value equals one of the listed values.',
  has: 'The right-hand side is a whole term of the value. Terms are maximal runs of letters and digits, so `RemoteUrl has "discord.com"` is true for `https://cdn.discord.com/x` and for `discord.com.evil.io`, false for `evildiscord.com` and `discord.community`.',
  has_any: 'The value has (whole-term match) any of the listed strings.',
  has_all: 'The value has (whole-term match) all of the listed strings.',
  hasprefix: 'A term of the value starts with the right-hand side.',
  hassuffix: 'A term of the value ends with the right-hand side.',
  contains: 'The right-hand side occurs anywhere in the value (substring).',
  startswith: 'The value starts with the right-hand side.',
  endswith: 'The value ends with the right-hand side: without a leading dot, `endswith "dropbox.com"` also matches `evildropbox.com`.',
  'matches regex': 'The value contains a match of the regular expression (RE2 syntax, case-sensitive unless `(?i)`).',
  like: 'SQL-style pattern match.',
};

function add(map: Map<string, StringOperator>, op: string, base: OperatorBase, negated: boolean, caseSensitive: boolean): void {
  map.set(op, {
    op,
    base,
    negated,
    caseSensitive,
    doc: `${negated ? 'Negation: true when this does not hold. ' : ''}${DOCS[base]}${caseSensitive ? ' Case-sensitive.' : ' Case-insensitive.'}`,
  });
}

export const STRING_OPERATORS: ReadonlyMap<string, StringOperator> = (() => {
  const m = new Map<string, StringOperator>();
  add(m, '==', 'equals', false, true);
  add(m, '!=', 'equals', true, true);
  add(m, '=~', 'equals', false, false);
  add(m, '!~', 'equals', true, false);
  add(m, 'in', 'in', false, true);
  add(m, '!in', 'in', true, true);
  add(m, 'in~', 'in', false, false);
  add(m, '!in~', 'in', true, false);
  add(m, 'has_any', 'has_any', false, false);
  add(m, 'has_all', 'has_all', false, false);
  add(m, 'matches regex', 'matches regex', false, true);
  for (const base of ['has', 'hasprefix', 'hassuffix', 'contains', 'startswith', 'endswith'] as const) {
    add(m, base, base, false, false);
    add(m, `!${base}`, base, true, false);
    add(m, `${base}_cs`, base, false, true);
    add(m, `!${base}_cs`, base, true, true);
  }
  add(m, 'like', 'like', false, false);
  add(m, '!like', 'like', true, false);
  add(m, 'like_cs', 'like', false, true);
  add(m, '!like_cs', 'like', true, true);
  return m;
})();

/** The operator token of a binary expression, normalised (Kusto allows `matches  regex`). */
export function operatorOf(text: string): StringOperator | undefined {
  return STRING_OPERATORS.get(text.replace(/\s+/g, ' ').toLowerCase() === 'matches regex' ? 'matches regex' : text);
}
