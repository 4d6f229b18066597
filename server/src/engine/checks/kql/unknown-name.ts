import type { Check } from '../check';
import type { Fix } from '../../core/diagnostic';
import { kqlOf, type KqlQuery } from '../../kql/analysis';
import { queryRange } from '../../kql/ranges';
import { schemasFor } from '../../kql/schema';
import { nodeAt, type KqlNode } from '../../kql/tree';
import { nearest } from '../../util/nearest';

/** Kusto's "does not refer to any known ..." diagnostics: column/variable, table/function, function. */
const UNKNOWN_CODES: Record<string, 'name' | 'table' | 'function'> = { KS142: 'name', KS204: 'table', KS211: 'function' };

/**
 * ASIM parser functions (`imDns`, `_Im_WebSession`, `ASimDnsMicrosoftOMS`...) are deployed in each
 * workspace from Azure-Sentinel's Parsers folder; their names are not in the shipped schemas.
 * Reporting them would flag every normalised rule, so they are left alone.
 */
const ASIM = /^(_?im[A-Z]|_Im_|_?ASim[A-Z]|_ASim_)/;

function columnsInScope(q: KqlQuery, offset: number): string[] {
  const t = q.code.GetColumnsInScope(offset);
  const out: string[] = [];
  if (!t?.Columns) return out;
  for (let i = 0; i < t.Columns.Count; i++) out.push(t.Columns.getItem(i).Name);
  return out;
}

/**
 * `bag.property` on a column the schema types as string (a JSON string, or a `columnifexists(..., '')`
 * default) is legal at run time once parsed: property names are data, not schema, so they are not
 * reported.
 */
function isPropertySelector(root: KqlNode, offset: number): boolean {
  for (let n: KqlNode | null = nodeAt(root, offset); n; n = n.parent) {
    if (n.role === 'Selector' && n.parent?.kind === 'PathExpression') return true;
    if (n.kind === 'PathExpression') return false;
  }
  return false;
}

function suggest(name: string, candidates: string[]): string | null {
  const ci = candidates.find((c) => c.toLowerCase() === name.toLowerCase());
  if (ci) return ci;
  return nearest(name, candidates, Math.min(3, Math.max(1, Math.floor(name.length / 4))));
}

export const kqlUnknownName: Check = {
  id: 'kql/unknown-name',
  defaultSeverity: 'warning',
  doc: 'A table, column or function name that the schemas do not know: usually a misspelling (`RemoteURL` for `RemoteUrl`, `InitiatingProcessFilename`): KQL names are case-sensitive, and a misspelt column makes the query fail or match nothing. Tables come from Microsoft\'s Sentinel validation schemas (data/kql-schemas); add your own tables, such as custom `_CL` tables, under `kql.tables` in tripline.config.json. ASIM parser functions (imDns, _Im_WebSession...) are not reported.',
  kinds: ['kql', 'sentinel'],
  run(ctx) {
    const a = kqlOf(ctx.file);
    if (!a || a.error) return;
    const schemas = schemasFor(ctx.config);
    for (const q of a.queries) {
      for (const p of q.semantic) {
        const what = UNKNOWN_CODES[p.code];
        if (!what) continue;
        const name = /'([^']+)'/.exec(p.message)?.[1] ?? q.segment.text.slice(p.start, p.start + p.length);
        if (what !== 'name' && ASIM.test(name)) continue;
        if (what === 'name' && isPropertySelector(q.root, p.start)) continue;
        const range = queryRange(ctx.file, q.segment, p.start, p.start + p.length);
        let candidates: string[];
        if (what === 'name') candidates = columnsInScope(q, p.start);
        else if (what === 'function') candidates = [...schemas.functions.values()].map((f) => f.name);
        else candidates = [...[...schemas.tables.values()].map((t) => t.name), ...[...schemas.functions.values()].map((f) => f.name)];
        const better = suggest(name, candidates);
        const fixes: Fix[] = better ? [{ title: `Change to ${better}`, edits: [{ range, newText: better }], preferred: better.toLowerCase() === name.toLowerCase() }] : [];
        const hint = better
          ? better.toLowerCase() === name.toLowerCase()
            ? ` Did you mean \`${better}\`? KQL names are case-sensitive.`
            : ` Did you mean \`${better}\`?`
          : what === 'name'
            ? ''
            : ' If it is a custom table (e.g. a `_CL` table), declare its columns under `kql.tables` in tripline.config.json.';
        const kindText = what === 'name' ? 'column or variable' : what === 'function' ? 'function' : 'table or function';
        ctx.report({ range, message: `Unknown ${kindText} \`${name}\`.${hint}`, ...(fixes.length ? { fixes } : {}) });
      }
    }
  },
};
