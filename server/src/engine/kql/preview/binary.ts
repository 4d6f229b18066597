import { operatorOf } from '../operators';
import { descendants, type KqlNode } from '../tree';
import { compileExpr, constant, isTabular, listOperand, rowFree } from './expr';
import { compileRe2, stringTest, stringTestDynamic, type StringBase, type StringTest } from './strops';
import { KqlUnsupportedError, srcText, type Compiled, type CompileContext, type Row } from './types';
import { asString, valuesEqual, type KqlValue } from './values';

/**
 * The value of a right-hand side known before any row is read (literals, lets of literals), or
 * undefined when it depends on the row, the clock or a subquery.
 */
export function compileTimeConstant(node: KqlNode, ctx: CompileContext): KqlValue | undefined {
  if (!rowFree(node, ctx) || isTabular(node, ctx)) return undefined;
  if (descendants(node, (k) => k === 'ToScalarExpression' || k === 'FunctionCallExpression').length > 0) return undefined;
  for (const n of descendants(node, 'NameReference')) {
    const b = ctx.lets.get(srcText(ctx, n));
    if (b && (b.k !== 'scalar' || !b.constant)) return undefined;
  }
  return constant(node, ctx);
}

/** Caches a value derived from the last list seen: row-free lists are the same array every row. */
function perList<T>(make: (values: KqlValue[]) => T): (values: KqlValue[]) => T {
  let last: KqlValue[] | null = null;
  let made: T | null = null;
  return (values) => {
    if (values !== last || made === null) {
      made = make(values);
      last = values;
    }
    return made;
  };
}

function compileIn(left: Compiled, right: KqlNode, cs: boolean, negated: boolean, ctx: CompileContext): Compiled {
  const list = listOperand(right, ctx);
  const lowerSet = perList((vals) => (vals.every((v) => typeof v === 'string') ? new Set((vals as string[]).map((v) => (cs ? v : v.toLowerCase()))) : null));
  return (r) => {
    const x = left(r);
    const vals = list(r);
    const set = lowerSet(vals);
    const found = set && typeof x === 'string' ? set.has(cs ? x : x.toLowerCase()) : vals.some((v) => valuesEqual(x, v, cs));
    return negated ? !found : found;
  };
}

function compileHasList(left: Compiled, right: KqlNode, all: boolean, ctx: CompileContext): Compiled {
  const list = listOperand(right, ctx);
  const tests = perList((vals) =>
    vals
      .map((v) => asString(v))
      .filter((v) => v !== '')
      .map((v) => stringTest('has', v, false, right.start)),
  );
  return (r) => {
    const t = asString(left(r));
    const fs = tests(list(r));
    return all ? fs.every((f) => f(t)) : fs.some((f) => f(t));
  };
}

function compileRegex(left: Compiled, right: KqlNode, ctx: CompileContext): Compiled {
  const c = compileTimeConstant(right, ctx);
  if (c !== undefined) {
    const re = compileRe2(asString(c), right.start);
    return (r) => re.test(asString(left(r)));
  }
  const pattern = compileExpr(right, ctx);
  const cache = new Map<string, RegExp>();
  return (r) => {
    const p = asString(pattern(r));
    let re = cache.get(p);
    if (!re) {
      re = compileRe2(p, right.start);
      cache.set(p, re);
    }
    return re.test(asString(left(r)));
  };
}

/** `==`, `=~`, `in~`, `has`, `contains_cs`, `matches regex`... (their negations too). */
export function compileStringOperator(opText: string, opNode: KqlNode, leftNode: KqlNode, rightNode: KqlNode, ctx: CompileContext): Compiled {
  const op = operatorOf(opText);
  if (!op) throw new KqlUnsupportedError(`operator ${opText}`, opNode.start);
  const left = compileExpr(leftNode, ctx);
  const neg = (f: Compiled): Compiled => (op.negated ? (r: Row) => f(r) !== true : f);
  switch (op.base) {
    case 'equals': {
      const right = compileExpr(rightNode, ctx);
      return neg((r) => valuesEqual(left(r), right(r), op.caseSensitive));
    }
    case 'in':
      return compileIn(left, rightNode, op.caseSensitive, op.negated, ctx);
    case 'has_any':
    case 'has_all':
      return compileHasList(left, rightNode, op.base === 'has_all', ctx);
    case 'matches regex':
      return compileRegex(left, rightNode, ctx);
    case 'like':
      throw new KqlUnsupportedError(`operator ${opText}`, opNode.start);
    default: {
      const base = op.base as StringBase;
      const c = compileTimeConstant(rightNode, ctx);
      if (c !== undefined) {
        const test: StringTest = stringTest(base, asString(c), op.caseSensitive, rightNode.start);
        return neg((r) => test(asString(left(r))));
      }
      const right = compileExpr(rightNode, ctx);
      return neg((r) => stringTestDynamic(base, asString(left(r)), asString(right(r)), op.caseSensitive));
    }
  }
}
