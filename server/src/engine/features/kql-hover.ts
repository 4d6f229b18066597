import { kqlOf } from '../kql/analysis';
import { queryAt } from '../kql/locate';
import { SCALAR_FUNCTIONS, TABULAR_OPERATORS } from '../kql/keywords';
import { operatorOf } from '../kql/operators';
import { queryRange } from '../kql/ranges';
import { schemasFor } from '../kql/schema';
import { nodeAt } from '../kql/tree';
import { tableHoverMarkdown } from './kql-table-hover';
import type { HoverProvider } from './types';

/** Explains the KQL token under the cursor: table, column (type and description), operator, function. */
export const kqlHover: HoverProvider = ({ file, pos, config }) => {
  if (file.kind !== 'kql' && file.kind !== 'sentinel') return null;
  if (!kqlOf(file)) return null;
  const at = queryAt(file, pos);
  if (!at) return null;
  const { query, offset } = at;
  const tok = nodeAt(query.root, offset);
  if (!tok.token || tok.start === tok.end) return null;
  const text = tok.text ?? '';
  const range = queryRange(file, query.segment, tok.start, tok.end);
  const parent = tok.parent;
  const op = parent && tok.role === 'Operator' ? operatorOf(text) : undefined;
  if (op) return { range, markdown: `**\`${op.op}\`** (KQL string operator)\n\n${op.doc}` };
  if (tok.kind === 'IdentifierToken' || tok.kind.endsWith('Keyword')) {
    const schemas = schemasFor(config);
    const table = schemas.tables.get(text.toLowerCase());
    if (table && table.name === text) {
      return { range, markdown: tableHoverMarkdown(table) };
    }
    const cols = query.code.GetColumnsInScope(tok.start);
    if (cols?.Columns) {
      for (let i = 0; i < cols.Columns.Count; i++) {
        const c = cols.Columns.getItem(i);
        if (c.Name !== text) continue;
        const described = [...schemas.tables.values()].map((t) => ({ t, col: t.columns.find((x) => x.name === text && x.description) })).find((x) => x.col);
        const desc = described?.col?.description ? `\n\n${described.col.description} (${described.t.name})` : '';
        return { range, markdown: `**${text}**: \`${c.Type?.Name ?? '?'}\` (column)${desc}` };
      }
    }
    const fn = SCALAR_FUNCTIONS[text];
    if (fn && parent?.parent?.kind === 'FunctionCallExpression') return { range, markdown: `**${text}()** (KQL function)\n\n${fn}` };
    const keyword = text === 'sort' || text === 'order' ? `${text} by` : text;
    if (TABULAR_OPERATORS[keyword] && parent && /Operator$/.test(parent.kind))
      return { range, markdown: `**${keyword}** (KQL tabular operator)\n\n${TABULAR_OPERATORS[keyword]}` };
  }
  return null;
};
