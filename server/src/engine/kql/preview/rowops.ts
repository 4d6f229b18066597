/** Row-level stages, sorting, summarize and mv-expand of the preview (run.ts drives them). */
import { KqlUnsupportedError, type Accumulator, type FlowRow, type Row, type SortKey, type Stage } from './types';
import { asDynamic, asNumber, asString, compareValues, isDateTime, isTimespan, type KqlValue } from './values';

const STREAMING = new Set<Stage['k']>(['where', 'extend', 'project', 'project-away', 'project-keep', 'project-rename', 'project-reorder', 'parse']);

export function isStreaming(s: Stage): boolean {
  return STREAMING.has(s.k);
}

function keepFlags(r: FlowRow, vals: Row): FlowRow {
  return { ...r, vals, flags: r.flags.filter((f) => vals[f] === true) };
}

/** Applies a row-by-row stage; null when the row is filtered out. */
export function applyRow(s: Stage, r: FlowRow): FlowRow | null {
  switch (s.k) {
    case 'where':
      return s.test(r.vals) === true ? r : null;
    case 'extend': {
      if (s.cols.length === 0) return r;
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
      return keepFlags(r, vals);
    }
    case 'project-away':
    case 'project-keep': {
      const vals: Row = {};
      for (const [k, v] of Object.entries(r.vals)) if (s.k === 'project-away' ? !s.drop(k) : s.keep(k)) vals[k] = v;
      return keepFlags(r, vals);
    }
    case 'project-rename': {
      const renamed = new Map(s.pairs.map(([to, from]) => [from, to]));
      const vals: Row = {};
      for (const [k, v] of Object.entries(r.vals)) vals[renamed.get(k) ?? k] = v;
      return { ...r, vals, flags: r.flags.map((f) => renamed.get(f) ?? f) };
    }
    case 'project-reorder': {
      const vals: Row = {};
      for (const k of s.first) if (k in r.vals) vals[k] = r.vals[k];
      return { ...r, vals: { ...vals, ...r.vals } };
    }
    case 'parse': {
      const m = s.re.exec(asString(s.source(r.vals)));
      const vals: Row = { ...r.vals };
      s.names.forEach((n, i) => {
        const text = m ? m[i + 1] : null;
        const t = s.types[i];
        vals[n] = text === null ? (t && t !== 'string' ? null : '') : t && /^(long|int|real|double)$/.test(t) ? asNumber(text) : text;
      });
      return { ...r, vals };
    }
    default:
      return r;
  }
}

export function sortRows(rows: FlowRow[], keys: SortKey[]): FlowRow[] {
  const keyed = rows.map((r, i) => ({ r, i, keys: keys.map((k) => k.value(r.vals)) }));
  keyed.sort((a, b) => {
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k];
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

export function groupKey(v: KqlValue): unknown {
  if (isDateTime(v)) return { dt: v.dt };
  if (isTimespan(v)) return { ts: v.ts };
  return v;
}

export function summarize(s: Extract<Stage, { k: 'summarize' }>, rows: FlowRow[]): FlowRow[] {
  const groups = new Map<string, { by: KqlValue[]; accs: Accumulator[] }>();
  for (const r of rows) {
    const by = s.by.map(([, f]) => f(r.vals));
    const key = JSON.stringify(by.map(groupKey));
    let g = groups.get(key);
    if (!g) {
      g = { by, accs: s.aggs.map((a) => a.init()) };
      groups.set(key, g);
    }
    for (const a of g.accs) a.add(r.vals);
  }
  // Without `by`, an empty input still gives one row (summarize-operator).
  if (s.by.length === 0 && groups.size === 0) groups.set('', { by: [], accs: s.aggs.map((a) => a.init()) });
  return [...groups.values()].map((g, i) => {
    const vals: Row = {};
    s.by.forEach(([name], j) => (vals[name] = g.by[j]));
    for (const a of g.accs) for (const [name, v] of a.result()) if (!(name in vals)) vals[name] = v;
    return { vals, source: '', index: i, flags: [] };
  });
}

function typed(v: KqlValue, type: string | null): KqlValue {
  if (!type || type === 'dynamic') return v;
  if (type === 'string') return typeof v === 'string' ? v : v === null ? null : asString(v);
  if (/^(long|int|real|double)$/.test(type)) return asNumber(v);
  return v;
}

/**
 * mv-expand: one row per element, arrays and bags expanded in parallel (missing elements null);
 * a null value gives one row, an empty array or bag none; bag entries become one-entry bags, or
 * [key, value] arrays with bagexpansion=array (learn.microsoft.com/kusto/query/mv-expand-operator).
 */
export function mvExpand(s: Extract<Stage, { k: 'mv-expand' }>, r: FlowRow): FlowRow[] {
  const lists = s.cols.map(([, f]) => {
    const v = asDynamic(f(r.vals));
    if (Array.isArray(v)) return v;
    // bagexpansion=array (kind=array): each entry becomes a [key, value] array instead of a one-entry bag.
    if (v && typeof v === 'object' && !isDateTime(v) && !isTimespan(v))
      return Object.entries(v).map(([k, x]): KqlValue => (s.bagsAsArrays ? [k, x as KqlValue] : { [k]: x as KqlValue }));
    return [v];
  });
  let n = Math.max(0, ...lists.map((l) => l.length));
  if (s.limit !== null) n = Math.min(n, s.limit);
  const out: FlowRow[] = [];
  for (let i = 0; i < n; i++) {
    const vals: Row = { ...r.vals };
    s.cols.forEach(([name, , type], j) => (vals[name] = typed(lists[j][i] ?? null, type)));
    out.push({ ...r, vals });
  }
  return out;
}

/**
 * `evaluate bag_unpack(Column [, Prefix] [, columnsConflict] [, ignoredProperties])`
 * (learn.microsoft.com/kusto/query/bag-unpack-plugin): Column is replaced by one column per
 * top-level property found in any row (sorted by name, as the page's example shows), null where
 * a row's bag lacks it.
 */
export function bagUnpack(s: Extract<Stage, { k: 'bag-unpack' }>, rows: FlowRow[]): FlowRow[] {
  const bags = rows.map((r) => {
    const v = asDynamic((r.vals[s.column] ?? null) as KqlValue);
    return v && typeof v === 'object' && !Array.isArray(v) && !isDateTime(v) && !isTimespan(v) ? (v as Record<string, KqlValue>) : {};
  });
  const keys = [...new Set(bags.flatMap((b) => Object.keys(b)))].filter((k) => !s.ignored.has(k)).sort();
  return rows.map((r, i) => {
    const vals: Row = {};
    for (const [k, v] of Object.entries(r.vals)) if (k !== s.column) vals[k] = v;
    for (const key of keys) {
      const name = s.prefix + key;
      if (name in vals) {
        if (s.conflict === 'error')
          throw new KqlUnsupportedError(
            `bag_unpack of a property ${name} that is also a column (Kusto fails the query unless columnsConflict says which to keep)`,
            s.at,
          );
        if (s.conflict === 'keep_source') continue;
      }
      vals[name] = bags[i][key] ?? null;
    }
    return keepFlags(r, vals);
  });
}
