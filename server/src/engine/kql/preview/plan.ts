import { child, descendants, listItems, type KqlNode } from '../tree';
import { compileExpr, constant, describe, KqlUnsupportedError, type Compiled, type CompileContext } from './expr';

/** One `|` stage of the preview subset. */
export type Stage =
  | { k: 'where'; test: Compiled }
  | { k: 'extend'; cols: [string, Compiled][] }
  | { k: 'project'; cols: [string, Compiled][] }
  | { k: 'project-away'; drop: (name: string) => boolean }
  | { k: 'sort'; keys: { value: Compiled; desc: boolean; nullsFirst: boolean }[] }
  | { k: 'take'; n: number }
  | { k: 'summarize'; by: [string, Compiled][]; countName: string };

export interface KqlPlan {
  table: string;
  stages: Stage[];
  ctx: CompileContext;
}

export const SUBSET =
  'let (scalars, dynamic lists), where (and/or/not, ==, !=, =~, !~, in, in~, !in, !in~, has, has_any, has_all, contains, startswith, endswith and their _cs/negated forms, hasprefix/hassuffix, matches regex, <, >, <=, >=, isempty, isnotempty, tolower, toupper, ago, now), extend, project, project-away, sort/order by, take/limit, summarize count() by columns';

function text(ctx: CompileContext, n: KqlNode): string {
  return ctx.text.slice(n.start, n.end);
}

function nameOf(ctx: CompileContext, n: KqlNode): string {
  const id = descendants(n, (k) => k.endsWith('Token') && k !== 'OpenBracketToken' && k !== 'CloseBracketToken')[0];
  return id?.kind === 'StringLiteralToken' ? (id.value ?? '') : text(ctx, n).trim();
}

/** `Name = expr` or a bare column: the output name and its value. */
function namedColumn(ctx: CompileContext, n: KqlNode, what: string): [string, Compiled] {
  if (n.kind === 'SimpleNamedExpression') {
    const name = nameOf(ctx, child(n, 'Name') ?? n);
    return [name, compileExpr(child(n, 'Expression') ?? n, ctx)];
  }
  if (n.kind === 'NameReference') {
    const name = text(ctx, n);
    return [name, compileExpr(n, ctx)];
  }
  throw new KqlUnsupportedError(`${what} of an unnamed expression (${text(ctx, n).slice(0, 60)}); write Name = expression`, n.start);
}

/** The operator's `Expressions` list (not its `Parameters`, which comes first in sort and take). */
function operatorItems(op: KqlNode): KqlNode[] {
  const list = op.children.find((c) => c.role === 'Expressions');
  return list ? listItems(list) : [];
}

