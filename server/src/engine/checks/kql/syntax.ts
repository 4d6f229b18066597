import type { Check } from '../check';
import { kqlOf } from '../../kql/analysis';
import { queryRange } from '../../kql/ranges';

export const kqlSyntax: Check = {
  id: 'kql/syntax',
  defaultSeverity: 'error',
  doc: 'The KQL does not parse (Microsoft\'s own Kusto parser, Kusto.Language): a missing parenthesis or comma, an unquoted regex, an unknown operator. In Sentinel YAML the diagnostic points into the `query:` block. The Kusto diagnostic code (KS005...) is given in the message.',
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
        const range = queryRange(ctx.file, q.segment, p.start, p.start + p.length);
        if (lines.has(range.start.line)) continue;
        lines.add(range.start.line);
        ctx.report({ range, message: `${p.message.replace(/\.$/, '')} (Kusto ${p.code}).` });
      }
    }
  },
};
