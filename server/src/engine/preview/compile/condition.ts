/**
 * A Sigma condition (and/or/not/parentheses, `N of pattern`, `all of them`) compiled into
 * three-valued closures over the compiled searches. Each node also knows which fields its searches
 * read, so a subtree that reads only a few fields can remember its verdict per combination of their
 * values (value-cache.ts): `not 1 of filter_main_*` over forty browser filters on `Image` costs one
 * lookup per event instead of forty searches, since process images repeat all through telemetry.
 */
import type { ConditionNode } from '../../sigma/condition';
import { patternToRegExp } from '../../sigma/condition';
import type { Tri } from '../logsource';
import type { FieldAccess } from './access';
import type { CompiledSearch } from './search';
import { withValueCache } from './value-cache';

export type ConditionFn = (access: FieldAccess, memo: Int8Array) => Tri;

interface Built {
  fn: ConditionFn;
  /** Fields the subtree reads; null when it also reads keywords (not a function of a few fields). */
  fields: Set<string> | null;
  /** Detection items evaluated by the subtree at worst: what a cache hit saves. */
  items: number;
}

interface ConditionContext {
  searches: CompiledSearch[];
  index: Map<string, number>;
  warnings: string[];
  /** Receives the search identifiers reached positively (not under `not`). */
  positive: Set<string>;
}

/** Subtrees reading more fields than this are not cached (the key would rarely repeat). */
const CACHE_MAX_FIELDS = 3;
/** Subtrees cheaper than this many items are cheaper to evaluate than to look up. */
const CACHE_MIN_ITEMS = 4;

export function compileCondition(ast: ConditionNode, ctx: ConditionContext): ConditionFn {
  return build(ast, false, ctx).fn;
}

function build(n: ConditionNode, negated: boolean, ctx: ConditionContext): Built {
  switch (n.type) {
    case 'and':
      // Not cached as a whole: its first operand usually rejects an event after reading one field,
      // while a cache key would read them all.
      return binary('and', build(n.left, negated, ctx), build(n.right, negated, ctx));
    case 'or':
      return cacheable(binary('or', build(n.left, negated, ctx), build(n.right, negated, ctx)));
    case 'not': {
      const o = build(n.operand, !negated, ctx);
      const inner = o.fn;
      return { ...o, fn: (a, m) => not(inner(a, m)) };
    }
    case 'id':
      return identifier(n.name, negated, ctx);
    case 'of':
      return cacheable(quantified(n, negated, ctx));
  }
}

function not(r: Tri): Tri {
  return r === 2 ? 2 : r === 1 ? 0 : 1;
}

function binary(op: 'and' | 'or', l: Built, r: Built): Built {
  const lf = l.fn;
  const rf = r.fn;
  const fn: ConditionFn =
    op === 'and'
      ? (a, m) => {
          const x = lf(a, m);
          if (x === 0) return 0;
          const y = rf(a, m);
          if (y === 0) return 0;
          return x === 1 && y === 1 ? 1 : 2;
        }
      : (a, m) => {
          const x = lf(a, m);
          if (x === 1) return 1;
          const y = rf(a, m);
          if (y === 1) return 1;
          return x === 0 && y === 0 ? 0 : 2;
        };
  return { fn, fields: union([l.fields, r.fields]), items: l.items + r.items };
}

function identifier(name: string, negated: boolean, ctx: ConditionContext): Built {
  const i = ctx.index.get(name);
  if (i === undefined) {
    ctx.warnings.push(`the condition names '${name}', which is not a search identifier: it never matches`);
    return { fn: () => 0, fields: new Set(), items: 0 };
  }
  if (!negated) ctx.positive.add(name);
  return searchNode(ctx.searches[i], i);
}

/** A search, its result kept in `memo` for the rest of the event (selections reuse it). */
function searchNode(s: CompiledSearch, i: number): Built {
  const fn: ConditionFn = (access, memo) => {
    const m = memo[i];
    if (m >= 0) return m as Tri;
    const r = s.test(access);
    memo[i] = r;
    return r;
  };
  return { fn, fields: s.fields, items: s.groups.reduce((n, g) => n + g.length, 0) };
}

function quantified(n: Extract<ConditionNode, { type: 'of' }>, negated: boolean, ctx: ConditionContext): Built {
  const re = n.target.kind === 'them' ? null : patternToRegExp(n.target.pattern);
  // `them` excludes identifiers starting with `_` (the spec, "1/all of them").
  const members: Built[] = [];
  ctx.searches.forEach((s, i) => {
    if (re ? !re.test(s.name) : s.name.startsWith('_')) return;
    if (!negated) ctx.positive.add(s.name);
    members.push(searchNode(s, i));
  });
  if (members.length === 0) {
    const what = n.target.kind === 'them' ? 'them' : n.target.pattern;
    ctx.warnings.push(`'${n.quantifier} of ${what}' matches no search identifier: it is false`);
    return { fn: () => 0, fields: new Set(), items: 0 };
  }
  const fns = members.map((m) => m.fn);
  const fn = n.quantifier === 'all' ? allOf(fns) : countOf(fns, n.quantifier);
  return { fn, fields: union(members.map((m) => m.fields)), items: members.reduce((k, m) => k + m.items, 0) };
}

function allOf(members: ConditionFn[]): ConditionFn {
  return (a, m) => {
    let r: Tri = 1;
    for (let i = 0; i < members.length; i++) {
      const v = members[i](a, m);
      if (v === 0) return 0;
      if (v === 2) r = 2;
    }
    return r;
  };
}

function countOf(members: ConditionFn[], need: number): ConditionFn {
  return (a, m) => {
    let yes = 0;
    let unknown = 0;
    for (let i = 0; i < members.length; i++) {
      const v = members[i](a, m);
      if (v === 1 && ++yes >= need) return 1;
      if (v === 2) unknown++;
    }
    return yes + unknown >= need ? 2 : 0;
  };
}

function union(sets: (Set<string> | null)[]): Set<string> | null {
  const out = new Set<string>();
  for (const s of sets) {
    if (!s) return null;
    for (const f of s) out.add(f);
  }
  return out;
}

/**
 * Wraps an expensive subtree of a few fields in a value cache. The searches it skips on a hit
 * leave `memo` unset, which only means a later reader evaluates them itself.
 */
function cacheable(b: Built): Built {
  if (!b.fields || b.fields.size === 0 || b.fields.size > CACHE_MAX_FIELDS || b.items < CACHE_MIN_ITEMS) return b;
  return { ...b, fn: withValueCache(b.fn, [...b.fields]) };
}
