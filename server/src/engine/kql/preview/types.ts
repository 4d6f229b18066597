import type { KqlNode } from '../tree';
import type { KqlValue } from './values';

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

/** What a `let` name stands for. */
export type Binding =
  { k: 'scalar'; f: Compiled; constant?: boolean } | { k: 'tabular'; plan: TabularPlan } | { k: 'function'; decl: KqlNode; lets: Map<string, Binding> };

/** A tabular expression inside a scalar one (`toscalar(...)`, `x in (T | project y)`), evaluated before the query. */
export interface Subquery {
  plan: TabularPlan;
  /** `scalar`: first column of the first row; `list`: first column of every row. */
  kind: 'scalar' | 'list';
  value: KqlValue;
}

/** State shared by every scope of one query. */
interface QueryState {
  usesClock: boolean;
  subqueries: Subquery[];
  /** Tables the query reads by name, in order of appearance. */
  tables: string[];
}

export interface CompileContext {
  text: string;
  /** `let` names in scope. */
  lets: Map<string, Binding>;
  /** The preview clock (ms since epoch) for `ago()` and `now()`; read lazily. */
  clock: () => number;
  state: QueryState;
  /** Compiles a tabular expression (plan.ts), for subqueries inside scalar expressions. */
  compileTabular: (node: KqlNode, ctx: CompileContext) => TabularPlan;
}

/** One `|` stage. */
export type Stage =
  | { k: 'where'; test: Compiled }
  | { k: 'extend'; cols: [string, Compiled][] }
  | { k: 'project'; cols: [string, Compiled][] }
  | { k: 'project-away'; drop: (name: string) => boolean }
  | { k: 'project-keep'; keep: (name: string) => boolean }
  | { k: 'project-rename'; pairs: [string, string][] }
  | { k: 'project-reorder'; first: string[] }
  | { k: 'sort'; keys: SortKey[] }
  | { k: 'take'; n: number }
  | { k: 'top'; n: number; keys: SortKey[] }
  | { k: 'summarize'; by: [string, Compiled][]; aggs: AggregateSpec[] }
  | { k: 'distinct'; cols: [string, Compiled][] | null }
  | { k: 'count'; name: string }
  | { k: 'join'; kind: JoinKind; right: TabularPlan; on: [Compiled, Compiled][]; keyNames: [string, string][]; lookup: boolean }
  | { k: 'union'; inputs: TabularPlan[]; withsource: string | null; names: string[] }
  | { k: 'mv-expand'; cols: [string, Compiled, string | null][]; limit: number | null; bagsAsArrays?: boolean }
  | { k: 'pivot'; pivot: Compiled; agg: AggregateSpec; by: [string, Compiled][] }
  | { k: 'bag-unpack'; column: string; prefix: string; conflict: 'error' | 'replace_source' | 'keep_source'; ignored: Set<string>; at: number }
  | { k: 'parse'; source: Compiled; re: RegExp; names: string[]; types: (string | null)[] }
  | { k: 'top-nested'; levels: TopNestedLevel[] }
  | { k: 'mv-apply'; expand: Extract<Stage, { k: 'mv-expand' }>; itemIndex: string | null; sub: TabularPlan }
  | { k: 'partition'; by: Compiled; sub: TabularPlan };

/** One `top-nested` clause: group by `of`, rank the groups by `agg`, keep the first `n`. */
export interface TopNestedLevel {
  n: number | null;
  name: string;
  of: Compiled;
  aggName: string;
  agg: AggregateSpec;
  desc: boolean;
  /** `with others = X`: one more row for the groups that did not make the top. */
  others?: KqlValue;
}

export type JoinKind = 'innerunique' | 'inner' | 'leftouter' | 'rightouter' | 'fullouter' | 'leftanti' | 'rightanti' | 'leftsemi' | 'rightsemi';

export interface SortKey {
  value: Compiled;
  desc: boolean;
  nullsFirst: boolean;
}

/** One aggregate of `summarize`: it adds one or more columns per group. */
export interface AggregateSpec {
  /** A fresh accumulator per group. */
  init(): Accumulator;
}
export interface Accumulator {
  add(row: Row): void;
  /** The columns this aggregate contributes, in order. */
  result(): [string, KqlValue][];
}

type Source =
  | { k: 'table'; name: string }
  | { k: 'plan'; plan: TabularPlan }
  | { k: 'union'; inputs: TabularPlan[]; withsource: string | null; names: string[] }
  | { k: 'rows'; rows: Row[] }
  /** The rows a subquery of mv-apply or partition is applied to (given when it runs). */
  | { k: 'input' };

export interface TabularPlan {
  source: Source;
  stages: Stage[];
}

/** A row flowing through the pipeline, with the sample event it came from (none after summarize). */
export interface FlowRow {
  vals: Row;
  source: string;
  index: number;
  /** Boolean columns added by `extend` that are true for this row (shown as "selections"). */
  flags: string[];
}

export function srcText(ctx: CompileContext, n: KqlNode): string {
  return ctx.text.slice(n.start, n.end).replace(/\s+/g, ' ');
}
