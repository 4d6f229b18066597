import type { Check } from '../check';

const DATE = /^\d{4}[-/]\d{2}[-/]\d{2}$/;

export const dateOrder: Check = {
  id: 'sigma/date-order',
  defaultSeverity: 'warning',
  doc: '`modified` is earlier than `date`: a rule cannot be changed before it was written. One of the two is a typo (often a swapped month and day, or a year carried over from a copied rule); tools that sort or filter by date get it wrong.',
  kinds: ['sigma'],
  run(ctx) {
    for (const rule of ctx.file.sigma) {
      const date = rule.entries.get('date');
      const modified = rule.entries.get('modified');
      if (!date || !modified || typeof date.value !== 'string' || typeof modified.value !== 'string') continue;
      if (!DATE.test(date.value) || !DATE.test(modified.value)) continue; // malformed dates are sigma/invalid-value's
      const d = date.value.replace(/\//g, '-');
      const m = modified.value.replace(/\//g, '-');
      if (m < d) ctx.report({ range: modified.valueRange, message: `\`modified\` (${modified.value}) is before \`date\` (${date.value}).` });
    }
  },
};
