import type { Check } from '../check';
import { kqlOf } from '../../kql/analysis';
import { queryRange } from '../../kql/ranges';
import { descendants, type KqlNode } from '../../kql/tree';

/** The "(" whose ")" the parser had to invent at `offset`. */
function unclosedParen(root: KqlNode, offset: number): KqlNode | null {
  for (const close of descendants(root, 'CloseParenToken')) {
    if (!close.missing || close.start !== offset || !close.parent) continue;
    return close.parent.children.find((c) => c.kind === 'OpenParenToken' && !c.missing) ?? null;
  }
  return null;
}

export const kqlSyntax: Check = {
  id: 'kql/syntax',
  defaultSeverity: 'error',
  doc: "The KQL does not parse (Microsoft's own Kusto parser, Kusto.Language): a missing parenthesis or comma, an unquoted regex, an unknown operator. In Sentinel YAML the diagnostic points into the `query:` block. The Kusto diagnostic code (KS005...) is given in the message.",
  kinds: ['kql', 'sentinel'],
  run(ctx) {
    const a = kqlOf(ctx.file);
    if (!a) return;
    if (a.error) {
      ctx.report({ range: ctx.file.index.range(0, 0), severity: 'information', message: `KQL not checked: ${a.error}.` });
      return;
    }
    for (const q of a.queries) {
      // One parse error tends to cascade ("Expected: )" twice, "incomplete fragment"...): the first
      // on each line is the one to fix.
      const lines = new Set<number>();
      for (const p of q.syntax) {
        // A missing ")" is reported where the parser gave up, often lines later: point at the "(" it
        // belongs to instead, which is where the fix goes.
        const open = p.message === 'Expected: )' ? unclosedParen(q.root, p.start) : null;
        if (open) {
          const range = queryRange(ctx.file, q.segment, open.start, open.end);
          if (lines.has(range.start.line)) continue;
          lines.add(range.start.line);
          ctx.report({ range, message: `This "(" is never closed: expected ")" (Kusto ${p.code}).` });
          continue;
        }
        const range = queryRange(ctx.file, q.segment, p.start, p.start + p.length);
        if (lines.has(range.start.line)) continue;
        lines.add(range.start.line);
        ctx.report({ range, message: `${p.message.replace(/\.$/, '')} (Kusto ${p.code}).` });
      }
    }
  },
};
