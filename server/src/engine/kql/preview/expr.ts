import { child, descendants, listItems, type KqlNode } from '../tree';
import { arith, compareOrdered, negate } from './arith';
import { compileCall } from './functions';
import { compileStringOperator } from './binary';
import { KqlUnsupportedError, srcText, type Compiled, type CompileContext, type Subquery } from './types';
import { asTime, getElement, getProperty, isTimespan, type KqlValue } from './values';

const UNITS: Record<string, number> = {
  d: 86400000,
  day: 86400000,
  days: 86400000,
  h: 3600000,
  hr: 3600000,
  hrs: 3600000,
  hour: 3600000,
  hours: 3600000,
  m: 60000,
  min: 60000,
  minute: 60000,
  minutes: 60000,
  s: 1000,
  sec: 1000,
  second: 1000,
  seconds: 1000,
  ms: 1,
  milli: 1,
  millis: 1,
  millisecond: 1,
  milliseconds: 1,
  microsecond: 0.001,
  microseconds: 0.001,
  tick: 0.0001,
  ticks: 0.0001,
};

/** `1d`, `30m`, `time(1.02:03:04)`, `timespan(2h)`: milliseconds, or null. */
export function parseTimespan(text: string): number | null {
  const t = text.trim().replace(/^(?:time|timespan)\(\s*(.*?)\s*\)$/is, '$1');
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(t);
  if (m) {
    const unit = UNITS[m[2].toLowerCase()];
    return unit === undefined ? null : Number(m[1]) * unit;
  }
  // [-][d.]hh:mm[:ss[.fffffff]]
  const c = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?$/.exec(t);
  if (!c) return null;
  const ms = Number(c[2] ?? 0) * 86400000 + Number(c[3]) * 3600000 + Number(c[4]) * 60000 + Number(c[5] ?? 0) * 1000;
  return c[1] ? -ms : ms;
}

