/**
 * Turns a parsed query into a plan: `let` bindings, tabular expressions (tables, lets, union,
 * datatable, print, materialize, user functions) and their `|` stages (stages.ts). Anything else
 * raises KqlUnsupportedError naming the construct and its offset.
 */
import { child, listItems, type KqlNode } from '../tree';
import { compileTimeConstant } from './binary';
import { compileExpr, describe, isTabular, isTabularBody } from './expr';
import { declaredName } from './naming';
import { compileStage, unionParams } from './stages';
import { KqlUnsupportedError, srcText, type Binding, type Compiled, type CompileContext, type Row, type TabularPlan } from './types';
import type { KqlValue } from './values';

export const SUBSET =
  'let (scalars, tabular expressions, functions), where, find in (tables) ... project, extend, project, project-away/keep/rename/reorder, sort/order by, take/limit, top, summarize (count, countif, dcount, dcountif, min, max, sum, avg and their -if forms, make_set, make_list, make_bag, take_any, arg_max, arg_min) by columns or bin(), distinct, count, join (every kind), lookup, union, mv-expand, mv-apply, top-nested, partition, invoke, evaluate bag_unpack and pivot, parse, print, datatable, materialize, toscalar, table(), and the common scalar functions (string, datetime, dynamic, conditional, conversion)';

/** Memoizes a row-free scalar let: computed once, when first read (after subqueries ran). */
function memo(f: Compiled): Compiled {
  let done = false;
  let v: KqlValue = null;
  return (r) => {
    if (!done) {
      v = f(r);
      done = true;
    }
    return v;
  };
}

/** Binds one `let` statement in `ctx.lets`. */
function bindLet(st: KqlNode, ctx: CompileContext): void {
  const name = declaredName(child(st, 'Name') ?? st, ctx);
  const expr = child(st, 'Expression');
  if (!expr) return;
  let binding: Binding;
  if (expr.kind === 'FunctionDeclaration') binding = { k: 'function', decl: expr, lets: new Map(ctx.lets) };
  else if (isTabular(expr, ctx) || (expr.kind === 'NameReference' && !ctx.lets.has(srcText(ctx, expr))))
    binding = { k: 'tabular', plan: compileTabular(expr, ctx) };
  else {
    const constant = compileTimeConstant(expr, ctx) !== undefined;
    binding = { k: 'scalar', f: memo(compileExpr(expr, ctx)), constant };
  }
  ctx.lets.set(name, binding);
}

/** Binds statements of a query or function body; returns the one tabular/scalar expression. */
function bindStatements(statements: KqlNode[], ctx: CompileContext): KqlNode | null {
  let query: KqlNode | null = null;
  for (const st of statements) {
    if (st.kind === 'LetStatement') bindLet(st, ctx);
    else if (st.kind === 'ExpressionStatement') {
      if (query) throw new KqlUnsupportedError('a second query statement', st.start);
      query = child(st, 'Expression') ?? null;
    } else throw new KqlUnsupportedError(describe(st), st.start);
  }
  return query;
}

/** A call of a `let` function: parameters bound to the call's arguments (or defaults), body compiled. */
export function inlineFunction(
  binding: Extract<Binding, { k: 'function' }>,
  args: KqlNode[],
  call: KqlNode,
  caller: CompileContext,
  mode: 'scalar' | 'tabular',
  input?: TabularPlan,
): Compiled | TabularPlan {
  const ctx: CompileContext = { ...caller, lets: new Map(binding.lets) };
  const params = listItems(child(binding.decl, 'Parameters') ?? binding.decl);
  params.forEach((p, at) => {
    const nt = child(p, 'NameAndType') ?? p;
    const name = declaredName(child(nt, 'Name') ?? nt, caller);
    // invoke: the piped table is the first argument, the written ones follow.
    if (input && at === 0) {
      ctx.lets.set(name, { k: 'tabular', plan: ref(input) });
      return;
    }
    const i = input ? at - 1 : at;
    const arg = args[i] ?? child(child(p, 'DefaultValue') ?? p, 'Value');
    if (!arg) throw new KqlUnsupportedError(`call of ${srcText(caller, call).slice(0, 40)} without a value for ${name}`, call.start);
    const tabular = child(nt, 'Type')?.kind === 'SchemaTypeExpression';
    ctx.lets.set(name, tabular ? { k: 'tabular', plan: compileTabular(arg, caller) } : { k: 'scalar', f: compileExpr(arg, caller) });
  });
  const body = child(binding.decl, 'Body') ?? binding.decl;
  const expr = bindStatements(listItems(child(body, 'Statements') ?? body), ctx) ?? child(body, 'Expression');
  if (!expr) throw new KqlUnsupportedError('a function without a result expression', body.start);
  return mode === 'scalar' ? compileExpr(expr, ctx) : compileTabular(expr, ctx);
}

