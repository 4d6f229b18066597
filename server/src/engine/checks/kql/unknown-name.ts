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

/** Edits allowed for a suggestion: a typo, not a different name (AADSpnSignInEventsBeta is not AADSignInEventsBeta). */
function maxEdits(name: string): number {
  return Math.min(2, Math.max(1, Math.floor(name.length / 6)));
}

/** A close candidate: the same name in another case, or one within a typo's distance. Custom `_CL` tables get only the former. */
function suggest(name: string, candidates: string[], what: Unknown['what']): string | null {
  const ci = candidates.find((c) => c.toLowerCase() === name.toLowerCase());
  if (ci) return ci;
  if (what !== 'name' && /_CL$/i.test(name)) return null;
  return nearest(name, candidates, maxEdits(name));
}

interface Unknown {
  what: 'name' | 'table' | 'function';
  name: string;
  start: number;
  length: number;
}

/** The query's unknown-name diagnostics, with the names Tripline leaves alone taken out. */
function unknownsOf(q: KqlQuery): { unknowns: Unknown[]; unknownSource: boolean } {
  const unknowns: Unknown[] = [];
  let unknownSource = false;
  for (const p of q.semantic) {
    const what = UNKNOWN_CODES[p.code];
    if (!what) continue;
    const name = /'([^']+)'/.exec(p.message)?.[1] ?? q.segment.text.slice(p.start, p.start + p.length);
    if (what !== 'name') {
      // Rows of an unknown table or function have unknown columns: nothing after it can be judged.
      unknownSource = true;
      if (ASIM.test(name)) continue;
    } else if (isPropertySelector(q.root, p.start)) {
      continue;
    }
    unknowns.push({ what, name, start: p.start, length: p.length });
  }
  return { unknowns, unknownSource };
}

const DECLARE = 'declare it under `kql.tables` in tripline.config.json';

function message(u: Unknown, better: string | null): string {
  const kindText = u.what === 'name' ? 'column or variable' : u.what === 'function' ? 'function' : 'table or function';
  if (better) {
    const cs = better.toLowerCase() === u.name.toLowerCase() ? ' KQL names are case-sensitive.' : '';
    return `Unknown ${kindText} \`${u.name}\`. Did you mean \`${better}\`?${cs}`;
  }
  if (u.what === 'name') {
    return `\`${u.name}\` is not a column of this table in the schemas Tripline ships (they can lag behind Microsoft's). If the column exists, ${DECLARE} with the table's columns.`;
  }
  return `Unknown ${kindText} \`${u.name}\`: not in the schemas Tripline ships. If it exists in your workspace (a custom \`_CL\` table, a newer Microsoft table, a saved function), ${DECLARE}; until then its columns are not checked.`;
}

export const kqlUnknownName: Check = {
  id: 'kql/unknown-name',
  defaultSeverity: 'warning',
  doc: 'A table, column or function name that the schemas do not know. With a close known name (`RemoteURL` for `RemoteUrl`, `InitiatingProcessFilename`: KQL names are case-sensitive, and a misspelt name makes the query fail or match nothing) it is a warning with a "did you mean" fix; without one it is information: the name may be newer than the shipped schemas or a custom table, so declare it under `kql.tables` in tripline.config.json. One finding per unknown table or function; the columns of a query that reads an unknown table or function are not reported (they cannot be judged). Tables come from Microsoft\'s Sentinel validation schemas (data/kql-schemas). ASIM parser functions (imDns, _Im_WebSession...) are not reported.',
  kinds: ['kql', 'sentinel'],
  run(ctx) {
    const a = kqlOf(ctx.file);
    if (!a || a.error) return;
    const schemas = schemasFor(ctx.config);
    const tableNames = [...[...schemas.tables.values()].map((t) => t.name), ...[...schemas.functions.values()].map((f) => f.name)];
    const functionNames = [...schemas.functions.values()].map((f) => f.name);
    // One finding per unknown table or function in the file, one per unknown column in a query.
    const reportedSources = new Set<string>();
    for (const q of a.queries) {
      const { unknowns, unknownSource } = unknownsOf(q);
      const reportedColumns = new Set<string>();
      for (const u of unknowns) {
        let candidates: string[];
        if (u.what === 'name') {
          if (unknownSource || reportedColumns.has(u.name)) continue;
          candidates = columnsInScope(q, u.start);
          // No columns in scope: the row type is unknown (an error upstream), so the name cannot be judged.
          if (candidates.length === 0) continue;
          reportedColumns.add(u.name);
        } else {
          if (reportedSources.has(u.name)) continue;
          reportedSources.add(u.name);
          candidates = u.what === 'function' ? functionNames : tableNames;
        }
        const range = queryRange(ctx.file, q.segment, u.start, u.start + u.length);
        const better = suggest(u.name, candidates, u.what);
        // KQL names are case-sensitive: `RemoteURL` → `RemoteUrl` is the one name meant.
        const caseOnly = better !== null && better !== undefined && better.toLowerCase() === u.name.toLowerCase();
        const fixes: Fix[] = better ? [{ title: `Change to ${better}`, edits: [{ range, newText: better }], preferred: caseOnly, safe: caseOnly }] : [];
        ctx.report({ range, message: message(u, better), ...(better ? { fixes } : { severity: 'information' as const }) });
      }
    }
  },
};
