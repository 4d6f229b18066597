import type { KqlPlan, Stage } from './plan';
import type { Row } from './expr';
import { compareValues, type KqlValue } from './values';

/** A row flowing through the pipeline, with the sample event it came from (none after summarize). */
export interface FlowRow {
  vals: Row;
  source: string;
  index: number;
  /** Boolean columns added by `extend` that are true for this row (shown as "selections"). */
  flags: string[];
}

function isStreaming(s: Stage): boolean {
  return s.k === 'where' || s.k === 'extend' || s.k === 'project' || s.k === 'project-away';
}

/** Applies a row-by-row stage; null when the row is filtered out. */
function applyRow(s: Stage, r: FlowRow): FlowRow | null {
  switch (s.k) {
    case 'where':
      return s.test(r.vals) === true ? r : null;
    case 'extend': {
      const vals: Row = { ...r.vals };
      const flags = [...r.flags];
      // Each extended column sees the ones before it, as in Kusto.
      for (const [name, f] of s.cols) {
        const v = f(vals);
        vals[name] = v;
        if (v === true && !flags.includes(name)) flags.push(name);
      }
      return { ...r, vals, flags };
    }
    case 'project': {
      const vals: Row = {};
      for (const [name, f] of s.cols) vals[name] = f(r.vals);
      return { ...r, vals, flags: r.flags.filter((f) => vals[f] === true) };
    }
    case 'project-away': {
      const vals: Row = {};
      for (const [k, v] of Object.entries(r.vals)) if (!s.drop(k)) vals[k] = v;
      return { ...r, vals, flags: r.flags.filter((f) => f in vals) };
    }
    default:
      return r;
  }
}

function applyBlocking(s: Stage, rows: FlowRow[]): FlowRow[] {
  switch (s.k) {
    case 'take':
      return rows.slice(0, s.n);
    case 'sort': {
      const keyed = rows.map((r, i) => ({ r, i, keys: s.keys.map((k) => k.value(r.vals)) }));
      keyed.sort((a, b) => {
        for (let k = 0; k < s.keys.length; k++) {
          const key = s.keys[k];
          const x = a.keys[k];
          const y = b.keys[k];
          // Only null is null: an empty string sorts as the smallest string.
          const xn = x === null || x === undefined;
          const yn = y === null || y === undefined;
          if (xn || yn) {
            if (xn && yn) continue;
            return (xn ? -1 : 1) * (key.nullsFirst ? 1 : -1);
          }
          const c = compareValues(x, y);
          if (c === null || c === 0) continue;
          return key.desc ? -c : c;
        }
        return a.i - b.i;
      });
      return keyed.map((k) => k.r);
    }
    case 'summarize': {
      const groups = new Map<string, { vals: Row; n: number }>();
      for (const r of rows) {
        const keyVals = s.by.map(([, f]) => f(r.vals));
        const key = JSON.stringify(keyVals);
        let g = groups.get(key);
        if (!g) {
          const vals: Row = {};
          s.by.forEach(([name], i) => (vals[name] = keyVals[i] as KqlValue));
          g = { vals, n: 0 };
          groups.set(key, g);
        }
        g.n++;
      }
      if (s.by.length === 0 && groups.size === 0) groups.set('', { vals: {}, n: 0 });
      return [...groups.values()].map((g, i) => ({ vals: { ...g.vals, [s.countName]: g.n }, source: '', index: i, flags: [] }));
    }
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

/**
 * Runs a plan over the rows of its table. Leading row-by-row stages stream; from the first
 * `sort`, `take` or `summarize` on, rows that survived are held in memory.
 */
export class PlanRunner {
  private readonly prefix: Stage[];
  private readonly rest: Stage[];
  private readonly held: FlowRow[] = [];

  constructor(readonly plan: KqlPlan) {
    const firstBlocking = plan.stages.findIndex((s) => !isStreaming(s));
    this.prefix = firstBlocking < 0 ? plan.stages : plan.stages.slice(0, firstBlocking);
    this.rest = firstBlocking < 0 ? [] : plan.stages.slice(firstBlocking);
  }

  push(vals: Row, source: string, index: number): void {
    let r: FlowRow | null = { vals, source, index, flags: [] };
    for (const s of this.prefix) {
      r = applyRow(s, r);
      if (!r) return;
    }
    this.held.push(r);
  }

  finish(): FlowRow[] {
    let rows = this.held;
    for (const s of this.rest) rows = applyBlocking(s, rows);
    return rows;
  }
}