function compileStage(op: KqlNode, ctx: CompileContext): Stage {
  const params = child(op, 'Parameters');
  if (params && params.children.length > 0) throw new KqlUnsupportedError(`${text(ctx, op.children[0])} parameters (${text(ctx, params)})`, params.start);
  switch (op.kind) {
    case 'FilterOperator':
      return { k: 'where', test: compileExpr(child(op, 'Condition') ?? op, ctx) };
    case 'ExtendOperator':
      return { k: 'extend', cols: operatorItems(op).map((n) => namedColumn(ctx, n, 'extend')) };
    case 'ProjectOperator':
      return { k: 'project', cols: operatorItems(op).map((n) => namedColumn(ctx, n, 'project')) };
    case 'ProjectAwayOperator': {
      const pats = operatorItems(op).map((n) => {
        const t = text(ctx, n).trim();
        if (!/^[A-Za-z_][A-Za-z0-9_]*\*?$|^\*$/.test(t)) throw new KqlUnsupportedError(`project-away of ${t}`, n.start);
        return t.endsWith('*') ? new RegExp(`^${t.slice(0, -1)}`) : t;
      });
      return { k: 'project-away', drop: (name) => pats.some((p) => (typeof p === 'string' ? p === name : p.test(name))) };
    }
    case 'SortOperator': {
      const keys = operatorItems(op).map((n) => {
        let expr = n;
        let desc = true;
        let nulls: boolean | null = null;
        if (n.kind === 'OrderedExpression') {
          expr = child(n, 'Expression') ?? n;
          const ordering = text(ctx, child(n, 'Ordering') ?? n).toLowerCase();
          if (/\basc\b/.test(ordering)) desc = false;
          if (/nulls\s+first/.test(ordering)) nulls = true;
          if (/nulls\s+last/.test(ordering)) nulls = false;
        }
        // Kusto: descending by default; nulls first when ascending, last when descending.
        return { value: compileExpr(expr, ctx), desc, nullsFirst: nulls ?? !desc };
      });
      return { k: 'sort', keys };
    }
    case 'TakeOperator': {
      const e = child(op, 'Expression');
      const n = e ? constant(e, ctx) : null;
      if (typeof n !== 'number' || n < 0 || !Number.isInteger(n)) throw new KqlUnsupportedError(`take/limit with ${e ? text(ctx, e) : 'no count'}`, op.start);
      return { k: 'take', n };
    }
    case 'SummarizeOperator': {
      const aggs = listItems(child(op, 'Aggregates') ?? op);
      if (aggs.length !== 1) throw new KqlUnsupportedError(`summarize with ${aggs.length === 0 ? 'no' : aggs.length} aggregates (only count() is evaluated)`, op.start);
      let agg = aggs[0];
      let countName = 'count_';
      if (agg.kind === 'SimpleNamedExpression') {
        countName = nameOf(ctx, child(agg, 'Name') ?? agg);
        agg = child(agg, 'Expression') ?? agg;
      }
      if (agg.kind !== 'FunctionCallExpression' || text(ctx, child(agg, 'Name') ?? agg) !== 'count' || listItems(child(agg, 'ArgumentList') ?? agg).length > 0) {
        throw new KqlUnsupportedError(`aggregate ${text(ctx, agg)} (only count() is evaluated)`, agg.start);
      }
      const byClause = child(op, 'ByClause');
      const by = byClause ? listItems(byClause).map((n) => {
        if (n.kind === 'NameReference' || n.kind === 'SimpleNamedExpression') return namedColumn(ctx, n, 'summarize by');
        throw new KqlUnsupportedError(`summarize by ${text(ctx, n)} (only columns and Name = column)`, n.start);
      }) : [];
      return { k: 'summarize', by, countName };
    }
    default: {
      const keyword = op.children[0]?.token ? op.children[0].text : describe(op);
      throw new KqlUnsupportedError(`operator ${keyword}`, op.start);
    }
  }
}

/**
 * Turns a parsed query into a plan of the preview subset: constants for `let`, the source table,
 * the stages. Anything else raises KqlUnsupportedError naming the construct.
 */
export function planQuery(root: KqlNode, ctx: CompileContext): KqlPlan {
  const statements = listItems(root.children.find((c) => c.role === 'Statements') ?? root);
  let query: KqlNode | null = null;
  for (const st of statements) {
    if (st.kind === 'LetStatement') {
      const name = nameOf(ctx, child(st, 'Name') ?? st);
      const expr = child(st, 'Expression');
      if (!expr) continue;
      if (expr.kind === 'FunctionDeclaration') throw new KqlUnsupportedError(`let ${name} = a function`, expr.start);
      try {
        ctx.lets.set(name, constant(expr, ctx));
      } catch (e) {
        if (e instanceof KqlUnsupportedError && expr.kind !== 'PipeExpression') throw e;
        throw new KqlUnsupportedError(`let ${name} = ${text(ctx, expr).slice(0, 40).replace(/\s+/g, ' ')}… (only scalars and dynamic lists; tabular lets are not evaluated)`, expr.start);
      }
      continue;
    }
    if (st.kind === 'ExpressionStatement') {
      if (query) throw new KqlUnsupportedError('a second query statement', st.start);
      query = child(st, 'Expression') ?? null;
      continue;
    }
    throw new KqlUnsupportedError(describe(st), st.start);
  }
  if (!query) throw new KqlUnsupportedError('a query without a tabular expression (only let statements)', root.end);
  const ops: KqlNode[] = [];
  let cur = query;
  while (cur.kind === 'PipeExpression') {
    const op = child(cur, 'Operator');
    if (op) ops.unshift(op);
    cur = child(cur, 'Expression') ?? cur;
    if (!op) break;
  }
  if (cur.kind !== 'NameReference') throw new KqlUnsupportedError(`${describe(cur)} as the source (${text(ctx, cur).slice(0, 40)}); the preview reads one table by name`, cur.start);
  const table = text(ctx, cur);
  if (ctx.lets.has(table)) throw new KqlUnsupportedError(`${table} as the source: it is a let value, not a table`, cur.start);
  return { table, stages: ops.map((op) => compileStage(op, ctx)), ctx };
}