function ref(plan: TabularPlan): TabularPlan {
  return { source: { k: 'plan', plan }, stages: [] };
}

function dataTable(node: KqlNode, ctx: CompileContext): TabularPlan {
  const cols = listItems(child(node, 'Schema') ?? node).map((c) => declaredName(child(c, 'Name') ?? c, ctx));
  const values = listItems(child(node, 'Values') ?? node).map((v) => compileExpr(v, ctx)({}));
  if (cols.length === 0 || values.length % cols.length) throw new KqlUnsupportedError('datatable whose values do not fill its columns', node.start);
  const rows: Row[] = [];
  for (let i = 0; i < values.length; i += cols.length) rows.push(Object.fromEntries(cols.map((c, j) => [c, values[i + j]])));
  return { source: { k: 'rows', rows }, stages: [] };
}

/**
 * `T | invoke f(a, b)` (invoke-operator): calls the let function f with T as its first, tabular,
 * argument, then a and b.
 */
function invoke(op: KqlNode, input: TabularPlan, ctx: CompileContext): TabularPlan {
  const call = child(op, 'Function') ?? op;
  const b = ctx.lets.get(srcText(ctx, child(call, 'Name') ?? call));
  if (call.kind !== 'FunctionCallExpression' || b?.k !== 'function')
    throw new KqlUnsupportedError(`invoke ${srcText(ctx, call).slice(0, 40)} (only a function the query defines)`, op.start);
  return inlineFunction(b, listItems(child(call, 'ArgumentList') ?? call), call, ctx, 'tabular', input) as TabularPlan;
}

/**
 * The subquery of mv-apply or partition: it starts with an operator applied to rows given at run
 * time (`where x > 1 | take 2`), or is an ordinary tabular expression.
 */
export function compileSubquery(node: KqlNode, ctx: CompileContext): TabularPlan {
  if (node.kind === 'PipeExpression') {
    const input = compileSubquery(child(node, 'Expression') ?? node, ctx);
    const op = child(node, 'Operator');
    if (op?.kind === 'InvokeOperator') return invoke(op, input, ctx);
    if (op) input.stages.push(compileStage(op, ctx));
    return input;
  }
  if (node.kind.endsWith('Operator') && node.kind !== 'PrintOperator') return { source: { k: 'input' }, stages: [compileStage(node, ctx)] };
  return compileTabular(node, ctx);
}

/**
 * `find [withsource=S] in (T1, T2...) where Predicate project A, B` (find-operator): the rows of
 * the listed tables that satisfy the predicate, with the table's name in S (default `source_`)
 * and the projected columns (null where a table lacks one). Without `in (...)` find searches every
 * table, and without `project` its output schema is "project-smart": neither is evaluated here.
 */
function find(node: KqlNode, ctx: CompileContext): TabularPlan {
  const inClause = child(node, 'InClause');
  const projectClause = child(node, 'Project');
  const columns = projectClause ? listItems(child(projectClause, 'Columns') ?? projectClause) : [];
  if (!inClause) throw new KqlUnsupportedError('find over every table (name the tables: find in (T1, T2) ...)', node.start);
  if (!projectClause || columns.some((c) => c.kind !== 'NameReference'))
    throw new KqlUnsupportedError('find without a plain project list (project-smart, pack_all() or typed columns)', node.start);
  const inputs = listItems(child(inClause, 'Expressions') ?? inClause);
  for (const i of inputs)
    if (i.kind !== 'NameReference' || /\*/.test(srcText(ctx, i)))
      throw new KqlUnsupportedError(`find in ${srcText(ctx, i).slice(0, 40)} (only table names)`, i.start);
  const withsource =
    listItems(child(node, 'Parameters') ?? node)
      .map((p) => (srcText(ctx, child(p, 'Name') ?? p) === 'withsource' ? srcText(ctx, child(p, 'Expression') ?? p) : null))
      .find((x) => x) ?? 'source_';
  const condition = child(node, 'Condition');
  if (!condition) throw new KqlUnsupportedError('find without a predicate', node.start);
  const test = compileExpr(condition, ctx);
  const names = inputs.map((i) => srcText(ctx, i));
  const cols: [string, Compiled][] = [
    [withsource, (r) => (r[withsource] ?? null) as KqlValue],
    ...columns.map((c): [string, Compiled] => [srcText(ctx, c), compileExpr(c, ctx)]),
  ];
  return {
    source: { k: 'union', inputs: inputs.map((i) => compileTabular(i, ctx)), withsource, names },
    stages: [
      { k: 'where', test },
      { k: 'project', cols },
    ],
  };
}

/**
 * `table("Name")` (learn.microsoft.com/kusto/query/table-function): the table whose name is a
 * constant string, often a function parameter (`let f = (tableName:string) { table(tableName) }`).
 */
