/**
 * Aggregation functions of `summarize` (learn.microsoft.com/kusto/query/aggregation-functions).
 * Result columns are named as Kusto names them: `count_`, `countif_`, `dcount_X`, `min_X`,
 * `max_X`, `sum_X`, `avg_X`, `set_X` (make_set), `list_X` (make_list), `any_X` (take_any); arg_max
 * and arg_min return their first argument's column and the columns they name (`*`: every column
 * of the row, without the `by` columns). Null values are ignored by every aggregate but count()
 * (summarize-operator, "Aggregates default values"). dcount() is exact here; Kusto estimates it,
 * which only differs on large groups.
 */
import { child, listItems, type KqlNode } from '../tree';
import { compileExpr } from './expr';
import { declaredName, resultName } from './naming';
import { KqlUnsupportedError, srcText, type Accumulator, type AggregateSpec, type Compiled, type CompileContext, type Row } from './types';
import { asNumber, compareValues, type KqlValue } from './values';

const PREFIX: Record<string, string> = {
  count: 'count',
  countif: 'countif',
  dcount: 'dcount',
  dcountif: 'dcountif',
  count_distinct: 'count_distinct',
  min: 'min',
  max: 'max',
  minif: 'minif',
  maxif: 'maxif',
  sum: 'sum',
  sumif: 'sumif',
  avg: 'avg',
  avgif: 'avgif',
  make_set: 'set',
  make_set_if: 'set',
  make_list: 'list',
  make_list_if: 'list',
  make_bag: 'bag',
  take_any: 'any',
  any: 'any',
  take_anyif: 'anyif',
  anyif: 'anyif',
  stdev: 'stdev',
  stdevif: 'stdevif',
  variance: 'variance',
  varianceif: 'varianceif',
};

/** Deprecated spellings Kusto still accepts. */
const ALIASES: Record<string, string> = { makeset: 'make_set', makelist: 'make_list', argmax: 'arg_max', argmin: 'arg_min', makebag: 'make_bag' };

function isNull(v: KqlValue): boolean {
  return v === null || v === undefined;
}

function key(v: KqlValue): string {
  return typeof v === 'string' ? `s${v}` : `j${JSON.stringify(v)}`;
}

/** A fold over the group's rows: `step` sees each value that passes the filter. */
function fold<S>(
  name: string,
  start: () => S,
  step: (s: S, v: KqlValue, row: Row) => S,
  end: (s: S) => KqlValue,
  value: Compiled | null,
  pred: Compiled | null,
  skipNull = true,
): AggregateSpec {
  return {
    init(): Accumulator {
      let s = start();
      return {
        add(row) {
          if (pred && pred(row) !== true) return;
          const v = value ? value(row) : null;
          if (value && skipNull && isNull(v)) return;
          s = step(s, v, row);
        },
        result: () => [[name, end(s)]],
      };
    },
  };
}

function extreme(name: string, value: Compiled, pred: Compiled | null, sign: 1 | -1): AggregateSpec {
  return fold<KqlValue>(
    name,
    () => null,
    (s, v) => (s === null || (compareValues(v, s) ?? 0) * sign > 0 ? v : s),
    (s) => s,
    value,
    pred,
  );
}

function collect(name: string, value: Compiled, pred: Compiled | null, limit: number, set: boolean): AggregateSpec {
  return fold<{ out: KqlValue[]; seen: Set<string> }>(
    name,
    () => ({ out: [], seen: new Set() }),
    (s, v) => {
      // make_set expands a dynamic array into its elements; make_list keeps it as one element.
      const items = set && Array.isArray(v) ? v : [v];
      for (const x of items) {
        if (s.out.length >= limit) break;
        if (set) {
          const k = key(x);
          if (s.seen.has(k)) continue;
          s.seen.add(k);
        }
        s.out.push(x);
      }
      return s;
    },
    (s) => s.out,
    value,
    pred,
  );
}

/** arg_max / arg_min: the row where the first argument is largest / smallest. */
function argExtreme(args: KqlNode[], byNames: string[], sign: 1 | -1, ctx: CompileContext, given: string[]): AggregateSpec {
  const primaryName = given[0] ?? (resultName(args[0], ctx) || `${sign > 0 ? 'max' : 'min'}_arg0`);
  const primary = compileExpr(args[0], ctx);
  const rest = args.slice(1).map((a, i): { star: true } | { star: false; name: string; f: Compiled } => {
    if (a.kind === 'StarExpression') return { star: true };
    const name =
      given[i + 1] ??
      (a.kind === 'SimpleNamedExpression' ? declaredName(child(a, 'Name') ?? a, ctx) : resultName(a, ctx) || `${sign > 0 ? 'max' : 'min'}_arg${i + 1}`);
    return { star: false, name, f: compileExpr(a.kind === 'SimpleNamedExpression' ? (child(a, 'Expression') ?? a) : a, ctx) };
  });
  return {
    init(): Accumulator {
      let best: KqlValue = null;
      let bestRow: Row | null = null;
      return {
        add(row) {
          const v = primary(row);
          if (isNull(v)) return;
          if (bestRow === null || (compareValues(v, best) ?? 0) * sign > 0) {
            best = v;
            bestRow = row;
          }
        },
        result() {
          const out: [string, KqlValue][] = [[primaryName, best]];
          const names = new Set([primaryName, ...byNames]);
          for (const r of rest) {
            if (r.star) {
              for (const [k, v] of Object.entries(bestRow ?? {})) {
                if (names.has(k)) continue;
                names.add(k);
                out.push([k, v as KqlValue]);
              }
            } else if (!names.has(r.name)) {
              names.add(r.name);
              out.push([r.name, bestRow ? r.f(bestRow) : null]);
            }
          }
          return out;
        },
      };
    },
  };
}

