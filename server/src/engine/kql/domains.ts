import type { SourceFile } from '../document/source';
import type { DomainEntry, EntryContext, MatchKind } from '../domains/entry';
import type { DomainExtractor } from '../domains/extractors';
import { fieldKindOf, isNarrowingField } from '../domains/fields';
import { looksLikeHostOrUrl, readValue } from '../domains/value';
import { fileExtensionTlds } from '../webservices/catalog';
import { kqlOf, type KqlQuery } from './analysis';
import { operatorOf, type OperatorBase } from './operators';
import { queryRange } from './ranges';
import { child, descendants, listItems, nodeText, type KqlNode } from './tree';

/**
 * KQL: string literals compared with a column by `has`, `has_any`, `has_all`, `contains`,
 * `startswith`, `endswith`, `in`, `in~`, `==`, `=~`, `matches regex` (and negations), directly or
 * through `let` names bound to a string or a `dynamic([...])` list. Each literal token becomes one
 * entry, at its first use.
 */
export const kqlDomainExtractor: DomainExtractor = {
  format: 'kql',
  kinds: ['kql', 'sentinel'],
  extract(file) {
    const a = kqlOf(file);
    const out: DomainEntry[] = [];
    for (const q of a?.queries ?? []) extractQuery(file, q, out);
    return out;
  },
};

const MATCH: Partial<Record<OperatorBase, MatchKind>> = {
  equals: 'exact',
  in: 'exact',
  has: 'term',
  has_any: 'term',
  has_all: 'term',
  contains: 'substring',
  startswith: 'prefix',
  endswith: 'suffix',
  'matches regex': 'regex',
};

/** Functions that pass a column through without changing what it names. */
const TRANSPARENT = new Set(['tolower', 'toupper', 'tostring', 'trim', 'trim_start', 'trim_end', 'strcat']);

interface Literal {
  token: KqlNode;
  inList: boolean;
  listId: string;
  letName?: string;
}

function letBindings(root: KqlNode): Map<string, KqlNode> {
  const out = new Map<string, KqlNode>();
  for (const s of descendants(root, 'LetStatement')) {
    const name = descendants(child(s, 'Name') ?? s, 'IdentifierToken')[0]?.text;
    const expr = child(s, 'Expression');
    if (name && expr && !out.has(name)) out.set(name, expr);
  }
  return out;
}

/** The column a comparison's left side names, seen through tolower() and friends. */
function columnOf(q: KqlQuery, left: KqlNode): string | null {
  if (left.kind === 'NameReference') return nodeText(q.segment.text, left);
  if (left.kind === 'PathExpression' || left.kind === 'ElementExpression') return nodeText(q.segment.text, left);
  if (left.kind === 'ParenthesizedExpression') {
    const inner = child(left, 'Expression');
    return inner ? columnOf(q, inner) : null;
  }
  if (left.kind === 'FunctionCallExpression') {
    const fn = nodeText(q.segment.text, child(left, 'Name') ?? left);
    const args = listItems(child(left, 'ArgumentList') ?? left);
    if (TRANSPARENT.has(fn) && args[0]) return columnOf(q, args[0]);
  }
  return null;
}

function literalsOf(
  node: KqlNode,
  lets: Map<string, KqlNode>,
  q: KqlQuery,
  listId: string,
  inList: boolean,
  out: Literal[],
  depth = 0,
  letName?: string,
): void {
  if (depth > 8) return;
  switch (node.kind) {
    case 'StringLiteralExpression': {
      const t = node.children.find((c) => c.kind === 'StringLiteralToken');
      if (t && !t.missing) out.push({ token: t, inList, listId, letName });
      return;
    }
    case 'ParenthesizedExpression': {
      const inner = child(node, 'Expression');
      if (inner) literalsOf(inner, lets, q, listId, inList, out, depth + 1, letName);
      return;
    }
    case 'ExpressionList': {
      const items = listItems(node);
      const id = `${listId}@${node.start}`;
      for (const item of items) literalsOf(item, lets, q, items.length > 1 ? id : listId, items.length > 1 || inList, out, depth + 1, letName);
      return;
    }
    case 'DynamicExpression': {
      const arr = child(node, 'Expression');
      if (arr?.kind === 'JsonArrayExpression') for (const item of listItems(arr)) literalsOf(item, lets, q, listId, true, out, depth + 1, letName);
      return;
    }
    case 'NameReference': {
      const name = nodeText(q.segment.text, node);
      const bound = lets.get(name);
      if (bound) literalsOf(bound, lets, q, `${queryId(q)}/let:${name}`, inList, out, depth + 1, name);
      return;
    }
    default:
      return;
  }
}

/** Distinguishes the queries of one file (several in a .kql file, one per Sentinel document) in list ids. */
function queryId(q: KqlQuery): string {
  return `${q.segment.doc}@${q.segment.map(0)}`;
}

/** True when an odd number of `not(...)` calls enclose the node. */
function underNot(q: KqlQuery, node: KqlNode): boolean {
  let flips = 0;
  for (let n = node.parent; n; n = n.parent) {
    if (n.kind === 'FunctionCallExpression' && nodeText(q.segment.text, child(n, 'Name') ?? n) === 'not') flips++;
  }
  return flips % 2 === 1;
}

