import type { Check } from '../check';
import { conditionReferences, patternToRegExp, usesThem } from '../../sigma/condition';

export const unusedSelection: Check = {
  id: 'sigma/unused-selection',
  defaultSeverity: 'warning',
  doc: 'A search identifier is defined but the condition never uses it (directly, through a pattern such as `1 of filter_*`, or through `them`). Usually a forgotten `and not filter`: the rule is broader than intended.',
  kinds: ['sigma'],
  messages: { unused: 'A search identifier (data.name) the condition never uses.' },
  run(ctx) {
    for (const rule of ctx.file.sigma) {
      const det = rule.detection;
      if (!det || det.conditions.length === 0 || det.conditions.some((c) => c.error)) continue;
      if (det.conditions.some((c) => usesThem(c.ast))) continue;
      const refs = det.conditions.flatMap((c) => conditionReferences(c.ast));
      const exact = new Set(refs.filter((r) => !r.pattern).map((r) => r.name));
      const patterns = refs.filter((r) => r.pattern).map((r) => patternToRegExp(r.name));
      for (const s of det.searches) {
        if (exact.has(s.name) || patterns.some((p) => p.test(s.name))) continue;
        ctx.report({ range: s.nameRange, message: `'${s.name}' is never used in the condition.`, messageId: 'unused', data: { name: s.name } });
      }
    }
  },
};
