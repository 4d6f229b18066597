import type { Check } from '../check';
import { sentinelRules } from '../../kql/sentinel-rule';

/** Fields Sentinel needs to create the rule; scheduling and trigger fields only for scheduled rules. */
const ANALYTICS_REQUIRED = ['id', 'name', 'severity', 'query'];
const SCHEDULED_REQUIRED = ['queryFrequency', 'queryPeriod', 'triggerOperator', 'triggerThreshold'];
const HUNTING_REQUIRED = ['id', 'name', 'query'];
/** Not required by Sentinel, but without them the rule has no ATT&CK mapping: advice only. */
const MAPPING = ['tactics', 'relevantTechniques'];

export const sentinelMissingField: Check = {
  id: 'sentinel/missing-field',
  defaultSeverity: 'error',
  doc: 'A Sentinel analytics rule lacks a field Sentinel needs (id, name, severity, query; for scheduled rules also queryFrequency, queryPeriod, triggerOperator, triggerThreshold), or a hunting query lacks id, name or query. A rule without `tactics` or `relevantTechniques` gets an information note: it has no ATT&CK mapping. A file is a scheduled/NRT analytics rule only when it has scheduling or trigger fields (queryFrequency, queryPeriod, triggerOperator, triggerThreshold) or `kind`; anything else, and anything under a `Hunting Queries` folder, is a hunting query (`severity` and `entityMappings` say nothing about the kind).',
  kinds: ['sentinel'],
  run(ctx) {
    for (const rule of sentinelRules(ctx.file)) {
      const at = rule.fields.get('name')?.keyRange ?? rule.fields.get('query')?.keyRange ?? rule.range;
      const required = rule.type === 'hunting' ? HUNTING_REQUIRED : [...ANALYTICS_REQUIRED, ...(rule.kind === 'NRT' ? [] : SCHEDULED_REQUIRED)];
      const what = rule.type === 'hunting' ? 'hunting query' : rule.kind === 'NRT' ? 'NRT analytics rule' : 'scheduled analytics rule';
      const missing = required.filter((k) => !rule.fields.has(k) || rule.fields.get(k)?.node === null);
      for (const k of missing) ctx.report({ range: at, message: `This ${what} has no \`${k}\`.` });
      if (rule.type === 'analytics') {
        for (const k of MAPPING) {
          if (!rule.fields.has(k))
            ctx.report({
              range: at,
              severity: 'information',
              message: `No \`${k}\`: the rule has no ATT&CK ${k === 'tactics' ? 'tactic' : 'technique'} mapping, so coverage reports and incidents will not show one.`,
            });
        }
      }
    }
  },
};
