import type { Check, CheckContext } from '../check';
import type { Fix } from '../../core/diagnostic';
import type { Range } from '../../core/position';
import { durationMinutes, listItems, sentinelRules, type SentinelRule } from '../../kql/sentinel-rule';
import { canonicalTactic, sentinelFieldData } from './fields-data';
import { sameSpelling } from '../../util/nearest';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TECHNIQUE = /^T\d{4}(\.\d{3})?$/;

/** Safe when only case and punctuation change (`Command and control` → `CommandAndControl`). */
function replaceFix(range: Range, value: string, from: string): Fix[] {
  return [{ title: `Change to ${value}`, edits: [{ range, newText: value }], preferred: true, safe: sameSpelling(from, value) }];
}

function oneOf(ctx: CheckContext, rule: SentinelRule, key: string, allowed: readonly string[]): void {
  const f = rule.fields.get(key);
  if (!f || f.node === null) return;
  if (f.text === null) {
    ctx.report({ range: f.valueRange, message: `\`${key}\` must be one of ${allowed.join(', ')}.` });
    return;
  }
  if (allowed.includes(f.text)) return;
  const ci = allowed.find((a) => a.toLowerCase() === f.text!.toLowerCase());
  ctx.report({
    range: f.valueRange,
    message: `\`${key}: ${f.text}\` is not a Sentinel value; expected one of ${allowed.join(', ')}.`,
    ...(ci ? { fixes: replaceFix(f.valueRange, ci, f.text) } : {}),
  });
}

function duration(ctx: CheckContext, rule: SentinelRule, key: string): number | null {
  const f = rule.fields.get(key);
  if (!f || f.node === null) return null;
  const minutes = f.text === null ? null : durationMinutes(f.text);
  if (minutes === null) {
    ctx.report({
      range: f.valueRange,
      message: `\`${key}\` must be a duration: ISO 8601 as the Sentinel API writes it (PT5H, P1D) or a timespan as YAML templates write it (5h, 1d).`,
    });
    return null;
  }
  const { minMinutes, maxMinutes } = sentinelFieldData().durations;
  if (minutes < minMinutes || minutes > maxMinutes)
    ctx.report({ range: f.valueRange, message: `\`${key}: ${f.text}\` is outside what Sentinel accepts for scheduled rules (5 minutes to 14 days).` });
  return minutes;
}

export const sentinelInvalidValue: Check = {
  id: 'sentinel/invalid-value',
  defaultSeverity: 'error',
  doc: "A Sentinel rule field has a value Sentinel rejects: `id` not a GUID, `severity` not High/Medium/Low/Informational, `kind` not Scheduled/NRT, `queryFrequency`/`queryPeriod` not a duration or outside 5 minutes–14 days, `triggerOperator` not gt/lt/eq/ne, `triggerThreshold` not a non-negative integer, a tactic that is not one of Sentinel's PascalCase names (`CommandAndControl`, not `Command and control`), or a `relevantTechniques` entry not shaped like T1234 or T1234.001. Case and spacing variants of a tactic get a fix. In hunting queries, tactic problems are warnings.",
  kinds: ['sentinel'],
  run(ctx) {
    const data = sentinelFieldData();
    const SENTINEL_TACTICS = data.tactics.values;
    for (const rule of sentinelRules(ctx.file)) {
      const id = rule.fields.get('id');
      if (id && id.node !== null && (id.text === null || !GUID.test(id.text)))
        ctx.report({
          range: id.valueRange,
          message: `\`id\` must be a GUID (e.g. 5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a11); got ${JSON.stringify(id.text ?? '')}.`,
        });
      oneOf(ctx, rule, 'severity', data.severities.values);
      oneOf(ctx, rule, 'kind', data.kinds.values);
      oneOf(ctx, rule, 'triggerOperator', data.triggerOperators.values);
      duration(ctx, rule, 'queryFrequency');
      duration(ctx, rule, 'queryPeriod');
      const th = rule.fields.get('triggerThreshold');
      if (th && th.node !== null && (th.text === null || !/^\d+$/.test(th.text.trim())))
        ctx.report({
          range: th.valueRange,
          message: '`triggerThreshold` must be a non-negative integer (the number of result rows the trigger operator compares with).',
        });

      const tacticSeverity = rule.type === 'hunting' ? 'warning' : undefined;
      const tactics = listItems(ctx.file, rule, 'tactics');
      if (tactics === null && rule.fields.get('tactics')?.node)
        ctx.report({ range: rule.fields.get('tactics')!.valueRange, message: '`tactics` must be a list of Sentinel tactic names.' });
      for (const t of tactics ?? []) {
        if (t.value === null || t.value === '') {
          ctx.report({ range: t.range, severity: 'warning', message: 'Empty `tactics` entry.' });
          continue;
        }
        if (SENTINEL_TACTICS.includes(t.value)) continue;
        const canonical = canonicalTactic(t.value);
        if (canonical)
          ctx.report({
            range: t.range,
            severity: 'warning',
            message: `Tactic \`${t.value}\` is spelt \`${canonical}\` in Sentinel.`,
            fixes: replaceFix(t.range, canonical, t.value),
          });
        else
          ctx.report({
            range: t.range,
            severity: tacticSeverity,
            message: `\`${t.value}\` is not a Sentinel tactic; Sentinel accepts ${SENTINEL_TACTICS.join(', ')}.`,
          });
      }
      const techniques = listItems(ctx.file, rule, 'relevantTechniques');
      for (const t of techniques ?? []) {
        if (t.value === null || t.value === '') {
          ctx.report({ range: t.range, severity: 'warning', message: 'Empty `relevantTechniques` entry.' });
          continue;
        }
        if (TECHNIQUE.test(t.value)) continue;
        const fixed = t.value.trim().toUpperCase().replace(/^(\d)/, 'T$1');
        ctx.report({
          range: t.range,
          message: `\`${t.value}\` is not an ATT&CK technique id (T1234 or T1234.001).`,
          ...(TECHNIQUE.test(fixed) ? { fixes: replaceFix(t.range, fixed, t.value) } : {}),
        });
      }
    }
  },
};
