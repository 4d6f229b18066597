/**
 * Sigma condition parser: `and`, `or`, `not`, parentheses, `1 of x*`, `all of them`, `N of x`.
 * Offsets are relative to the condition string; the caller maps them into the file.
 * Precedence follows the specification: not > and > or; `and`/`or` are left-associative.
 */

interface Span {
  start: number;
  end: number;
}

export type ConditionNode =
  | { type: 'and' | 'or'; left: ConditionNode; right: ConditionNode; span: Span }
  | { type: 'not'; operand: ConditionNode; span: Span }
  | { type: 'id'; name: string; span: Span }
  | { type: 'of'; quantifier: 'all' | number; target: OfTarget; span: Span };

type OfTarget = { kind: 'them'; span: Span } | { kind: 'pattern'; pattern: string; span: Span };

interface ConditionError {
  message: string;
  span: Span;
}

interface ConditionToken {
  kind: 'and' | 'or' | 'not' | 'lparen' | 'rparen' | 'of' | 'them' | 'all' | 'number' | 'ident' | 'pipe';
  text: string;
  span: Span;
}

export interface ConditionParse {
  /** The condition text as written in the rule. */
  text: string;
  /** Where the text starts in the file (document offset) and how to map offsets inside it. */
  map: (offset: number) => number;
  ast: ConditionNode | null;
  tokens: ConditionToken[];
  error: ConditionError | null;
}

const KEYWORDS: Record<string, ConditionToken['kind']> = {
  and: 'and',
  or: 'or',
  not: 'not',
  of: 'of',
  them: 'them',
  all: 'all',
};

export function tokenize(text: string): { tokens: ConditionToken[]; error: ConditionError | null } {
  const tokens: ConditionToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'lparen' : 'rparen', text: c, span: { start: i, end: i + 1 } });
      i++;
      continue;
    }
    if (c === '|') {
      // Everything after a pipe is a Sigma v1 aggregation; the parser reports it as such.
      tokens.push({ kind: 'pipe', text: c, span: { start: i, end: i + 1 } });
      break;
    }
    const m = /^[A-Za-z0-9_*?.\-$]+/.exec(text.slice(i, i + 256));
    if (!m) {
      return { tokens, error: { message: `unexpected character '${c}' in condition`, span: { start: i, end: i + 1 } } };
    }
    const word = m[0];
    const lower = word.toLowerCase();
    const kw = KEYWORDS[lower];
    const span = { start: i, end: i + word.length };
    if (kw) tokens.push({ kind: kw, text: word, span });
    else if (/^[0-9]+$/.test(word)) tokens.push({ kind: 'number', text: word, span });
    else tokens.push({ kind: 'ident', text: word, span });
    i += word.length;
  }
  return { tokens, error: null };
}

class ParseFailure extends Error {
  constructor(readonly detail: ConditionError) {
    super(detail.message);
  }
}

