import type { Check } from '../check';

export const conditionSyntax: Check = {
  id: 'sigma/condition-syntax',
  defaultSeverity: 'error',
  doc: 'The `condition` does not parse: unbalanced parentheses, a dangling `and`/`or`, `of` without a number or `all`, or an aggregation pipe (`| count() > 5`), which Sigma v2 replaced with correlation rules. The range points at the offending token.',
  kinds: ['sigma'],
  run(ctx) {
    for (const rule of ctx.file.sigma) {
      for (const cond of rule.detection?.conditions ?? []) {
        if (!cond.error) continue;
        const start = cond.map(cond.error.span.start);
        const end = cond.map(Math.max(cond.error.span.end, cond.error.span.start));
        ctx.report({ range: ctx.file.index.range(start, Math.max(end, start)), message: `Condition: ${cond.error.message}.` });
      }
    }
  },
};
