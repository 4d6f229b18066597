/**
 * `top-nested` (learn.microsoft.com/kusto/query/top-nested-operator): hierarchical aggregation.
 * Each clause partitions the rows of its parent group by its `of` expression, aggregates each
 * partition, keeps the top N partitions by that value (descending unless `asc`; all of them
 * without N), and the next clause refines each kept partition. The result has two columns per
 * clause: the partition value and the aggregate (named `aggregated_<of column>` unless named).
 * `with others = X` adds, per level, one row whose value is X and whose aggregate covers the
 * partitions that did not make the top; the deeper levels of that row are null.
 */
import { groupKey } from './rowops';
import type { FlowRow, Row, TopNestedLevel } from './types';
import { compareValues, type KqlValue } from './values';

interface Group {
  value: KqlValue;
  rows: FlowRow[];
  agg: KqlValue;
}

function aggregate(level: TopNestedLevel, rows: FlowRow[]): KqlValue {
  const acc = level.agg.init();
  for (const r of rows) acc.add(r.vals);
  return acc.result()[0]?.[1] ?? null;
}

function partitions(level: TopNestedLevel, rows: FlowRow[]): Group[] {
  const byKey = new Map<string, Group>();
  for (const r of rows) {
    const value = level.of(r.vals);
    const key = JSON.stringify(groupKey(value));
    let g = byKey.get(key);
    if (!g) {
      g = { value, rows: [], agg: null };
      byKey.set(key, g);
    }
    g.rows.push(r);
  }
  const groups = [...byKey.values()];
  for (const g of groups) g.agg = aggregate(level, g.rows);
  // A stable sort: equal aggregates keep the order their values first appeared in.
  return groups.sort((a, b) => (compareValues(a.agg, b.agg) ?? 0) * (level.desc ? -1 : 1));
}

export function topNested(levels: TopNestedLevel[], rows: FlowRow[]): FlowRow[] {
  const out: FlowRow[] = [];
  const emit = (vals: Row): void => {
    out.push({ vals, source: '', index: out.length, flags: [] });
  };
  const descend = (depth: number, rows: FlowRow[], prefix: Row): void => {
    if (depth === levels.length) return emit(prefix);
    const level = levels[depth];
    const groups = partitions(level, rows);
    const top = level.n === null ? groups : groups.slice(0, level.n);
    for (const g of top) descend(depth + 1, g.rows, { ...prefix, [level.name]: g.value, [level.aggName]: g.agg });
    if (level.others !== undefined && top.length < groups.length) {
      const vals: Row = {
        ...prefix,
        [level.name]: level.others,
        [level.aggName]: aggregate(
          level,
          groups.slice(top.length).flatMap((g) => g.rows),
        ),
      };
      for (const deeper of levels.slice(depth + 1)) {
        vals[deeper.name] = null;
        vals[deeper.aggName] = null;
      }
      emit(vals);
    }
  };
  descend(0, rows, {});
  return out;
}
