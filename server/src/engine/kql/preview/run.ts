/**
 * Runs a plan. A table's rows stream through the leading row-by-row stages as they are read; from
 * the first blocking stage (sort, summarize, join...) on, the surviving rows are held in memory.
 * A plan reached twice (a tabular `let`, `materialize`) is computed once.
 */
import { runJoin } from './join';
import { applyRow, isStreaming, mvExpand, sortRows, summarize } from './rowops';
import type { FlowRow, Row, Stage, Subquery, TabularPlan } from './types';
import type { KqlValue } from './values';

type TableReader = (table: string) => AsyncIterable<{ row: Row; source: string; index: number }>;

function firstColumn(r: FlowRow | undefined): KqlValue {
  if (!r) return null;
  const v = Object.values(r.vals)[0];
  return v === undefined ? null : (v as KqlValue);
}

export class Executor {
  private readonly cache = new Map<TabularPlan, Promise<FlowRow[]>>();

  constructor(private readonly read: TableReader) {}

  /** Computes toscalar() and tabular `in (...)` operands, in the order they were compiled (inner first). */
  async subqueries(subs: Subquery[]): Promise<void> {
    for (const s of subs) {
      const rows = await this.run(s.plan);
      s.value = s.kind === 'scalar' ? firstColumn(rows[0]) : rows.map(firstColumn);
    }
  }

  async run(plan: TabularPlan): Promise<FlowRow[]> {
    const cut = plan.stages.findIndex((s) => !isStreaming(s));
    const prefix = cut < 0 ? plan.stages : plan.stages.slice(0, cut);
    let rows = await this.source(plan, prefix);
    for (const s of cut < 0 ? [] : plan.stages.slice(cut)) rows = await this.apply(s, rows);
    return rows;
  }

  private cached(plan: TabularPlan): Promise<FlowRow[]> {
    let p = this.cache.get(plan);
    if (!p) {
      p = this.run(plan);
      this.cache.set(plan, p);
    }
    return p;
  }

  private async source(plan: TabularPlan, prefix: Stage[]): Promise<FlowRow[]> {
    const out: FlowRow[] = [];
    const push = (r0: FlowRow): void => {
      let r: FlowRow | null = r0;
      for (const s of prefix) {
        r = applyRow(s, r);
        if (!r) return;
      }
      out.push(r);
    };
    const src = plan.source;
    switch (src.k) {
      case 'table':
        for await (const { row, source, index } of this.read(src.name)) push({ vals: row, source, index, flags: [] });
        break;
      case 'plan':
        for (const r of await this.cached(src.plan)) push(r);
        break;
      case 'rows':
        src.rows.forEach((vals, index) => push({ vals: { ...vals }, source: '', index, flags: [] }));
        break;
      case 'union':
        for (const r of await this.union(src.inputs, src.withsource, src.names)) push(r);
        break;
    }
    return out;
  }

  private async union(inputs: TabularPlan[], withsource: string | null, names: string[]): Promise<FlowRow[]> {
    const out: FlowRow[] = [];
    for (let i = 0; i < inputs.length; i++) {
      for (const r of await this.run(inputs[i])) out.push(withsource ? { ...r, vals: { [withsource]: names[i], ...r.vals } } : r);
    }
    return out;
  }

  private async apply(s: Stage, rows: FlowRow[]): Promise<FlowRow[]> {
    switch (s.k) {
      case 'take':
        return rows.slice(0, s.n);
      case 'sort':
        return sortRows(rows, s.keys);
      case 'top':
        return sortRows(rows, s.keys).slice(0, s.n);
      case 'summarize':
        return summarize(s, rows);
      case 'count':
        return [{ vals: { [s.name]: rows.length }, source: '', index: 0, flags: [] }];
      case 'distinct': {
        const seen = new Set<string>();
        const out: FlowRow[] = [];
        for (const r of rows) {
          const vals: Row = s.cols ? Object.fromEntries(s.cols.map(([n, f]) => [n, f(r.vals)])) : r.vals;
          const key = JSON.stringify(Object.values(vals));
          if (seen.has(key)) continue;
          seen.add(key);
          out.push(s.cols ? { vals, source: '', index: out.length, flags: [] } : r);
        }
        return out;
      }
      case 'mv-expand':
        return rows.flatMap((r) => mvExpand(s, r));
      case 'join':
        return runJoin(s, rows, await this.run(s.right));
      case 'union':
        return [...(s.withsource ? rows.map((r) => ({ ...r, vals: { [s.withsource as string]: 'union_arg0', ...r.vals } })) : rows), ...(await this.union(s.inputs, s.withsource, s.names))];
      default: {
        const out: FlowRow[] = [];
        for (const r of rows) {
          const x = applyRow(s, r);
          if (x) out.push(x);
        }
        return out;
      }
    }
  }
}
