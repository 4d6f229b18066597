/**
 * `evaluate pivot(PivotColumn [, Aggregation] [, Column1, ...])` (pivot-plugin): one row per
 * combination of the listed columns (one row in all without them), one column per distinct value
 * of PivotColumn holding the aggregation (count() by default) of that value's rows. Value columns
 * are in ascending order of their names; a combination without rows for a value gets the
 * aggregate of no rows (0 for count, null for any()).
 */
import { groupKey } from './rowops';
import type { AggregateSpec, Compiled, FlowRow, Row } from './types';
import { asString, type KqlValue } from './values';

interface PivotSpec {
  pivot: Compiled;
  agg: AggregateSpec;
  by: [string, Compiled][];
}

/** pivot's default aggregation, count(). */
export const COUNT: AggregateSpec = {
  init() {
    let n = 0;
    return {
      add: () => void n++,
      result: (): [string, KqlValue][] => [['count_', n]],
    };
  },
};

function value(agg: ReturnType<AggregateSpec['init']>): KqlValue {
  return agg.result()[0]?.[1] ?? null;
}

export function pivot(s: PivotSpec, rows: FlowRow[]): FlowRow[] {
  const groups = new Map<string, { by: KqlValue[]; cells: Map<string, ReturnType<AggregateSpec['init']>> }>();
  const names = new Set<string>();
  for (const r of rows) {
    const by = s.by.map(([, f]) => f(r.vals));
    const key = JSON.stringify(by.map(groupKey));
    let g = groups.get(key);
    if (!g) {
      g = { by, cells: new Map() };
      groups.set(key, g);
    }
    const name = asString(s.pivot(r.vals));
    names.add(name);
    let acc = g.cells.get(name);
    if (!acc) {
      acc = s.agg.init();
      g.cells.set(name, acc);
    }
    acc.add(r.vals);
  }
  const columns = [...names].sort();
  const empty = value(s.agg.init());
  return [...groups.values()].map((g, i) => {
    const vals: Row = {};
    s.by.forEach(([name], j) => (vals[name] = g.by[j]));
    for (const c of columns) {
      const acc = g.cells.get(c);
      vals[c] = acc ? value(acc) : empty;
    }
    return { vals, source: '', index: i, flags: [] };
  });
}
