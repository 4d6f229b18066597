import { kqlOf } from '../kql/analysis';
import { queryAt } from '../kql/locate';
import { SCALAR_FUNCTIONS, TABULAR_OPERATORS } from '../kql/keywords';
import { STRING_OPERATORS } from '../kql/operators';
import { schemasFor } from '../kql/schema';
import { descendants, type KqlNode } from '../kql/tree';
import type { CompletionEntry, CompletionProvider } from './types';

function letNames(root: KqlNode, text: string): string[] {
  return descendants(root, 'LetStatement')
    .map((s) => {
      const id = descendants(s, 'IdentifierToken')[0];
      return id ? text.slice(id.start, id.end) : '';
    })
    .filter(Boolean);
}

/**
 * KQL completion (in .kql files and in a Sentinel rule's `query:` block): tabular operators after
 * `|`, tables where a query starts, and elsewhere the columns in scope (from Kusto's semantic
 * analysis against the schemas), let names, string operators and common functions.
 */
export const kqlCompletion: CompletionProvider = ({ file, pos, config }) => {
  if (file.kind !== 'kql' && file.kind !== 'sentinel') return null;
  if (!kqlOf(file)) return null;
  const at = queryAt(file, pos);
  if (!at) return null;
  const { query, offset } = at;
  const text = query.segment.text;
  const before = text.slice(0, offset);
  const word = /[A-Za-z0-9_-]*$/.exec(before)?.[0] ?? '';
  const start = { line: pos.line, character: pos.character - word.length };
  const range = { start, end: pos };
  const head = before.slice(0, before.length - word.length);
  // Strip comments and strings crudely: enough to see the token before the cursor.
  const prev = head.replace(/\/\/[^\n]*/g, '').trimEnd();
  const schemas = schemasFor(config);

  if (/\|$/.test(prev)) {
    return Object.entries(TABULAR_OPERATORS).map(([op, doc]): CompletionEntry => ({
      label: op,
      kind: 'operator',
      detail: 'KQL tabular operator',
      documentation: doc,
      range,
      insertText: `${op} `,
    }));
  }
  if (prev === '' || /;$/.test(prev) || (/\b(union|join|lookup)\b[^|]*[(,]?$/.test(prev) && !/\bon\b[^|]*$/.test(prev))) {
    return [...schemas.tables.values()].map((t): CompletionEntry => ({
      label: t.name,
      kind: 'table',
      detail: `table, ${t.columns.length} columns`,
      documentation: `Schema from ${t.source}.`,
      range,
    }));
  }
  const out: CompletionEntry[] = [];
  const cols = query.code.GetColumnsInScope(offset);
  const seen = new Set<string>();
  if (cols?.Columns) {
    for (let i = 0; i < cols.Columns.Count; i++) {
      const c = cols.Columns.getItem(i);
      if (seen.has(c.Name)) continue;
      seen.add(c.Name);
      out.push({ label: c.Name, kind: 'field', detail: `column: ${c.Type?.Name ?? ''}`, range, sortText: `0${c.Name}` });
    }
  }
  for (const name of letNames(query.root, text)) out.push({ label: name, kind: 'identifier', detail: 'let', range, sortText: `1${name}` });
  // After a column or a closing parenthesis comes an operator.
  if (/[A-Za-z0-9_)\]]$/.test(prev)) {
    for (const op of STRING_OPERATORS.values())
      out.push({ label: op.op, kind: 'operator', detail: 'KQL string operator', documentation: op.doc, range, sortText: `2${op.op}` });
  }
  for (const [fn, doc] of Object.entries(SCALAR_FUNCTIONS))
    out.push({ label: fn, kind: 'identifier', detail: 'function', documentation: doc, insertText: `${fn}(`, range, sortText: `3${fn}` });
  return out;
};
