import type { SourceFile } from '../document/source';
import type { DomainEntry } from '../domains/entry';
import { kqlOf, type KqlQuery } from '../kql/analysis';
import { operatorOf } from '../kql/operators';
import { queryRange } from '../kql/ranges';
import { child, descendants, listItems, nodeText, type KqlNode } from '../kql/tree';

/**
 * The query that counts one KQL domain entry through the whole query, the way `tripline preview`
 * would run it:
 * - the entry is the only value of its list: every other string of the list (inline, or in the
 *   `let ... = dynamic([...])` it names) is replaced by the entry's own literal, so
 *   `has_any ("a", "b")` reads `has_any ("a", "a")` (the same rows as `has "a"`; `has_all` too);
 * - its comparison is ANDed in front of the `where` that holds it, so an `or` with other columns or
 *   lists does not add their rows: the rows counted are the ones the entry itself lets through
 *   (as a Sigma entry counts the events whose field it matches);
 * - the query stops before its first stage that is not row by row (summarize, count, distinct,
 *   take, top, join, union, mv-expand...): an entry's noise is the events it admits, not the
 *   groups a summarize folds them into.
 * Null, with a reason, when the entry cannot be isolated that way.
 */
type EntryQuery = { text: string; until: string | null; base: string } | { text: null; reason: string };

/** Stages that keep one output row per input row (order aside). */
const ROW_BY_ROW = new Set(['FilterOperator', 'ExtendOperator', 'ProjectOperator', 'ProjectAwayOperator', 'ProjectKeepOperator', 'ProjectRenameOperator', 'ProjectReorderOperator', 'ParseOperator', 'SortOperator', 'SerializeOperator']);

interface Edit {
  start: number;
  end: number;
  text: string;
}