function conjuncts(cond: KqlNode): KqlNode[] {
  if (cond.kind === 'AndExpression')
    return [...conjuncts(child(cond, 'Left') ?? cond), ...conjuncts(child(cond, 'Right') ?? cond)].filter((n) => n.kind !== 'AndExpression');
  if (cond.kind === 'ParenthesizedExpression') {
    const inner = child(cond, 'Expression');
    return inner ? conjuncts(inner) : [cond];
  }
  return [cond];
}

/**
 * Comparisons on process or application columns ANDed with the entry's comparison: in its own
 * `where` (when it is a top-level conjunct there) and in the other `where`s of the same pipeline.
 */
function narrowing(q: KqlQuery, comparison: KqlNode): string[] {
  let filter: KqlNode | null = comparison.parent;
  let topLevel = true;
  while (filter && filter.kind !== 'FilterOperator') {
    if (filter.kind !== 'AndExpression' && filter.kind !== 'ParenthesizedExpression') topLevel = false;
    filter = filter.parent;
  }
  if (!filter) return [];
  // Walk up the chain of `|` stages holding this where, then collect every where of that chain.
  let pipe: KqlNode | null = filter.parent;
  while (pipe?.parent?.kind === 'PipeExpression' && pipe.role === 'Expression') pipe = pipe.parent;
  const filters: KqlNode[] = [];
  for (let p: KqlNode | undefined = pipe ?? undefined; p?.kind === 'PipeExpression'; p = child(p, 'Expression')) {
    const op = child(p, 'Operator');
    if (op?.kind === 'FilterOperator') filters.push(op);
  }
  const out: string[] = [];
  for (const f of filters) {
    if (f === filter && !topLevel) continue;
    const cond = child(f, 'Condition');
    if (!cond) continue;
    for (const c of conjuncts(cond)) {
      if (c === comparison || (c.start <= comparison.start && comparison.end <= c.end)) continue;
      const left = child(c, 'Left');
      const col = left ? columnOf(q, left) : null;
      if (col && isNarrowingField(col)) out.push(`${nodeText(q.segment.text, c).replace(/\s+/g, ' ').slice(0, 80)}`);
    }
  }
  return out;
}

/** A comparison under a `where` decides which rows the query returns; elsewhere it only computes a column. */
function insideFilter(node: KqlNode): boolean {
  for (let p: KqlNode | null = node.parent; p; p = p.parent) {
    if (p.kind === 'FilterOperator') return true;
    if (p.kind === 'ExtendOperator' || p.kind === 'ProjectOperator' || p.kind === 'SummarizeOperator') return false;
  }
  return true;
}

function extractQuery(file: SourceFile, q: KqlQuery, out: DomainEntry[]): void {
  const lets = letBindings(q.root);
  const seen = new Set<number>();
  const tlds = fileExtensionTlds();
  const comparisons = descendants(q.root, (k) => k.endsWith('Expression')).filter((n) => {
    const op = child(n, 'Operator');
    return !!op?.token && !!child(n, 'Left') && !!child(n, 'Right') && !!operatorOf(op.text ?? '');
  });
  for (const cmp of comparisons) {
    const op = operatorOf(child(cmp, 'Operator')!.text ?? '')!;
    const match = MATCH[op.base];
    if (!match) continue;
    const column = columnOf(q, child(cmp, 'Left')!);
    if (column === null) continue;
    const literals: Literal[] = [];
    literalsOf(child(cmp, 'Right')!, lets, q, `${queryId(q)}/${cmp.start}`, false, literals);
    const kind = fieldKindOf(column, false);
    const polarity: EntryContext['polarity'] = !insideFilter(cmp) ? 'label' : op.negated !== underNot(q, cmp) ? 'exclude' : 'match';
    const narrowedBy = narrowing(q, cmp);
    for (const lit of literals) {
      if (seen.has(lit.token.start)) continue;
      const value = lit.token.value ?? '';
      if (kind !== 'host' && (match === 'regex' || !looksLikeHostOrUrl(value, tlds))) continue;
      // Sanity filters on host columns (`DnsQuery !contains "/"`, `contains "."`) name no host.
      if (kind === 'host' && !/[\p{L}\p{N}]/u.test(value)) continue;
      const reading = readValue(value, match, kind, false);
      if (kind !== 'host' && !reading.host) continue;
      seen.add(lit.token.start);
      const raw = lit.token.text ?? '';
      const quoteChar = raw[0] === '@' || raw[0] === 'h' || raw[0] === 'H' ? raw[1] : raw[0];
      const range = queryRange(file, q.segment, lit.token.start, lit.token.end);
      out.push({
        value,
        range,
        format: 'kql',
        field: column,
        fieldKind: kind,
        modifiers: [op.op],
        match,
        caseSensitive: op.caseSensitive,
        host: reading.host,
        leftBoundary: reading.leftBoundary,
        rightBoundary: reading.rightBoundary,
        path: reading.path,
        ip: reading.ip,
        context: { polarity, narrowedBy, container: lit.letName ? `let ${lit.letName}` : `line ${range.start.line + 1}` },
        problems: reading.problems,
        stripped: reading.stripped,
        listId: lit.listId,
        syntax: { quote: quoteChar === '"' || quoteChar === "'" ? quoteChar : '', list: lit.inList ? 'kql' : 'none' },
      });
    }
  }
}
