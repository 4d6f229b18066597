import type { Check } from '../check';
import { durationMinutes, sentinelRules } from '../../kql/sentinel-rule';

export const sentinelPeriodFrequency: Check = {
  id: 'sentinel/period-shorter-than-frequency',
  defaultSeverity: 'warning',
  doc: 'A scheduled rule looks back (`queryPeriod`) less far than the time between two runs (`queryFrequency`): events that arrive between the end of one look-back window and the next run are never examined. Make the period at least as long as the frequency.',
  kinds: ['sentinel'],
  run(ctx) {
    for (const rule of sentinelRules(ctx.file)) {
      const f = rule.fields.get('queryFrequency');
      const p = rule.fields.get('queryPeriod');
      if (!f?.text || !p?.text) continue;
      const fm = durationMinutes(f.text);
      const pm = durationMinutes(p.text);
      if (fm === null || pm === null || pm >= fm) continue;
      ctx.report({
        range: p.valueRange,
        message: `queryPeriod ${p.text} is shorter than queryFrequency ${f.text}: each run leaves a gap of ${fm - pm} minutes that no run examines.`,
        fixes: [{ title: `Set queryPeriod to ${f.text}`, edits: [{ range: p.valueRange, newText: f.text }] }],
      });
    }
  },
};