function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  // From the end, so earlier offsets stay valid; insertions at one offset keep their given order.
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.start - a.e.start || b.i - a.i);
  for (const { e } of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** A domain entry's string literal token and the query holding it. */
export interface KqlLiteral {
  q: KqlQuery;
  token: KqlNode;
}

const rangeKey = (r: DomainEntry['range']): string => `${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}`;

/** The string literal token of the entry, in the query whose segment holds it (one map per file: lists can be long). */
function locate(file: SourceFile, entry: DomainEntry): { q: KqlQuery; token: KqlNode } | null {
  let map = file.slots.kqlLiterals;
  if (!map) {
    map = new Map();
    for (const q of kqlOf(file)?.queries ?? []) for (const token of descendants(q.root, 'StringLiteralToken')) map.set(rangeKey(queryRange(file, q.segment, token.start, token.end)), { q, token });
    file.slots.kqlLiterals = map;
  }
  return map.get(rangeKey(entry.range)) ?? null;
}

/** The list (`(...)` expression list or `dynamic([...])` array) the literal is an item of, if any. */
function listOf(token: KqlNode): KqlNode | null {
  let n: KqlNode | null = token.parent; // StringLiteralExpression
  while (n?.parent && (n.parent.kind === 'SeparatedElement' || n.parent.kind === 'List' || n.parent.kind === 'ParenthesizedExpression')) n = n.parent;
  const p = n?.parent ?? null;
  if (p && (p.kind === 'ExpressionList' || p.kind === 'JsonArrayExpression') && listItems(p).length > 1) return p;
  return null;
}

function isComparison(n: KqlNode): boolean {
  const op = child(n, 'Operator');
  return !!op?.token && !!child(n, 'Left') && !!child(n, 'Right') && !!operatorOf(op.text ?? '');
}

/** The `let` name a literal is bound under (`let X = dynamic([...])` or `let X = "..."`), if any. */
function letNameOf(token: KqlNode): string | null {
  for (let n: KqlNode | null = token.parent; n; n = n.parent) {
    if (isComparison(n)) return null;
    if (n.kind === 'LetStatement') return descendants(child(n, 'Name') ?? n, 'IdentifierToken')[0]?.text ?? null;
  }
  return null;
}

/** The comparison that uses the literal: its ancestor, or the first one naming the `let` it is bound in. */
function comparisonOf(q: KqlQuery, token: KqlNode): KqlNode | null {
  for (let n: KqlNode | null = token.parent; n; n = n.parent) if (isComparison(n)) return n;
  const name = letNameOf(token);
  if (!name) return null;
  const uses = descendants(q.root, (k) => k.endsWith('Expression')).filter((n) => isComparison(n) && descendants(child(n, 'Right') ?? n, 'NameReference').some((r) => nodeText(q.segment.text, r) === name));
  return uses[0] ?? null;
}

function filterOf(cmp: KqlNode): KqlNode | null {
  for (let n: KqlNode | null = cmp.parent; n; n = n.parent) if (n.kind === 'FilterOperator') return n;
  return null;
}

/**
 * The statement whose rows the entry decides: the one holding its where, or the last (a where in a
 * tabular `let` feeds it); and the earlier query statements of the block, to drop (a block may
 * chain several queries with `;`, and the preview runs one).
 */
function statementsOf(root: KqlNode, filter: KqlNode): { main: KqlNode | null; others: KqlNode[] } {
  const list = root.children.find((c) => c.role === 'Statements');
  const elements = list ? (list.kind === 'List' ? list : (list.children.find((c) => c.kind === 'List') ?? list)).children : [];
  const statementOf = (el: KqlNode): KqlNode => (el.kind === 'SeparatedElement' ? (el.children.find((c) => !c.token) ?? el) : el);
  const queries = elements.filter((el) => statementOf(el).kind === 'ExpressionStatement');
  const holding = queries.find((el) => el.start <= filter.start && filter.end <= el.end) ?? queries[queries.length - 1];
  if (!holding) return { main: null, others: [] };
  return { main: child(statementOf(holding), 'Expression') ?? null, others: queries.filter((el) => el.end <= holding.start) };
}

/** Where the row-by-row part of the main pipeline ends: the offset and the operator that follows, or null. */
function cutOf(main: KqlNode, text: string): { at: number; name: string } | null {
  const chain: KqlNode[] = [];
  for (let p: KqlNode | undefined = main; p?.kind === 'PipeExpression'; p = child(p, 'Expression')) chain.unshift(p);
  for (const pipe of chain) {
    const op = child(pipe, 'Operator');
    if (!op || ROW_BY_ROW.has(op.kind)) continue;
    const input = child(pipe, 'Expression');
    return input ? { at: input.end, name: nodeText(text, op).split(/\s/)[0] } : null;
  }
  return null;
}

export function entryQuery(file: SourceFile, entry: DomainEntry): EntryQuery {
  const found = locate(file, entry);
  if (!found) return { text: null, reason: 'the entry is not a literal of a parsed query' };
  const { q, token } = found;
  const text = q.segment.text;
  const cmp = comparisonOf(q, token);
  const filter = cmp && filterOf(cmp);
  if (!cmp || !filter) return { text: null, reason: 'its comparison is not in a where' };
  const { main, others } = statementsOf(q.root, filter);
  if (!main) return { text: null, reason: 'the query has no result expression' };
  const cut = cutOf(main, text);
  if (cut && main.start <= filter.start && filter.start >= cut.at) return { text: null, reason: `its where comes after ${cut.name}` };
  const own = nodeText(text, token);
  const edits: Edit[] = others.map((el) => ({ start: el.start, end: el.end, text: '' }));
  const list = listOf(token);
  if (list) for (const other of descendants(list, 'StringLiteralToken')) if (other !== token && listOf(other) === list) edits.push({ start: other.start, end: other.end, text: own });
  const cond = child(filter, 'Condition');
  if (!cond) return { text: null, reason: 'its where has no condition' };
  const cmpText = applyEdits(text.slice(cmp.start, cmp.end), edits.filter((e) => e.start >= cmp.start && e.end <= cmp.end).map((e) => ({ ...e, start: e.start - cmp.start, end: e.end - cmp.start })));
  if (cmp !== cond) {
    edits.push({ start: cond.start, end: cond.start, text: `(${cmpText}) and (` });
    edits.push({ start: cond.end, end: cond.end, text: ')' });
  }
  const end = cut?.at ?? main.end;
  const kept = edits.filter((e) => e.end <= end);
  // The same query without the entry's edits: one compile per query tells its tables (and whether the preview can run it).
  const base = applyEdits(text.slice(0, end), kept.filter((e) => e.text === ''));
  return { text: applyEdits(text.slice(0, end), kept), until: cut?.name ?? null, base };
}
