/**
 * Scalar functions of the preview. Each entry compiles a call from its compiled arguments; the
 * semantics follow the function's page under learn.microsoft.com/kusto/query/ (named in comments
 * where a choice is not obvious). String functions are in strfuncs.ts, datetime functions in
 * timefuncs.ts.
 */
import { randomUUID } from 'node:crypto';
import { child, listItems, type KqlNode } from '../tree';
import { compileExpr, constant, isTabular, parseTimespan } from './expr';
import { inlineFunction } from './plan';
import { SET_FUNCTIONS } from './setfuncs';
import { STRING_FUNCTIONS } from './strfuncs';
import { TIME_FUNCTIONS } from './timefuncs';
import { KqlUnsupportedError, srcText, type Compiled, type CompileContext, type Row } from './types';
import { asDynamic, asNumber, asString, asTime, compareValues, isDateTime, isEmptyValue, isTimespan, type KqlValue } from './values';

type FunctionImpl = (args: Compiled[], nodes: KqlNode[], ctx: CompileContext, call: KqlNode) => Compiled;

function arity(name: string, min: number, max: number): (args: Compiled[], call: KqlNode) => void {
  return (args, call) => {
    if (args.length < min || args.length > max) throw new KqlUnsupportedError(`${name}() with ${args.length} arguments`, call.start);
  };
}

function unary(name: string, f: (v: KqlValue) => KqlValue): FunctionImpl {
  const check = arity(name, 1, 1);
  return (args, _n, _c, call) => {
    check(args, call);
    const a = args[0];
    return (r) => f(a(r));
  };
}

function toLong(v: KqlValue): KqlValue {
  if (isDateTime(v)) return v.dt * 10000 + 621355968000000000;
  if (isTimespan(v)) return v.ts * 10000;
  const n = asNumber(v);
  return n === null || !Number.isFinite(n) ? null : Math.trunc(n);
}

function toBool(v: KqlValue): KqlValue {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    return t === 'true' || t === '1' ? true : t === 'false' || t === '0' ? false : null;
  }
  return null;
}

/** tostring(): null and missing values are the empty string; datetimes in ISO form. */
function toStringValue(v: KqlValue): string {
  return asString(v);
}

function conditionals(): Record<string, FunctionImpl> {
  const iff: FunctionImpl = (args, _n, _c, call) => {
    arity('iff', 3, 3)(args, call);
    const [c, a, b] = args;
    return (r) => (c(r) === true ? a(r) : b(r));
  };
  return {
    iff,
    iif: iff,
    case: (args, _n, _c, call) => {
      if (args.length < 3 || args.length % 2 === 0) throw new KqlUnsupportedError(`case() with ${args.length} arguments`, call.start);
      return (r) => {
        for (let i = 0; i + 1 < args.length; i += 2) if (args[i](r) === true) return args[i + 1](r);
        return args[args.length - 1](r);
      };
    },
    // coalesce(): the first argument that is not null; for strings, not empty
    // (learn.microsoft.com/kusto/query/coalesce-function).
    coalesce: (args) => (r) => {
      for (const a of args) {
        const v = a(r);
        if (!isEmptyValue(v)) return v;
      }
      return null;
    },
    not: unary('not', (v) => v !== true),
    isnull: unary('isnull', (v) => v === null || v === undefined),
    isnotnull: unary('isnotnull', (v) => v !== null && v !== undefined),
    isempty: unary('isempty', (v) => isEmptyValue(v)),
    isnotempty: unary('isnotempty', (v) => !isEmptyValue(v)),
    isnan: unary('isnan', (v) => typeof v === 'number' && Number.isNaN(v)),
  };
}

function conversions(): Record<string, FunctionImpl> {
  const real = unary('toreal', (v) => asNumber(v));
  const dyn = unary('todynamic', (v) => asDynamic(v));
  return {
    tostring: unary('tostring', (v) => toStringValue(v)),
    toint: unary('toint', toLong),
    tolong: unary('tolong', toLong),
    toreal: real,
    todouble: real,
    todecimal: real,
    tobool: unary('tobool', toBool),
    toboolean: unary('toboolean', toBool),
    todatetime: unary('todatetime', (v) => {
      const t = asTime(v);
      return t === null ? null : { dt: t };
    }),
    totimespan: unary('totimespan', (v) => {
      if (isTimespan(v)) return v;
      const ms = typeof v === 'string' ? parseTimespan(v) : null;
      return ms === null ? null : { ts: ms };
    }),
    toguid: unary('toguid', (v) => (typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v) ? v.toLowerCase() : null)),
    todynamic: dyn,
    parse_json: dyn,
    gettype: unary('gettype', (v) =>
      v === null
        ? 'null'
        : Array.isArray(v)
          ? 'array'
          : isDateTime(v)
            ? 'datetime'
            : isTimespan(v)
              ? 'timespan'
              : typeof v === 'object'
                ? 'dictionary'
                : typeof v === 'number'
                  ? Number.isInteger(v)
                    ? 'long'
                    : 'real'
                  : typeof v === 'boolean'
                    ? 'bool'
                    : 'string',
    ),
  };
}

