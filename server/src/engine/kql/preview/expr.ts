import { operatorOf } from '../operators';
import { child, listItems, type KqlNode } from '../tree';
import { asNumber, asString, asTime, compareValues, hasTerm, hasTermEdge, isDateTime, isEmptyValue, isTimespan, lower, valuesEqual, type KqlValue } from './values';

/** A construct outside the preview subset: the message names it and where it is. */
export class KqlUnsupportedError extends Error {
  constructor(
    readonly construct: string,
    readonly offset: number,
  ) {
    super(`unsupported: ${construct}`);
  }
}

export type Row = Record<string, unknown>;
export type Compiled = (row: Row) => KqlValue;

export interface CompileContext {
  text: string;
  /** `let` names bound to constants (scalars or dynamic lists). */
  lets: Map<string, KqlValue>;
  /** The preview clock (ms since epoch) for `ago()` and `now()`; read lazily. */
  clock: () => number;
  /** Set when the query reads the clock, so the runner knows it must find one. */
  usesClock?: boolean;
}

function src(ctx: CompileContext, n: KqlNode): string {
  return ctx.text.slice(n.start, n.end).replace(/\s+/g, ' ');
}

const UNITS: Record<string, number> = {
  d: 86400000, day: 86400000, days: 86400000,
  h: 3600000, hr: 3600000, hrs: 3600000, hour: 3600000, hours: 3600000,
  m: 60000, min: 60000, minute: 60000, minutes: 60000,
  s: 1000, sec: 1000, second: 1000, seconds: 1000,
  ms: 1, milli: 1, millis: 1, millisecond: 1, milliseconds: 1,
  microsecond: 0.001, microseconds: 0.001, tick: 0.0001, ticks: 0.0001,
};

export function parseTimespan(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(text.trim());
  if (!m) return null;
  const unit = UNITS[m[2].toLowerCase()];
  return unit === undefined ? null : Number(m[1]) * unit;
}

function parseDateTimeLiteral(text: string): number | null {
  const m = /^datetime\(\s*(.*?)\s*\)$/is.exec(text.trim());
  if (!m) return null;
  return asTime(m[1]);
}

/** Evaluates a constant expression (let values, list items, right-hand sides). */
export function constant(node: KqlNode, ctx: CompileContext): KqlValue {
  const f = compileExpr(node, ctx);
  return f({});
}

function isConstant(node: KqlNode, ctx: CompileContext): boolean {
  switch (node.kind) {
    case 'StringLiteralExpression':
    case 'CompoundStringLiteralExpression':
    case 'LongLiteralExpression':
    case 'IntLiteralExpression':
    case 'RealLiteralExpression':
    case 'BooleanLiteralExpression':
    case 'TimespanLiteralExpression':
    case 'DateTimeLiteralExpression':
    case 'DynamicExpression':
      return true;
    case 'NameReference':
      return ctx.lets.has(src(ctx, node));
    case 'ParenthesizedExpression':
      return isConstant(child(node, 'Expression') ?? node, ctx);
    case 'ExpressionList':
      return listItems(node).every((i) => isConstant(i, ctx));
    default:
      return false;
  }
}

/** The values of a list operand: `("a", b)`, `(LetList)`, `dynamic([...])`; nested lists are flattened. */
function listOperand(node: KqlNode, ctx: CompileContext, what: string): string[] | KqlValue[] {
  if (!isConstant(node, ctx)) throw new KqlUnsupportedError(`${what} with a non-constant list (${src(ctx, node)})`, node.start);
  const items = node.kind === 'ExpressionList' ? listItems(node).map((i) => constant(i, ctx)) : [constant(node, ctx)];
  const out: KqlValue[] = [];
  const flatten = (v: KqlValue): void => {
    if (Array.isArray(v)) v.forEach(flatten);
    else out.push(v);
  };
  items.forEach(flatten);
  return out;
}

