/**
 * `join` and `lookup` over materialized rows (learn.microsoft.com/kusto/query/join-operator and
 * its pages per kind). The default kind, innerunique, keeps the first left row of each key before
 * matching (join-innerunique: "removes duplicate keys from the left side"). Output rows hold the
 * left columns, then the right ones; a right column whose name the left side already uses gets a
 * number (`Key1`, `Timestamp1`), as in the documentation's examples. `lookup` does not repeat the
 * right side's key columns. Rows with a null key match nothing; strings are never null in Kusto,
 * so an empty string is a key like any other.
 */
import type { FlowRow, Row, Stage } from './types';
import type { KqlValue } from './values';

type JoinStage = Extract<Stage, { k: 'join' }>;

function keyOf(row: Row, fs: ((r: Row) => KqlValue)[]): string | null {
  const vals = fs.map((f) => f(row));
  if (vals.some((v) => v === null || v === undefined)) return null;
  return JSON.stringify(vals.map((v) => (typeof v === 'string' ? v : { v })));
}

function columnsOf(rows: FlowRow[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r.vals)) seen.add(k);
  return [...seen];
}

/** Output names for the right side's columns: renamed with a number when the left uses the name. */
function rightNames(leftCols: string[], rightCols: string[], drop: Set<string>): Map<string, string> {
  const taken = new Set([...leftCols, ...rightCols]);
  const out = new Map<string, string>();
  for (const c of rightCols) {
    if (drop.has(c)) continue;
    if (!leftCols.includes(c)) {
      out.set(c, c);
      continue;
    }
    let i = 1;
    while (taken.has(`${c}${i}`)) i++;
    taken.add(`${c}${i}`);
    out.set(c, `${c}${i}`);
  }
  return out;
}

function merge(l: FlowRow | null, r: FlowRow | null, leftCols: string[], names: Map<string, string>): FlowRow {
  const vals: Row = {};
  for (const c of leftCols) vals[c] = l ? (l.vals[c] ?? null) : null;
  for (const [c, n] of names) vals[n] = r ? (r.vals[c] ?? null) : null;
  const from = l ?? r;
  return { vals, source: from?.source ?? '', index: from?.index ?? 0, flags: l ? l.flags.filter((f) => f in vals) : [] };
}

export function runJoin(s: JoinStage, left: FlowRow[], right: FlowRow[]): FlowRow[] {
  const lf = s.on.map(([f]) => f);
  const rf = s.on.map(([, f]) => f);
  const byKey = new Map<string, number[]>();
  right.forEach((r, i) => {
    const k = keyOf(r.vals, rf);
    if (k === null) return;
    const list = byKey.get(k);
    if (list) list.push(i);
    else byKey.set(k, [i]);
  });
  const leftKeys = left.map((l) => keyOf(l.vals, lf));
  const kind = s.kind;
  if (kind === 'leftanti' || kind === 'leftsemi')
    return left.filter((_, i) => (leftKeys[i] !== null && byKey.has(leftKeys[i] as string)) === (kind === 'leftsemi'));
  if (kind === 'rightanti' || kind === 'rightsemi') {
    const leftSet = new Set(leftKeys.filter((k): k is string => k !== null));
    return right.filter((r) => {
      const k = keyOf(r.vals, rf);
      return (k !== null && leftSet.has(k)) === (kind === 'rightsemi');
    });
  }
  const leftCols = columnsOf(left);
  const drop = new Set(s.lookup ? s.keyNames.map(([, r]) => r) : []);
  const names = rightNames(leftCols, columnsOf(right), drop);
  const out: FlowRow[] = [];
  const matchedRight = new Set<number>();
  const seenLeft = new Set<string>();
  left.forEach((l, i) => {
    const k = leftKeys[i];
    if (kind === 'innerunique' && k !== null) {
      if (seenLeft.has(k)) return;
      seenLeft.add(k);
    }
    const matches = k === null ? undefined : byKey.get(k);
    if (matches) {
      for (const j of matches) {
        matchedRight.add(j);
        out.push(merge(l, right[j], leftCols, names));
      }
    } else if (kind === 'leftouter' || kind === 'fullouter') out.push(merge(l, null, leftCols, names));
  });
  if (kind === 'rightouter' || kind === 'fullouter') right.forEach((r, j) => matchedRight.has(j) || out.push(merge(null, r, leftCols, names)));
  return out;
}
