/**
 * Runs a plan. A table's rows stream through the leading row-by-row stages as they are read; from
 * the first blocking stage (sort, summarize, join...) on, the surviving rows are held in memory.
 * A plan reached twice (a tabular `let`, `materialize`) is computed once.
 */
import { runJoin } from './join';
import { applyRow, bagUnpack, groupKey, isStreaming, mvExpand, sortRows, summarize } from './rowops';
import { pivot } from './pivot';
import { topNested } from './topnested';
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

  /** `input`: the rows of a subquery's implicit source (mv-apply, partition). */
  async run(plan: TabularPlan, input?: FlowRow[]): Promise<FlowRow[]> {
    const cut = plan.stages.findIndex((s) => !isStreaming(s));
    const prefix = cut < 0 ? plan.stages : plan.stages.slice(0, cut);
    let rows = await this.source(plan, prefix, input);
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

  private async source(plan: TabularPlan, prefix: Stage[], input?: FlowRow[]): Promise<FlowRow[]> {
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
      case 'input':
        if (!input) throw new Error('a subquery ran without its input rows');
        input.forEach(push);
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

  private async mvApply(s: Extract<Stage, { k: 'mv-apply' }>, rows: FlowRow[]): Promise<FlowRow[]> {
    const out: FlowRow[] = [];
    const expandedNames = new Set(s.expand.cols.map(([name]) => name));
    for (const r of rows) {
      const expanded = mvExpand(s.expand, r).map((x, i) => (s.itemIndex ? { ...x, vals: { ...x.vals, [s.itemIndex]: i } } : x));
      // The source columns that were not expanded are added back to the subquery's rows (a
      // `summarize` inside keeps them), and a row the subquery built still points at its event.
      const outer = Object.fromEntries(Object.entries(r.vals).filter(([k]) => !expandedNames.has(k)));
      for (const x of await this.run(s.sub, expanded))
        out.push({ ...x, vals: { ...outer, ...x.vals }, source: x.source || r.source, index: x.source ? x.index : r.index });
    }
    return out;
  }

  private async partition(s: Extract<Stage, { k: 'partition' }>, rows: FlowRow[]): Promise<FlowRow[]> {
    const groups = new Map<string, FlowRow[]>();
    for (const r of rows) {
      const key = JSON.stringify(groupKey(s.by(r.vals)));
      const g = groups.get(key);
      if (g) g.push(r);
      else groups.set(key, [r]);
    }
    const out: FlowRow[] = [];
    for (const g of groups.values()) out.push(...(await this.run(s.sub, g)));
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
      case 'top-nested':
        return topNested(s.levels, rows);
      case 'bag-unpack':
        return bagUnpack(s, rows);
      case 'pivot':
        return pivot(s, rows);
      case 'mv-apply':
        return this.mvApply(s, rows);
      case 'partition':
        return this.partition(s, rows);
      case 'union':
        return [
          ...(s.withsource ? rows.map((r) => ({ ...r, vals: { [s.withsource as string]: 'union_arg0', ...r.vals } })) : rows),
          ...(await this.union(s.inputs, s.withsource, s.names)),
        ];
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