/** Kusto RE2 patterns: the subset JavaScript reads the same way; anything else is refused, not guessed. */
export function compileRe2(pattern: string, offset: number): RegExp {
  let flags = '';
  let p = pattern;
  const lead = /^\(\?([imsU]+)\)/.exec(p);
  if (lead) {
    if (/U/.test(lead[1])) throw new KqlUnsupportedError(`regex flag (?U) in ${JSON.stringify(pattern)}`, offset);
    flags += lead[1];
    p = p.slice(lead[0].length);
  }
  if (/\(\?[=!<]|\(\?P?<|\\[1-9]|\(\?[a-zA-Z]|\\[pP]\{|\[\[:/.test(p)) {
    throw new KqlUnsupportedError(`regex construct in ${JSON.stringify(pattern)} (lookaround, backreference, named group, inline flag or class that the preview does not translate from RE2)`, offset);
  }
  try {
    return new RegExp(p, flags);
  } catch (e) {
    throw new KqlUnsupportedError(`regex ${JSON.stringify(pattern)}: ${(e as Error).message}`, offset);
  }
}

type StringTest = (text: string) => boolean;

function stringTest(base: string, needle: string, cs: boolean, offset: number): StringTest {
  // Kusto's documentation does not say what a term match against '' gives: refuse rather than guess.
  if (needle === '' && base.startsWith('has')) throw new KqlUnsupportedError(`${base} with an empty string`, offset);
  const n = lower(needle, cs);
  switch (base) {
    case 'has':
      return (t) => hasTerm(t, needle, cs);
    case 'hasprefix':
      return (t) => hasTermEdge(t, needle, cs, 'prefix');
    case 'hassuffix':
      return (t) => hasTermEdge(t, needle, cs, 'suffix');
    case 'contains':
      return (t) => lower(t, cs).includes(n);
    case 'startswith':
      return (t) => lower(t, cs).startsWith(n);
    case 'endswith':
      return (t) => lower(t, cs).endsWith(n);
    default:
      throw new Error(base);
  }
}

function truthy(v: KqlValue): boolean {
  return v === true;
}

function compileBinary(node: KqlNode, ctx: CompileContext): Compiled | null {
  const opNode = child(node, 'Operator');
  const leftNode = child(node, 'Left');
  const rightNode = child(node, 'Right');
  if (!opNode?.token || !leftNode || !rightNode) return null;
  const opText = opNode.text ?? '';
  if (opText === 'and' || opText === 'or') {
    const a = compileExpr(leftNode, ctx);
    const b = compileExpr(rightNode, ctx);
    return opText === 'and' ? (r) => truthy(a(r)) && truthy(b(r)) : (r) => truthy(a(r)) || truthy(b(r));
  }
  if (['<', '>', '<=', '>='].includes(opText)) {
    const a = compileExpr(leftNode, ctx);
    const b = compileExpr(rightNode, ctx);
    const test = opText === '<' ? (c: number) => c < 0 : opText === '>' ? (c: number) => c > 0 : opText === '<=' ? (c: number) => c <= 0 : (c: number) => c >= 0;
    return (r) => {
      const c = compareValues(a(r), b(r));
      return c === null ? null : test(c);
    };
  }
  if (opText === '+' || opText === '-') {
    const a = compileExpr(leftNode, ctx);
    const b = compileExpr(rightNode, ctx);
    const sign = opText === '+' ? 1 : -1;
    return (r) => {
      const x = a(r);
      const y = b(r);
      if (isDateTime(x) && isTimespan(y)) return { dt: x.dt + sign * y.ts };
      if (isTimespan(x) && isTimespan(y)) return { ts: x.ts + sign * y.ts };
      if (isDateTime(x) && isDateTime(y) && sign < 0) return { ts: x.dt - y.dt };
      const nx = asNumber(x);
      const ny = asNumber(y);
      return nx === null || ny === null ? null : nx + sign * ny;
    };
  }
  const op = operatorOf(opText);
  if (!op) throw new KqlUnsupportedError(`operator ${opText}`, opNode.start);
  const left = compileExpr(leftNode, ctx);
  const neg = (f: Compiled): Compiled => (op.negated ? (r) => !truthy(f(r)) : f);
  switch (op.base) {
    case 'equals': {
      if (!isConstant(rightNode, ctx)) {
        const right = compileExpr(rightNode, ctx);
        return neg((r) => valuesEqual(left(r), right(r), op.caseSensitive));
      }
      const v = constant(rightNode, ctx);
      return neg((r) => valuesEqual(left(r), v, op.caseSensitive));
    }
    case 'in': {
      const values = listOperand(rightNode, ctx, opText);
      if (!op.caseSensitive && values.every((v) => typeof v === 'string')) {
        const set = new Set((values as string[]).map((v) => v.toLowerCase()));
        return neg((r) => {
          const x = left(r);
          return typeof x === 'string' ? set.has(x.toLowerCase()) : values.some((v) => valuesEqual(x, v, false));
        });
      }
      return neg((r) => {
        const x = left(r);
        return values.some((v) => valuesEqual(x, v, op.caseSensitive));
      });
    }
    case 'has_any':
    case 'has_all': {
      const tests = listOperand(rightNode, ctx, opText).map((v) => stringTest('has', asString(v), false, rightNode.start));
      if (op.base === 'has_any') return (r) => {
        const t = asString(left(r));
        return tests.some((f) => f(t));
      };
      return (r) => {
        const t = asString(left(r));
        return tests.every((f) => f(t));
      };
    }
    case 'matches regex': {
      if (!isConstant(rightNode, ctx)) throw new KqlUnsupportedError(`matches regex with a non-constant pattern`, rightNode.start);
      const re = compileRe2(asString(constant(rightNode, ctx)), rightNode.start);
      return (r) => re.test(asString(left(r)));
    }
    case 'like':
      throw new KqlUnsupportedError(`operator ${opText}`, opNode.start);
    default: {
      if (!isConstant(rightNode, ctx)) throw new KqlUnsupportedError(`${opText} with a non-constant right-hand side (${src(ctx, rightNode)})`, rightNode.start);
      const test = stringTest(op.base, asString(constant(rightNode, ctx)), op.caseSensitive, rightNode.start);
      return neg((r) => test(asString(left(r))));
    }
  }
}

function compileCall(node: KqlNode, ctx: CompileContext): Compiled {
  const name = src(ctx, child(node, 'Name') ?? node);
  const args = listItems(child(node, 'ArgumentList') ?? node).map((a) => a);
  const arity = (n: number): void => {
    if (args.length !== n) throw new KqlUnsupportedError(`${name}() with ${args.length} arguments`, node.start);
  };
  switch (name) {
    case 'not': {
      arity(1);
      const a = compileExpr(args[0], ctx);
      return (r) => !truthy(a(r));
    }
    case 'tolower':
    case 'toupper': {
      arity(1);
      const a = compileExpr(args[0], ctx);
      return name === 'tolower' ? (r) => asString(a(r)).toLowerCase() : (r) => asString(a(r)).toUpperCase();
    }
    case 'isempty':
    case 'isnotempty': {
      arity(1);
      const a = compileExpr(args[0], ctx);
      return name === 'isempty' ? (r) => isEmptyValue(a(r)) : (r) => !isEmptyValue(a(r));
    }
    case 'ago': {
      arity(1);
      const span = constant(args[0], ctx);
      if (!isTimespan(span)) throw new KqlUnsupportedError(`ago() with ${src(ctx, args[0])}`, args[0].start);
      ctx.usesClock = true;
      let at: number | null = null;
      return () => {
        at ??= ctx.clock() - span.ts;
        return { dt: at };
      };
    }
    case 'now': {
      if (args.length > 1) arity(0);
      const off = args[0] ? constant(args[0], ctx) : { ts: 0 };
      if (!isTimespan(off)) throw new KqlUnsupportedError(`now() with ${src(ctx, args[0])}`, args[0].start);
      ctx.usesClock = true;
      return () => ({ dt: ctx.clock() + off.ts });
    }
    default:
      throw new KqlUnsupportedError(`function ${name}()`, node.start);
  }
}

/** Compiles one scalar expression of the preview subset into a function of a row. */
export function compileExpr(node: KqlNode, ctx: CompileContext): Compiled {
  switch (node.kind) {
    case 'StringLiteralExpression':
    case 'CompoundStringLiteralExpression': {
      const v = node.kind === 'StringLiteralExpression' ? (node.children.find((c) => c.kind === 'StringLiteralToken')?.value ?? '') : node.children.map((c) => c.children.find((t) => t.kind === 'StringLiteralToken')?.value ?? '').join('');
      return () => v;
    }
    case 'LongLiteralExpression':
    case 'IntLiteralExpression':
    case 'RealLiteralExpression': {
      const text = src(ctx, node).replace(/^(long|int|real)\((.*)\)$/, '$2');
      const v = Number(text);
      if (Number.isNaN(v)) throw new KqlUnsupportedError(`number literal ${text}`, node.start);
      return () => v;
    }
    case 'BooleanLiteralExpression': {
      const v = /true/i.test(src(ctx, node));
      return () => v;
    }
    case 'TimespanLiteralExpression': {
      const ms = parseTimespan(src(ctx, node));
      if (ms === null) throw new KqlUnsupportedError(`timespan literal ${src(ctx, node)}`, node.start);
      return () => ({ ts: ms });
    }
    case 'DateTimeLiteralExpression': {
      const t = parseDateTimeLiteral(src(ctx, node));
      if (t === null) throw new KqlUnsupportedError(`datetime literal ${src(ctx, node)}`, node.start);
      return () => ({ dt: t });
    }
    case 'DynamicExpression': {
      const inner = child(node, 'Expression');
      if (inner?.kind === 'JsonArrayExpression') {
        const items = listItems(inner).map((i) => constant(i, ctx));
        return () => items;
      }
      if (inner && inner.kind !== 'JsonObjectExpression') return compileExpr(inner, ctx);
      throw new KqlUnsupportedError(`dynamic value ${src(ctx, node)}`, node.start);
    }
    case 'ParenthesizedExpression':
      return compileExpr(child(node, 'Expression') ?? node, ctx);
    case 'NameReference': {
      const name = src(ctx, node);
      if (ctx.lets.has(name)) {
        const v = ctx.lets.get(name) ?? null;
        return () => v;
      }
      return (r) => (r[name] === undefined ? null : (r[name] as KqlValue));
    }
    case 'BracketedExpression':
      throw new KqlUnsupportedError(`bracketed column reference ${src(ctx, node)}`, node.start);
    case 'FunctionCallExpression':
      return compileCall(node, ctx);
    case 'ExpressionList': {
      const items = listItems(node);
      if (items.length === 1) return compileExpr(items[0], ctx);
      throw new KqlUnsupportedError(`list ${src(ctx, node)} outside in/has_any`, node.start);
    }
    default: {
      const b = compileBinary(node, ctx);
      if (b) return b;
      throw new KqlUnsupportedError(`${describe(node)} (${src(ctx, node).slice(0, 60)})`, node.start);
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

export { asTime };