/** Compiles one aggregate of `summarize`: `count()`, `N = dcount(X)`, `arg_max(T, *)`... */
export function compileAggregate(node: KqlNode, byNames: string[], ctx: CompileContext): AggregateSpec {
  let call = node;
  let given: string | null = null;
  let names: string[] = [];
  if (node.kind === 'SimpleNamedExpression') {
    given = declaredName(child(node, 'Name') ?? node, ctx);
    names = [given];
    call = child(node, 'Expression') ?? node;
  } else if (node.kind === 'CompoundNamedExpression') {
    // (A, B) = arg_max(T, X): the names go to the result columns in order.
    names = listItems(child(node, 'Names') ?? node).map((n) => declaredName(n, ctx));
    call = child(node, 'Expression') ?? node;
  }
  if (call.kind !== 'FunctionCallExpression')
    throw new KqlUnsupportedError(`aggregate ${srcText(ctx, call).slice(0, 60)} (not an aggregation function call)`, call.start);
  const written = srcText(ctx, child(call, 'Name') ?? call);
  const fn = ALIASES[written] ?? written;
  const args = listItems(child(call, 'ArgumentList') ?? call);
  const bad = (): never => {
    throw new KqlUnsupportedError(`aggregate ${srcText(ctx, call).slice(0, 60)}`, call.start);
  };
  if (fn === 'arg_max' || fn === 'arg_min') {
    if (args.length < 1) bad();
    return argExtreme(args, byNames, fn === 'arg_max' ? 1 : -1, ctx, names);
  }
  if (!(fn in PREFIX) || args.some((a) => a.kind === 'StarExpression') || names.length > 1) bad();
  const name = given ?? `${PREFIX[fn]}_${fn === 'count' || fn === 'countif' ? '' : resultName(args[0] ?? call, ctx)}`;
  const c = (i: number): Compiled => (args[i] ? compileExpr(args[i], ctx) : bad());
  const limit = (i: number): number => {
    const v = args[i] ? asNumber(compileExpr(args[i], ctx)({})) : null;
    return v === null ? 1048576 : v;
  };
  switch (fn) {
    case 'count':
      if (args.length > 0) bad();
      return fold(
        name,
        () => 0,
        (s) => s + 1,
        (s) => s,
        null,
        null,
      );
    case 'countif':
      return fold(
        name,
        () => 0,
        (s) => s + 1,
        (s) => s,
        null,
        c(0),
      );
    case 'dcount':
    case 'count_distinct':
    case 'dcountif':
    case 'count_distinctif':
      return fold(
        name,
        () => new Set<string>(),
        (s, v) => s.add(key(v)),
        (s) => s.size,
        c(0),
        fn.endsWith('if') ? c(1) : null,
      );
    case 'min':
    case 'minif':
      return extreme(name, c(0), fn === 'minif' ? c(1) : null, -1);
    case 'max':
    case 'maxif':
      return extreme(name, c(0), fn === 'maxif' ? c(1) : null, 1);
    case 'sum':
    case 'sumif':
      return fold(
        name,
        () => 0,
        (s, v) => s + (asNumber(v) ?? 0),
        (s) => s,
        c(0),
        fn === 'sumif' ? c(1) : null,
      );
    case 'avg':
    case 'avgif':
      return fold(
        name,
        () => ({ n: 0, t: 0 }),
        (s, v) => {
          const x = asNumber(v);
          return x === null ? s : { n: s.n + 1, t: s.t + x };
        },
        (s) => (s.n ? s.t / s.n : null),
        c(0),
        fn === 'avgif' ? c(1) : null,
      );
    case 'stdev':
    case 'stdevif':
    case 'variance':
    case 'varianceif':
      // Sample variance (n − 1), as Kusto's stdev() and variance() compute it.
      return fold(
        name,
        () => ({ n: 0, t: 0, q: 0 }),
        (s, v) => {
          const x = asNumber(v);
          return x === null ? s : { n: s.n + 1, t: s.t + x, q: s.q + x * x };
        },
        (s) => {
          if (s.n < 2) return 0;
          const variance = (s.q - (s.t * s.t) / s.n) / (s.n - 1);
          return fn.startsWith('stdev') ? Math.sqrt(variance) : variance;
        },
        c(0),
        fn.endsWith('if') ? c(1) : null,
      );
    case 'make_set':
      return collect(name, c(0), null, limit(1), true);
    case 'make_set_if':
      return collect(name, c(0), c(1), limit(2), true);
    case 'make_list':
      return collect(name, c(0), null, limit(1), false);
    case 'make_list_if':
      return collect(name, c(0), c(1), limit(2), false);
    case 'make_bag':
      return fold(
        name,
        () => ({}) as Record<string, KqlValue>,
        (s, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.assign(s, v) : s),
        (s) => s,
        c(0),
        null,
      );
    default:
      // take_any / any: the first row's value, null or not.
      return fold<{ v: KqlValue; set: boolean }>(
        name,
        () => ({ v: null, set: false }),
        (s, v) => (s.set ? s : { v, set: true }),
        (s) => s.v,
        c(0),
        fn.endsWith('if') ? c(1) : null,
        false,
      );
  }
}