function numbers(): Record<string, FunctionImpl> {
  const num = (name: string, f: (n: number) => number): FunctionImpl =>
    unary(name, (v) => {
      const n = asNumber(v);
      return n === null ? null : f(n);
    });
  // max_of / min_of: the extreme of the arguments, nulls ignored; null when all are null (max-of-function).
  const extreme =
    (name: string, sign: 1 | -1): FunctionImpl =>
    (args, _n, _c, call) => {
      arity(name, 1, 64)(args, call);
      return (r) => {
        let best: KqlValue = null;
        for (const a of args) {
          const v = a(r);
          if (v === null || v === undefined) continue;
          if (best === null || (compareValues(v, best) ?? 0) * sign > 0) best = v;
        }
        return best;
      };
    };
  return {
    max_of: extreme('max_of', 1),
    min_of: extreme('min_of', -1),
    // make_string(): the string of the given Unicode code points (arrays of them too).
    make_string: (args) => (r) => {
      const points = args.flatMap((a) => {
        const v = asDynamic(a(r));
        return Array.isArray(v) ? v : [v];
      });
      return points.every((p) => typeof p === 'number' && Number.isInteger(p) && p >= 0 && p <= 0x10ffff)
        ? String.fromCodePoint(...(points as number[]))
        : null;
    },
    abs: num('abs', Math.abs),
    sqrt: num('sqrt', Math.sqrt),
    log: num('log', Math.log),
    log10: num('log10', Math.log10),
    exp: num('exp', Math.exp),
    round: (args, _n, _c, call) => {
      arity('round', 1, 2)(args, call);
      return (r) => {
        const n = asNumber(args[0](r));
        const p = args[1] ? (asNumber(args[1](r)) ?? 0) : 0;
        return n === null ? null : Math.round(n * 10 ** p) / 10 ** p;
      };
    },
    pow: (args, _n, _c, call) => {
      arity('pow', 2, 2)(args, call);
      return (r) => {
        const a = asNumber(args[0](r));
        const b = asNumber(args[1](r));
        return a === null || b === null ? null : a ** b;
      };
    },
  };
}