export function parseCondition(text: string): { ast: ConditionNode | null; tokens: ConditionToken[]; error: ConditionError | null } {
  const { tokens, error } = tokenize(text);
  if (error) return { ast: null, tokens, error };
  if (tokens.length === 0) {
    return { ast: null, tokens, error: { message: 'the condition is empty', span: { start: 0, end: text.length } } };
  }
  let pos = 0;
  const peek = (): ConditionToken | undefined => tokens[pos];
  const endSpan = (): Span => ({ start: text.length, end: text.length });
  const fail = (message: string, tok?: ConditionToken): never => {
    throw new ParseFailure({ message, span: tok ? tok.span : endSpan() });
  };

  const parseOr = (): ConditionNode => {
    let left = parseAnd();
    while (peek()?.kind === 'or') {
      pos++;
      const right = parseAnd();
      left = { type: 'or', left, right, span: { start: left.span.start, end: right.span.end } };
    }
    return left;
  };
  const parseAnd = (): ConditionNode => {
    let left = parseNot();
    while (peek()?.kind === 'and') {
      pos++;
      const right = parseNot();
      left = { type: 'and', left, right, span: { start: left.span.start, end: right.span.end } };
    }
    return left;
  };
  const parseNot = (): ConditionNode => {
    const t = peek();
    if (t?.kind === 'not') {
      pos++;
      const operand = parseNot();
      return { type: 'not', operand, span: { start: t.span.start, end: operand.span.end } };
    }
    return parsePrimary();
  };
  const parsePrimary = (): ConditionNode => {
    const t = peek();
    if (!t) return fail('the condition ends where a search identifier, `not`, `(` or `1 of` was expected');
    if (t.kind === 'lparen') {
      pos++;
      const inner = parseOr();
      const close = peek();
      if (close?.kind !== 'rparen') {
        return fail(
          close
            ? `expected ')' to close the '(' at column ${t.span.start + 1}, found '${close.text}'`
            : `missing ')' for the '(' at column ${t.span.start + 1}`,
          close ?? t,
        );
      }
      pos++;
      return { ...inner, span: { start: t.span.start, end: close.span.end } };
    }
    if (t.kind === 'number' || t.kind === 'all') {
      const next = tokens[pos + 1];
      if (next?.kind === 'of') {
        pos += 2;
        const target = peek();
        if (!target) return fail(`'${t.text} of' needs a target: a search identifier pattern or 'them'`);
        if (target.kind !== 'them' && target.kind !== 'ident' && target.kind !== 'number') {
          return fail(`'${t.text} of' needs a search identifier pattern or 'them', found '${target.text}'`, target);
        }
        pos++;
        const quantifier: 'all' | number = t.kind === 'all' ? 'all' : Number(t.text);
        const span = { start: t.span.start, end: target.span.end };
        const tgt: OfTarget = target.kind === 'them' ? { kind: 'them', span: target.span } : { kind: 'pattern', pattern: target.text, span: target.span };
        return { type: 'of', quantifier, target: tgt, span };
      }
      if (t.kind === 'all') return fail(`'all' must be followed by 'of'`, t);
    }
    if (t.kind === 'ident' || t.kind === 'number') {
      pos++;
      return { type: 'id', name: t.text, span: t.span };
    }
    if (t.kind === 'pipe') {
      return fail('aggregation expressions after `|` (count(), near) were removed in Sigma v2: use a correlation rule', t);
    }
    if (t.kind === 'of') return fail(`'of' must follow a number or 'all' (e.g. '1 of selection_*')`, t);
    if (t.kind === 'them') return fail(`'them' can only follow '1 of' or 'all of'`, t);
    return fail(`unexpected '${t.text}': expected a search identifier, 'not', '(' or '1 of'`, t);
  };

  try {
    const ast = parseOr();
    const rest = peek();
    if (rest) {
      if (rest.kind === 'rparen') fail(`unbalanced ')': no '(' to close`, rest);
      if (rest.kind === 'pipe') fail('aggregation expressions after `|` (count(), near) were removed in Sigma v2: use a correlation rule', rest);
      fail(`unexpected '${rest.text}': expected 'and', 'or' or the end of the condition`, rest);
    }
    return { ast, tokens, error: null };
  } catch (e) {
    if (e instanceof ParseFailure) return { ast: null, tokens, error: e.detail };
    throw e;
  }
}

/** Every search identifier name (exact or pattern) a condition refers to. */
export function conditionReferences(node: ConditionNode | null): { name: string; pattern: boolean; span: Span }[] {
  const out: { name: string; pattern: boolean; span: Span }[] = [];
  const walk = (n: ConditionNode | null): void => {
    if (!n) return;
    switch (n.type) {
      case 'and':
      case 'or':
        walk(n.left);
        walk(n.right);
        break;
      case 'not':
        walk(n.operand);
        break;
      case 'id':
        out.push({ name: n.name, pattern: false, span: n.span });
        break;
      case 'of':
        if (n.target.kind === 'pattern') out.push({ name: n.target.pattern, pattern: true, span: n.target.span });
        break;
    }
  };
  walk(node);
  return out;
}

/** Sigma identifier patterns use `*` as a wildcard (and `?` for one character in some backends). */
export function patternToRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

export function usesThem(node: ConditionNode | null): boolean {
  if (!node) return false;
  switch (node.type) {
    case 'and':
    case 'or':
      return usesThem(node.left) || usesThem(node.right);
    case 'not':
      return usesThem(node.operand);
    case 'of':
      return node.target.kind === 'them';
    default:
      return false;
  }
}