function tableCall(node: KqlNode, ctx: CompileContext): TabularPlan | null {
  if (srcText(ctx, child(node, 'Name') ?? node) !== 'table' || ctx.lets.has('table')) return null;
  const [arg] = listItems(child(node, 'ArgumentList') ?? node);
  const name = arg ? compileExpr(arg, ctx)({}) : null;
  if (typeof name !== 'string' || !/^\w+$/.test(name))
    throw new KqlUnsupportedError(`table() of ${arg ? srcText(ctx, arg) : 'nothing'} (only a constant table name)`, node.start);
  if (!ctx.state.tables.includes(name)) ctx.state.tables.push(name);
  return { source: { k: 'table', name }, stages: [] };
}

/** Compiles a tabular expression into a fresh plan (never a shared one: callers append stages). */
export function compileTabular(node: KqlNode, ctx: CompileContext): TabularPlan {
  switch (node.kind) {
    case 'PipeExpression': {
      const input = compileTabular(child(node, 'Expression') ?? node, ctx);
      const op = child(node, 'Operator');
      if (op?.kind === 'InvokeOperator') return invoke(op, input, ctx);
      if (op) input.stages.push(compileStage(op, ctx));
      return input;
    }
    case 'ParenthesizedExpression':
    case 'MaterializeExpression':
      return ref(compileTabular(child(node, 'Expression') ?? node, ctx));
    case 'NameReference': {
      const name = srcText(ctx, node);
      const b = ctx.lets.get(name);
      if (b?.k === 'tabular') return ref(b.plan);
      // A function without parameters (`let V = view () { ... }`) is used by its name alone.
      if (b?.k === 'function' && isTabularBody(b.decl)) return inlineFunction(b, [], node, ctx, 'tabular') as TabularPlan;
      if (b) throw new KqlUnsupportedError(`${name} as a table: it is a ${b.k} let`, node.start);
      if (!ctx.state.tables.includes(name)) ctx.state.tables.push(name);
      return { source: { k: 'table', name }, stages: [] };
    }
    case 'UnionOperator': {
      const { withsource } = unionParams(node, ctx);
      const inputs = listItems(child(node, 'Expressions') ?? node);
      const names = inputs.map((i, n) => (i.kind === 'NameReference' && !ctx.lets.has(srcText(ctx, i)) ? srcText(ctx, i) : `union_arg${n}`));
      // Only a table name can be a wildcard (`Device*`); a `*` inside a subquery (`parse ... with * "x"`) is not one.
      for (const i of inputs)
        if (i.kind !== 'ParenthesizedExpression' && /\*/.test(srcText(ctx, i)))
          throw new KqlUnsupportedError(`union over a table wildcard (${srcText(ctx, i)})`, i.start);
      return { source: { k: 'union', inputs: inputs.map((i) => compileTabular(i, ctx)), withsource, names }, stages: [] };
    }
    case 'DataTableExpression':
      return dataTable(node, ctx);
    case 'PrintOperator': {
      const plan: TabularPlan = { source: { k: 'rows', rows: [{}] }, stages: [] };
      plan.stages.push(compileStage(node, ctx));
      return plan;
    }
    case 'FunctionCallExpression': {
      const table = tableCall(node, ctx);
      if (table) return table;
      const b = ctx.lets.get(srcText(ctx, child(node, 'Name') ?? node));
      if (b?.k === 'function' && isTabularBody(b.decl))
        return inlineFunction(b, listItems(child(node, 'ArgumentList') ?? node), node, ctx, 'tabular') as TabularPlan;
      throw new KqlUnsupportedError(`${srcText(ctx, node).slice(0, 60)} as a table (a function the query does not define)`, node.start);
    }
    case 'FindOperator':
      return find(node, ctx);
    case 'ExternalDataExpression':
      throw new KqlUnsupportedError('externaldata (the preview reads sample files, not URLs)', node.start);
    default:
      throw new KqlUnsupportedError(`${describe(node)} as a table (${srcText(ctx, node).slice(0, 40)})`, node.start);
  }
}

export interface KqlPlan {
  /** The query's first table, for messages and the clock. */
  table: string;
  plan: TabularPlan;
  ctx: CompileContext;
}

/** Compiles a whole query: `let` statements, then one tabular expression. */
export function planQuery(root: KqlNode, ctx: CompileContext): KqlPlan {
  const query = bindStatements(listItems(root.children.find((c) => c.role === 'Statements') ?? root), ctx);
  if (!query) throw new KqlUnsupportedError('a query without a tabular expression (only let statements)', root.end);
  const plan = compileTabular(query, ctx);
  return { table: ctx.state.tables[0] ?? '', plan, ctx };
}