function dynamics(): Record<string, FunctionImpl> {
  const arr = (v: KqlValue): KqlValue[] | null => {
    const d = asDynamic(v);
    return Array.isArray(d) ? d : null;
  };
  const pack: FunctionImpl = (args, _n, _c, call) => {
    if (args.length % 2) throw new KqlUnsupportedError(`pack() with ${args.length} arguments`, call.start);
    return (r) => {
      const o: Record<string, KqlValue> = {};
      for (let i = 0; i < args.length; i += 2) o[asString(args[i](r))] = args[i + 1](r);
      return o;
    };
  };
  const arrayLength = unary('array_length', (v) => arr(v)?.length ?? null);
  const columnIfExists: FunctionImpl = (args, nodes, ctx, call) => {
    arity('column_ifexists', 2, 2)(args, call);
    const name = asString(constant(nodes[0], ctx));
    const dflt = args[1];
    return (r) => (r[name] !== undefined ? (r[name] as KqlValue) : dflt(r));
  };
  return {
    pack_array: (args) => (r) => args.map((a) => a(r)),
    pack,
    bag_pack: pack,
    pack_all: () => (r: Row) => ({ ...r }) as KqlValue,
    new_guid: () => () => randomUUID(),
    array_length: arrayLength,
    // Deprecated spellings Kusto still accepts (their pages name them as aliases).
    arraylength: arrayLength,
    set_has_element: (args, _n, _c, call) => {
      arity('set_has_element', 2, 2)(args, call);
      return (r) => {
        const a = arr(args[0](r));
        const x = args[1](r);
        return a ? a.some((v) => v === x || (v !== null && x !== null && asString(v) === asString(x) && typeof v === typeof x)) : null;
      };
    },
    array_index_of: (args, _n, _c, call) => {
      arity('array_index_of', 2, 2)(args, call);
      return (r) => {
        const a = arr(args[0](r));
        const x = args[1](r);
        return a ? a.findIndex((v) => v === x) : null;
      };
    },
    array_concat: (args) => (r) => args.flatMap((a) => arr(a(r)) ?? []),
    array_slice: (args, _n, _c, call) => {
      arity('array_slice', 3, 3)(args, call);
      return (r) => {
        const a = arr(args[0](r));
        const s = asNumber(args[1](r));
        const e = asNumber(args[2](r));
        if (!a || s === null || e === null) return null;
        const from = s < 0 ? a.length + s : s;
        const to = e < 0 ? a.length + e : e;
        return a.slice(from, to + 1);
      };
    },
    bag_keys: unary('bag_keys', (v) => {
      const d = asDynamic(v);
      return d && typeof d === 'object' && !Array.isArray(d) ? Object.keys(d) : null;
    }),
    // extractjson("$.a.b[0]", json): a JSONPath of names and indexes; null when absent.
    extractjson: (args, _n, _c, call) => {
      arity('extractjson', 2, 3)(args, call);
      return (r) => {
        const path = asString(args[0](r)).replace(/^\$/, '');
        let v: KqlValue = asDynamic(args[1](r));
        for (const m of path.matchAll(/\.([^.[\]]+)|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\]|\[(\d+)\]/g)) {
          const key = m[1] ?? m[2] ?? m[3];
          if (key !== undefined) v = v && typeof v === 'object' && !Array.isArray(v) ? ((v as Record<string, KqlValue>)[key] ?? null) : null;
          else v = Array.isArray(v) ? (v[Number(m[4])] ?? null) : null;
        }
        return v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
      };
    },
    column_ifexists: columnIfExists,
    columnifexists: columnIfExists,
  };
}

function clockFunctions(): Record<string, FunctionImpl> {
  return {
    ago: (args, nodes, ctx, call) => {
      arity('ago', 1, 1)(args, call);
      const span = constant(nodes[0], ctx);
      if (!isTimespan(span)) throw new KqlUnsupportedError(`ago() with ${srcText(ctx, nodes[0])}`, nodes[0].start);
      ctx.state.usesClock = true;
      let at: number | null = null;
      return () => {
        at ??= ctx.clock() - span.ts;
        return { dt: at };
      };
    },
    now: (args, nodes, ctx, call) => {
      arity('now', 0, 1)(args, call);
      const off = nodes[0] ? constant(nodes[0], ctx) : { ts: 0 };
      if (!isTimespan(off)) throw new KqlUnsupportedError(`now() with ${srcText(ctx, nodes[0])}`, nodes[0].start);
      ctx.state.usesClock = true;
      return () => ({ dt: ctx.clock() + off.ts });
    },
  };
}

const FUNCTIONS: Record<string, FunctionImpl> = {
  ...conditionals(),
  ...conversions(),
  ...numbers(),
  ...dynamics(),
  ...clockFunctions(),
  ...STRING_FUNCTIONS,
  ...TIME_FUNCTIONS,
  ...SET_FUNCTIONS,
  // Deprecated alias (strcat-array-function).
  array_strcat: STRING_FUNCTIONS.strcat_array,
};

export function compileCall(node: KqlNode, ctx: CompileContext): Compiled {
  const name = srcText(ctx, child(node, 'Name') ?? node);
  // `bin(Name = Column, 1h)`: the name only names the result column (naming.ts).
  const nodes = listItems(child(node, 'ArgumentList') ?? node).map((a) => (a.kind === 'SimpleNamedExpression' ? (child(a, 'Expression') ?? a) : a));
  const binding = ctx.lets.get(name);
  if (binding?.k === 'function') return inlineFunction(binding, nodes, node, ctx, 'scalar') as Compiled;
  const impl = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!impl) throw new KqlUnsupportedError(`function ${name}()`, node.start);
  const args = nodes.map((a) =>
    isTabular(a, ctx)
      ? (() => {
          throw new KqlUnsupportedError(`a tabular argument to ${name}()`, a.start);
        })()
      : compileExpr(a, ctx),
  );
  return impl(args, nodes, ctx, node);
}
