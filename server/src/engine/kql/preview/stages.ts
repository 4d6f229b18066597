/** Compiles one `|` operator into a Stage (run by run.ts). */
import { child, descendants, listItems, type KqlNode } from '../tree';
import { compileAggregate } from './aggregates';
import { compileRe2 } from './strops';
import { compileExpr, constant, describe } from './expr';
import { columnNamer, declaredName, resultName } from './naming';
import { COUNT } from './pivot';
import { compileSubquery, compileTabular } from './plan';
import { KqlUnsupportedError, srcText, type Compiled, type CompileContext, type JoinKind, type SortKey, type Stage, type TopNestedLevel } from './types';

/** `Name = expr`, a bare column or an unnamed expression (named as Kusto names it). */
function namedColumns(ctx: CompileContext, items: KqlNode[]): [string, Compiled][] {
  const next = columnNamer();
  return items.map((n): [string, Compiled] => {
    if (n.kind === 'SimpleNamedExpression') return [declaredName(child(n, 'Name') ?? n, ctx), compileExpr(child(n, 'Expression') ?? n, ctx)];
    if (n.kind === 'StarExpression') throw new KqlUnsupportedError('* in a column list', n.start);
    return [resultName(n, ctx) || next(), compileExpr(n, ctx)];
  });
}

function expressions(op: KqlNode): KqlNode[] {
  const list = op.children.find((c) => c.role === 'Expressions');
  return list ? listItems(list) : [];
}

/** Named parameters (`kind=inner`, `withsource=T`) as lower-case name → source text. */
function params(op: KqlNode, ctx: CompileContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of listItems(child(op, 'Parameters') ?? op)) {
    const name = srcText(ctx, child(p, 'Name') ?? p).toLowerCase();
    out.set(name, srcText(ctx, child(p, 'Expression') ?? p));
  }
  return out;
}

/** Parameters that only steer Kusto's execution plan, never the result. */
const HINTS = /^(hint\.|isfuzzy$|bagexpansion$|kind$)/;

function onlyHints(op: KqlNode, ctx: CompileContext, allowed: RegExp = HINTS): Map<string, string> {
  const p = params(op, ctx);
  for (const [k, v] of p) if (!allowed.test(k)) throw new KqlUnsupportedError(`${describe(op)} parameter ${k}=${v}`, op.start);
  return p;
}

export function unionParams(op: KqlNode, ctx: CompileContext): { withsource: string | null } {
  const p = onlyHints(op, ctx, /^(hint\.|isfuzzy$|withsource$|kind$)/);
  return { withsource: p.get('withsource') ?? null };
}