function parseDateTimeLiteral(text: string): number | null {
  const m = /^datetime\(\s*(.*?)\s*\)$/is.exec(text.trim());
  if (!m) return null;
  return asTime(m[1].replace(/^(['"])(.*)\1$/s, '$2'));
}

/** Evaluates a constant expression (list items, right-hand sides, take counts). */
export function constant(node: KqlNode, ctx: CompileContext): KqlValue {
  return compileExpr(node, ctx)({});
}

/** True when a node can be tabular: a pipe, a table or tabular let, union, datatable, materialize... */
export function isTabular(node: KqlNode, ctx: CompileContext): boolean {
  switch (node.kind) {
    case 'PipeExpression':
    case 'UnionOperator':
    case 'DataTableExpression':
    case 'MaterializeExpression':
    case 'PrintOperator':
    case 'RangeOperator':
    case 'ExternalDataExpression':
      return true;
    case 'ParenthesizedExpression':
      return isTabular(child(node, 'Expression') ?? node, ctx);
    case 'NameReference': {
      const b = ctx.lets.get(srcText(ctx, node));
      return b?.k === 'tabular' || (b?.k === 'function' && isTabularBody(b.decl));
    }
    case 'FunctionCallExpression': {
      const b = ctx.lets.get(srcText(ctx, child(node, 'Name') ?? node));
      return b?.k === 'function' && isTabularBody(b.decl);
    }
    default:
      return false;
  }
}

const TABULAR_KINDS = ['PipeExpression', 'UnionOperator', 'DataTableExpression', 'MaterializeExpression'];

function tokenText(n: KqlNode): string {
  return descendants(n, 'TokenName')
    .map((t) => t.text ?? '')
    .join('');
}

export function isTabularBody(decl: KqlNode): boolean {
  const body = child(decl, 'Body');
  const expr = body ? child(body, 'Expression') : undefined;
  if (!body || !expr) return false;
  if (TABULAR_KINDS.includes(expr.kind)) return true;
  // `{ let S = T | ...; S }`: the result names a tabular let of the body itself.
  if (expr.kind !== 'NameReference') return false;
  const name = tokenText(expr);
  const bound = descendants(child(body, 'Statements') ?? body, 'LetStatement')
    .filter((l) => l.parent?.parent?.parent === body && tokenText(child(l, 'Name') ?? l) === name)
    .pop();
  const value = bound ? child(bound, 'Expression') : undefined;
  return !!value && TABULAR_KINDS.includes(value.kind);
}

/** Registers a tabular expression evaluated before the query; the compiled value reads its result. */
function subquery(node: KqlNode, ctx: CompileContext, kind: Subquery['kind']): Subquery {
  const sub: Subquery = { plan: ctx.compileTabular(node, ctx), kind, value: null };
  ctx.state.subqueries.push(sub);
  return sub;
}

/** True when a node reads no column of the row (literals, lets, functions of those). */
export function rowFree(node: KqlNode, ctx: CompileContext): boolean {
  if (isTabular(node, ctx) || node.kind === 'ToScalarExpression') return true;
  const refs = descendants(node, 'NameReference').filter((n) => n.role !== 'Name' || n.parent?.kind !== 'FunctionCallExpression');
  return refs.every((r) => r.role === 'Selector' || ctx.lets.has(srcText(ctx, r)));
}

/**
 * The values of a list operand, per row: `("a", b)`, `(LetList)`, `dynamic([...])`, `(T | project x)`.
 * Nested lists are flattened. Row-free lists are computed once, on first use.
 */
export function listOperand(node: KqlNode, ctx: CompileContext): (row: Record<string, unknown>) => KqlValue[] {
  const items = node.kind === 'ExpressionList' ? listItems(node) : [node];
  const parts = items.map((i) => {
    if (isTabular(i, ctx)) {
      const sub = subquery(i, ctx, 'list');
      return (): KqlValue => sub.value;
    }
    return compileExpr(i, ctx);
  });
  const flat = (row: Record<string, unknown>): KqlValue[] => {
    const out: KqlValue[] = [];
    const add = (v: KqlValue): void => {
      if (Array.isArray(v)) v.forEach(add);
      else out.push(v);
    };
    for (const p of parts) add(p(row));
    return out;
  };
  if (!items.every((i) => rowFree(i, ctx))) return flat;
  let cached: KqlValue[] | null = null;
  return (row) => (cached ??= flat(row));
}

function literal(node: KqlNode, ctx: CompileContext): Compiled | null {
  switch (node.kind) {
    case 'StringLiteralExpression':
    case 'CompoundStringLiteralExpression': {
      const v = descendants(node, 'StringLiteralToken')
        .map((t) => t.value ?? '')
        .join('');
      return () => v;
    }
    case 'LongLiteralExpression':
    case 'IntLiteralExpression':
    case 'RealLiteralExpression':
    case 'DecimalLiteralExpression': {
      const text = srcText(ctx, node)
        .replace(/^(long|int|real|double|decimal)\((.*)\)$/, '$2')
        .trim();
      if (text === 'null') return () => null;
      const v = Number(text);
      if (Number.isNaN(v)) throw new KqlUnsupportedError(`number literal ${text}`, node.start);
      return () => v;
    }
    case 'BooleanLiteralExpression': {
      const t = srcText(ctx, node);
      const v = /null/i.test(t) ? null : /true/i.test(t);
      return () => v;
    }
    case 'TimespanLiteralExpression': {
      const ms = parseTimespan(srcText(ctx, node));
      if (ms === null) throw new KqlUnsupportedError(`timespan literal ${srcText(ctx, node)}`, node.start);
      return () => ({ ts: ms });
    }
    case 'DateTimeLiteralExpression': {
      const t = parseDateTimeLiteral(srcText(ctx, node));
      if (t === null) throw new KqlUnsupportedError(`datetime literal ${srcText(ctx, node)}`, node.start);
      return () => ({ dt: t });
    }
    case 'TypeOfLiteralExpression': {
      const t = srcText(ctx, node)
        .replace(/^typeof\(\s*(.*?)\s*\)$/is, '$1')
        .toLowerCase();
      return () => t;
    }
    case 'GuidLiteralExpression': {
      const v = srcText(ctx, node).replace(/^guid\(\s*(.*?)\s*\)$/is, '$1');
      return () => v;
    }
    default:
      return null;
  }
}

function dynamicLiteral(node: KqlNode, ctx: CompileContext): Compiled {
  const inner = child(node, 'Expression');
  if (!inner) return () => null;
  if (inner.kind === 'JsonArrayExpression') {
    const items = listItems(inner).map((i) => compileExpr(i, ctx));
    return (r) => items.map((f) => f(r));
  }
  if (inner.kind === 'JsonObjectExpression') {
    const pairs = listItems(inner).map((p): [string, Compiled] => {
      const name = descendants(child(p, 'Name') ?? p, 'StringLiteralToken')[0]?.value ?? srcText(ctx, child(p, 'Name') ?? p);
      return [name, compileExpr(child(p, 'Value') ?? p, ctx)];
    });
    return (r) => Object.fromEntries(pairs.map(([k, f]) => [k, f(r)]));
  }
  return compileExpr(inner, ctx);
}

function selectorKey(sel: KqlNode, ctx: CompileContext): Compiled {
  if (sel.kind === 'BracketedExpression') return compileExpr(child(sel, 'Expression') ?? sel, ctx);
  const name = srcText(ctx, sel).replace(/^\[\s*['"](.*)['"]\s*\]$/, '$1');
  return () => name;
}

function compileUnaryOrBinary(node: KqlNode, ctx: CompileContext): Compiled | null {
  if (node.kind === 'UnaryMinusExpression' || node.kind === 'UnaryPlusExpression') {
    const a = compileExpr(child(node, 'Expression') ?? node, ctx);
    return node.kind === 'UnaryMinusExpression' ? (r) => negate(a(r)) : a;
  }
  if (node.kind === 'BetweenExpression' || node.kind === 'NotBetweenExpression') {
    const x = compileExpr(child(node, 'Left') ?? node, ctx);
    const couple = child(node, 'Right') ?? node;
    const lo = compileExpr(child(couple, 'First') ?? couple, ctx);
    const hi = compileExpr(child(couple, 'Second') ?? couple, ctx);
    const neg = node.kind === 'NotBetweenExpression';
    return (r) => {
      const v = x(r);
      const a = lo(r);
      let b = hi(r);
      // `datetime between (start .. 1d)`: the upper bound may be a span from the lower one
      // (learn.microsoft.com/kusto/query/between-operator).
      if (isTimespan(b) && !isTimespan(v)) b = arith('+', a, b);
      const c1 = compareOrdered(v, a);
      const c2 = compareOrdered(v, b);
      if (c1 === null || c2 === null) return null;
      const inside = c1 >= 0 && c2 <= 0;
      return neg ? !inside : inside;
    };
  }
  const opNode = child(node, 'Operator');
  const leftNode = child(node, 'Left');
  const rightNode = child(node, 'Right');
  if (!opNode?.token || !leftNode || !rightNode) return null;
  const opText = opNode.text ?? '';
  const a = (): Compiled => compileExpr(leftNode, ctx);
  if (opText === 'and' || opText === 'or') {
    const x = a();
    const y = compileExpr(rightNode, ctx);
    return opText === 'and' ? (r) => x(r) === true && y(r) === true : (r) => x(r) === true || y(r) === true;
  }
  if (['<', '>', '<=', '>='].includes(opText)) {
    const x = a();
    const y = compileExpr(rightNode, ctx);
    const test =
      opText === '<' ? (c: number) => c < 0 : opText === '>' ? (c: number) => c > 0 : opText === '<=' ? (c: number) => c <= 0 : (c: number) => c >= 0;
    return (r) => {
      const c = compareOrdered(x(r), y(r));
      return c === null ? null : test(c);
    };
  }
  if (['+', '-', '*', '/', '%'].includes(opText)) {
    const x = a();
    const y = compileExpr(rightNode, ctx);
    return (r) => arith(opText, x(r), y(r));
  }
  // `<>` is Kusto's other spelling of `!=` (numerical-operators: "Not equals").
  return compileStringOperator(opText === '<>' ? '!=' : opText, opNode, leftNode, rightNode, ctx);
}

/** Compiles one scalar expression into a function of a row. */
export function compileExpr(node: KqlNode, ctx: CompileContext): Compiled {
  const lit = literal(node, ctx);
  if (lit) return lit;
  switch (node.kind) {
    case 'DynamicExpression':
      return dynamicLiteral(node, ctx);
    case 'ParenthesizedExpression':
      return compileExpr(child(node, 'Expression') ?? node, ctx);
    case 'NameReference': {
      const name = srcText(ctx, node);
      const b = ctx.lets.get(name);
      if (b?.k === 'scalar') return b.f;
      if (b) throw new KqlUnsupportedError(`${name} as a scalar: it is a ${b.k === 'tabular' ? 'tabular' : 'function'} let`, node.start);
      return (r) => (r[name] === undefined ? null : (r[name] as KqlValue));
    }
    case 'BracketedExpression': {
      const key = selectorKey(node, ctx);
      return (r) => {
        const k = key(r);
        return typeof k === 'string' && r[k] !== undefined ? (r[k] as KqlValue) : null;
      };
    }
    case 'PathExpression':
    case 'ElementExpression': {
      const base = compileExpr(child(node, 'Expression') ?? node, ctx);
      const key = selectorKey(child(node, 'Selector') ?? node, ctx);
      return node.kind === 'PathExpression' ? (r) => getProperty(base(r), key(r)) : (r) => getElement(base(r), key(r));
    }
    case 'ToScalarExpression': {
      const sub = subquery(child(node, 'Expression') ?? node, ctx, 'scalar');
      return () => sub.value;
    }
    case 'FunctionCallExpression':
      return compileCall(node, ctx);
    case 'ExpressionList': {
      const items = listItems(node);
      if (items.length === 1) return compileExpr(items[0], ctx);
      throw new KqlUnsupportedError(`list ${srcText(ctx, node)} outside in/has_any`, node.start);
    }
    default: {
      const b = compileUnaryOrBinary(node, ctx);
      if (b) return b;
      throw new KqlUnsupportedError(`${describe(node)} (${srcText(ctx, node).slice(0, 60)})`, node.start);
    }
  }
}

/** A readable name for a syntax kind: `PathExpression` → "path expression". */
export function describe(node: KqlNode): string {
  return node.kind
    .replace(/Expression$|Operator$/, (m) => ` ${m.toLowerCase()}`)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
}