function wildcard(t: string): (name: string) => boolean {
  if (!t.includes('*')) return (n) => n === t;
  const re = new RegExp(
    `^${t
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return (n) => re.test(n);
}

function sortKeys(items: KqlNode[], ctx: CompileContext): SortKey[] {
  return items.map((n) => {
    let expr = n;
    let desc = true;
    let nulls: boolean | null = null;
    if (n.kind === 'OrderedExpression') {
      expr = child(n, 'Expression') ?? n;
      const ordering = srcText(ctx, child(n, 'Ordering') ?? n).toLowerCase();
      if (/\basc\b/.test(ordering)) desc = false;
      if (/nulls\s+first/.test(ordering)) nulls = true;
      if (/nulls\s+last/.test(ordering)) nulls = false;
    }
    // Kusto: descending by default; nulls first when ascending, last when descending.
    return { value: compileExpr(expr, ctx), desc, nullsFirst: nulls ?? !desc };
  });
}

function count(e: KqlNode | undefined, op: KqlNode, ctx: CompileContext): number {
  const n = e ? constant(e, ctx) : null;
  if (typeof n !== 'number' || n < 0 || !Number.isInteger(n))
    throw new KqlUnsupportedError(`${describe(op)} with ${e ? srcText(ctx, e) : 'no count'}`, op.start);
  return n;
}

const JOIN_KINDS = new Set<JoinKind>(['innerunique', 'inner', 'leftouter', 'rightouter', 'fullouter', 'leftanti', 'rightanti', 'leftsemi', 'rightsemi']);

function joinStage(op: KqlNode, ctx: CompileContext, lookup: boolean): Stage {
  const p = onlyHints(op, ctx);
  const kindText = (p.get('kind') ?? (lookup ? 'leftouter' : 'innerunique')).toLowerCase();
  // Aliases documented on the join page: leftantisemi = leftanti, rightantisemi = rightanti.
  const kind = (kindText === 'leftantisemi' ? 'leftanti' : kindText === 'rightantisemi' ? 'rightanti' : kindText) as JoinKind;
  if (!JOIN_KINDS.has(kind) || (lookup && kind !== 'leftouter' && kind !== 'inner'))
    throw new KqlUnsupportedError(`${lookup ? 'lookup' : 'join'} kind=${kindText}`, op.start);
  const right = compileTabular(child(op, 'Expression') ?? op, ctx);
  const clause = child(op, lookup ? 'LookupClause' : 'ConditionClause');
  if (!clause || clause.kind !== 'JoinOnClause')
    throw new KqlUnsupportedError(
      `${lookup ? 'lookup' : 'join'} without an on clause (${clause ? srcText(ctx, clause).slice(0, 40) : 'none'})`,
      (clause ?? op).start,
    );
  const on: [Compiled, Compiled][] = [];
  const keyNames: [string, string][] = [];
  const conditions: KqlNode[] = [];
  const flatten = (c: KqlNode): void => {
    if (c.kind === 'AndExpression') {
      flatten(child(c, 'Left') ?? c);
      flatten(child(c, 'Right') ?? c);
    } else conditions.push(c);
  };
  expressions(clause).forEach(flatten);
  for (const c of conditions) {
    if (c.kind === 'NameReference') {
      const name = srcText(ctx, c);
      const f = compileExpr(c, { ...ctx, lets: new Map() });
      on.push([f, f]);
      keyNames.push([name, name]);
      continue;
    }
    const l = child(c, 'Left');
    const r = child(c, 'Right');
    const side = (n: KqlNode | undefined): [string, string] | null =>
      n?.kind === 'PathExpression' ? [srcText(ctx, child(n, 'Expression') ?? n), srcText(ctx, child(n, 'Selector') ?? n)] : null;
    const a = side(l);
    const b = side(r);
    if (c.kind !== 'EqualExpression' || !a || !b || a[0] === b[0] || !['$left', '$right'].includes(a[0]) || !['$left', '$right'].includes(b[0]))
      throw new KqlUnsupportedError(`join condition ${srcText(ctx, c)} (only Column or $left.A == $right.B)`, c.start);
    const [left, rightName] = a[0] === '$left' ? [a[1], b[1]] : [b[1], a[1]];
    on.push([(row) => (row[left] === undefined ? null : (row[left] as never)), (row) => (row[rightName] === undefined ? null : (row[rightName] as never))]);
    keyNames.push([left, rightName]);
  }
  return { k: 'join', kind, right, on, keyNames, lookup };
}

function parseStage(op: KqlNode, ctx: CompileContext): Stage {
  const p = onlyHints(op, ctx);
  if (p.has('kind') && p.get('kind')?.toLowerCase() !== 'simple') throw new KqlUnsupportedError(`parse kind=${p.get('kind')}`, op.start);
  const source = compileExpr(child(op, 'Expression') ?? op, ctx);
  const names: string[] = [];
  const types: (string | null)[] = [];
  let re = '^';
  const patterns = listItems(child(op, 'Patterns') ?? op);
  patterns.forEach((n, i) => {
    if (n.kind === 'StarExpression') re += '.*?';
    else if (n.kind === 'NameAndTypeDeclaration' || n.kind === 'NameDeclaration') {
      names.push(declaredName(child(n, 'Name') ?? n, ctx));
      types.push(child(n, 'Type') ? srcText(ctx, child(n, 'Type') ?? n) : null);
      // The last column of a pattern without a trailing * takes the rest of the text.
      re += i === patterns.length - 1 ? '(.*)' : '(.*?)';
    } else if (/StringLiteral/.test(n.kind))
      re += descendants(n, 'StringLiteralToken')
        .map((t) => (t.value ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('');
    else throw new KqlUnsupportedError(`parse pattern ${srcText(ctx, n)}`, n.start);
  });
  return { k: 'parse', source, re: compileRe2(re + '$', op.start, 's'), names, types };
}

/** The columns `mv-expand` and `mv-apply` expand: name, value and the `to typeof(T)` type if any. */
function expandedColumns(op: KqlNode, ctx: CompileContext): [string, Compiled, string | null][] {
  return expressions(op).map((e): [string, Compiled, string | null] => {
    const toType = child(e, 'ToTypeOf');
    const type = toType
      ? srcText(ctx, toType)
          .replace(/^to\s+typeof\(\s*(\w+)\s*\)$/i, '$1')
          .toLowerCase()
      : null;
    const [[name, f]] = namedColumns(ctx, [child(e, 'Expression') ?? e]);
    return [name, f, type];
  });
}

function mvExpand(op: KqlNode, ctx: CompileContext): Stage {
  const p = onlyHints(op, ctx, /^(hint\.|bagexpansion$|kind$)/);
  const limitClause = descendants(op, 'MvExpandRowLimitClause')[0];
  const cols = expandedColumns(op, ctx);
  const bagsAsArrays = p.get('kind')?.toLowerCase() === 'array' || p.get('bagexpansion')?.toLowerCase() === 'array';
  return { k: 'mv-expand', cols, limit: limitClause ? count(child(limitClause, 'RowLimit'), op, ctx) : null, bagsAsArrays };
}

/** `evaluate pivot(PivotColumn [, Aggregation] [, Column...])` (pivot.ts). */
function pivotStage(args: KqlNode[], op: KqlNode, ctx: CompileContext): Stage {
  const [column, ...rest] = args;
  if (!column) throw new KqlUnsupportedError('pivot() without a column', op.start);
  // The second argument is the aggregation when it is a call (`any(Value)`), else a group-by column.
  const aggNode = rest[0]?.kind === 'FunctionCallExpression' ? rest.shift() : undefined;
  const by = namedColumns(ctx, rest);
  const agg = aggNode ? compileAggregate(aggNode, [], ctx) : COUNT;
  return { k: 'pivot', pivot: compileExpr(column, ctx), agg, by };
}

/** `evaluate bag_unpack(...)` and `evaluate pivot(...)`; any other plugin stops with its name. */
function evaluateStage(op: KqlNode, ctx: CompileContext): Stage {
  onlyHints(op, ctx);
  const call = child(op, 'FunctionCall') ?? op;
  const plugin = srcText(ctx, child(call, 'Name') ?? call);
  const args = listItems(child(call, 'ArgumentList') ?? call);
  if (plugin === 'pivot') return pivotStage(args, op, ctx);
  if (plugin !== 'bag_unpack') throw new KqlUnsupportedError(`operator evaluate ${plugin}`, op.start);
  const positional = args.filter((a) => a.kind !== 'SimpleNamedExpression');
  const named = new Map(args.filter((a) => a.kind === 'SimpleNamedExpression').map((a) => [srcText(ctx, child(a, 'Name') ?? a), child(a, 'Expression') ?? a]));
  const column = positional[0];
  if (column?.kind !== 'NameReference') throw new KqlUnsupportedError(`bag_unpack of ${column ? srcText(ctx, column) : 'nothing'} (only a column)`, op.start);
  const text = (n: KqlNode | undefined): string | null => (n ? String(constant(n, ctx) ?? '') : null);
  const conflict = text(named.get('columnsConflict') ?? positional[2]) ?? 'error';
  if (!['error', 'replace_source', 'keep_source'].includes(conflict)) throw new KqlUnsupportedError(`bag_unpack columnsConflict=${conflict}`, op.start);
  const ignoredNode = named.get('ignoredProperties') ?? positional[3];
  const ignored = ignoredNode ? constant(ignoredNode, ctx) : [];
  return {
    k: 'bag-unpack',
    column: srcText(ctx, column),
    prefix: text(named.get('OutputColumnPrefix') ?? positional[1]) ?? '',
    conflict: conflict as 'error' | 'replace_source' | 'keep_source',
    ignored: new Set(Array.isArray(ignored) ? ignored.map(String) : []),
    at: op.start,
  };
}

/** `top-nested [N] of Expr [with others = X] by Aggregation [asc|desc]`, one level per clause. */
function topNestedStage(op: KqlNode, ctx: CompileContext): Stage {
  const levels = listItems(child(op, 'Clauses') ?? op).map((clause, i): TopNestedLevel => {
    const nNode = child(clause, 'Expression');
    const ofNode = child(clause, 'OfExpression') ?? clause;
    const [[name, of]] = namedColumns(ctx, [ofNode]);
    let byNode = child(clause, 'ByExpression') ?? clause;
    let desc = true;
    if (byNode.kind === 'OrderedExpression') {
      desc = !/\basc\b/i.test(srcText(ctx, child(byNode, 'Ordering') ?? byNode));
      byNode = child(byNode, 'Expression') ?? byNode;
    }
    const aggName =
      byNode.kind === 'SimpleNamedExpression'
        ? declaredName(child(byNode, 'Name') ?? byNode, ctx)
        : `aggregated_${ofNode.kind === 'SimpleNamedExpression' || ofNode.kind === 'NameReference' ? name : `Column${i + 1}`}`;
    const withOthers = child(clause, 'WithOthersClause');
    const othersNode = withOthers ? child(withOthers, 'Expression') : undefined;
    return {
      n: nNode ? count(nNode, op, ctx) : null,
      name,
      of,
      aggName,
      agg: compileAggregate(byNode, [], ctx),
      desc,
      ...(othersNode ? { others: constant(othersNode, ctx) } : {}),
    };
  });
  return { k: 'top-nested', levels };
}

/**
 * `mv-apply [with_itemindex=I] Col [to typeof(T)] [limit N] on (subquery)`: each input row is
 * expanded as mv-expand does, the subquery runs over that row's expansion, the results are
 * concatenated (learn.microsoft.com/kusto/query/mv-apply-operator).
 */
function mvApply(op: KqlNode, ctx: CompileContext): Stage {
  const p = onlyHints(op, ctx, /^(hint\.|with_itemindex$)/);
  const limitClause = child(op, 'RowLimitClause');
  const cols = expandedColumns(op, ctx);
  const subNode = child(child(op, 'Subquery') ?? op, 'Expression');
  if (!subNode) throw new KqlUnsupportedError('mv-apply without a subquery', op.start);
  const expand: Extract<Stage, { k: 'mv-expand' }> = { k: 'mv-expand', cols, limit: limitClause ? count(child(limitClause, 'RowLimit'), op, ctx) : null };
  return { k: 'mv-apply', expand, itemIndex: p.get('with_itemindex') ?? null, sub: compileSubquery(subNode, ctx) };
}

/** `partition [hint...] by Col (subquery)`: the subquery runs once per value of Col (partition-operator). */
function partitionStage(op: KqlNode, ctx: CompileContext): Stage {
  onlyHints(op, ctx);
  const operand = child(op, 'Operand');
  const sub = operand?.kind === 'PartitionSubquery' ? child(operand, 'Subquery') : undefined;
  if (!sub) throw new KqlUnsupportedError(`partition with ${operand ? srcText(ctx, operand).slice(0, 30) : 'no operand'} (only a (subquery))`, op.start);
  return { k: 'partition', by: compileExpr(child(op, 'ByExpression') ?? op, ctx), sub: compileSubquery(sub, ctx) };
}

export function compileStage(op: KqlNode, ctx: CompileContext): Stage {
  switch (op.kind) {
    case 'FilterOperator':
      onlyHints(op, ctx);
      return { k: 'where', test: compileExpr(child(op, 'Condition') ?? op, ctx) };
    case 'ExtendOperator':
      return { k: 'extend', cols: namedColumns(ctx, expressions(op)) };
    case 'SerializeOperator':
      return { k: 'extend', cols: namedColumns(ctx, expressions(op)) };
    case 'ProjectOperator':
    case 'PrintOperator':
      return { k: 'project', cols: namedColumns(ctx, expressions(op)) };
    case 'ProjectAwayOperator':
    case 'ProjectKeepOperator': {
      const tests = expressions(op).map((n) => wildcard(srcText(ctx, n).trim()));
      const test = (name: string): boolean => tests.some((t) => t(name));
      return op.kind === 'ProjectAwayOperator' ? { k: 'project-away', drop: test } : { k: 'project-keep', keep: test };
    }
    case 'ProjectRenameOperator':
      return {
        k: 'project-rename',
        pairs: expressions(op).map((n): [string, string] => [declaredName(child(n, 'Name') ?? n, ctx), srcText(ctx, child(n, 'Expression') ?? n).trim()]),
      };
    case 'ProjectReorderOperator':
      return {
        k: 'project-reorder',
        first: expressions(op).map((n) =>
          srcText(ctx, n)
            .replace(/\s+(asc|desc|granny-asc|granny-desc)$/i, '')
            .trim(),
        ),
      };
    case 'SortOperator':
      onlyHints(op, ctx);
      return { k: 'sort', keys: sortKeys(expressions(op), ctx) };
    case 'TakeOperator':
      onlyHints(op, ctx);
      return { k: 'take', n: count(child(op, 'Expression'), op, ctx) };
    case 'TopOperator':
      onlyHints(op, ctx);
      return { k: 'top', n: count(child(op, 'Expression'), op, ctx), keys: sortKeys([child(op, 'ByExpression') ?? op], ctx) };
    case 'SummarizeOperator': {
      onlyHints(op, ctx);
      const byClause = child(op, 'ByClause');
      const by = byClause ? namedColumns(ctx, expressions(byClause)) : [];
      const byNames = by.map(([n]) => n);
      return { k: 'summarize', by, aggs: listItems(child(op, 'Aggregates') ?? op).map((a) => compileAggregate(a, byNames, ctx)) };
    }
    case 'DistinctOperator': {
      onlyHints(op, ctx);
      const items = expressions(op);
      return { k: 'distinct', cols: items.length === 1 && items[0].kind === 'StarExpression' ? null : namedColumns(ctx, items) };
    }
    case 'CountOperator':
      return { k: 'count', name: 'Count' };
    case 'JoinOperator':
      return joinStage(op, ctx, false);
    case 'LookupOperator':
      return joinStage(op, ctx, true);
    case 'UnionOperator': {
      const { withsource } = unionParams(op, ctx);
      const inputs = expressions(op);
      return {
        k: 'union',
        inputs: inputs.map((i) => compileTabular(i, ctx)),
        withsource,
        names: inputs.map((i, n) => (i.kind === 'NameReference' ? srcText(ctx, i) : `union_arg${n + 1}`)),
      };
    }
    case 'MvExpandOperator':
      return mvExpand(op, ctx);
    case 'ParseOperator':
      return parseStage(op, ctx);
    case 'EvaluateOperator':
      return evaluateStage(op, ctx);
    case 'TopNestedOperator':
      return topNestedStage(op, ctx);
    case 'MvApplyOperator':
      return mvApply(op, ctx);
    case 'PartitionOperator':
      return partitionStage(op, ctx);
    case 'AsOperator':
    case 'RenderOperator':
      // `as` names the result for later use in the same query; `render` only draws it.
      return { k: 'extend', cols: [] };
    case 'InvokeOperator':
      throw new KqlUnsupportedError(
        `invoke ${srcText(ctx, child(op, 'Function') ?? op).slice(0, 40)} (invoke is not evaluated; call the function as a table instead)`,
        op.start,
      );
    default: {
      const keyword = /^[\w-]+/.exec(srcText(ctx, op))?.[0] ?? describe(op);
      throw new KqlUnsupportedError(`operator ${keyword}`, op.start);
    }
  }
}
