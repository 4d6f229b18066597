import type { Node, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { LineIndex, Range } from '../core/position';
import { isMap, isScalar, isSeq, mapPairs, nodeRange, resolve, scalarText } from '../document/yaml';
import type { SigmaRule } from './model';

/**
 * Correlation and filter rules (Sigma v2 "meta rules"): what each part must hold, per the
 * correlation specification. Kept apart from detection rules because the required keys depend on
 * the correlation type.
 */
const CORRELATION_TYPES = ['event_count', 'value_count', 'temporal', 'temporal_ordered', 'value_sum', 'value_avg', 'value_percentile', 'value_median'];
const CONDITION_OPERATORS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'];
const NEEDS_CONDITION = new Set(['event_count', 'value_count', 'value_sum', 'value_avg', 'value_percentile', 'value_median']);
const NEEDS_FIELD = new Set(['value_count', 'value_sum', 'value_avg', 'value_percentile', 'value_median']);
const TIMESPAN = /^\d+[smhdwMy]$/;

interface MetaProblem {
  kind: 'missing' | 'invalid';
  range: Range;
  message: string;
  /** Milder than the check's default (e.g. what the specification requires but pySigma accepts). */
  severity?: 'warning';
}

function bodyMap(rule: SigmaRule): { map: YAMLMap } | null {
  const root = rule.yaml.contents;
  if (!isMap(root)) return null;
  for (const pair of mapPairs(root)) {
    if (scalarText(pair.key) !== rule.type) continue;
    const value = resolve(pair.value, rule.yaml);
    if (value && isMap(value)) return { map: value as YAMLMap };
  }
  return null;
}

function entries(map: YAMLMap, rule: SigmaRule): Map<string, { key: Node; value: Node | null }> {
  const out = new Map<string, { key: Node; value: Node | null }>();
  for (const pair of mapPairs(map)) {
    const k = scalarText(pair.key);
    if (k !== null) out.set(k, { key: pair.key as Node, value: resolve(pair.value, rule.yaml) });
  }
  return out;
}

export function metaRuleProblems(rule: SigmaRule, index: LineIndex): MetaProblem[] {
  if (rule.type === 'detection' || !rule.body) return [];
  const problems: MetaProblem[] = [];
  const at = rule.body.keyRange;
  const body = bodyMap(rule);
  if (!body) return [{ kind: 'invalid', range: rule.body.valueRange, message: `\`${rule.type}\` must be a mapping.` }];
  const e = entries(body.map, rule);
  const need = (key: string, why: string): void => {
    if (!e.has(key)) problems.push({ kind: 'missing', range: at, message: `The ${rule.type} has no \`${key}\`: ${why}.` });
  };
  need('rules', `it names the rules it ${rule.type === 'filter' ? 'applies to' : 'correlates'}`);
  if (rule.type === 'filter') {
    need('condition', 'it says how the filter selections combine');
    // Besides `rules` and `condition`, a filter's body is its search identifiers (`selection`...).
    if ([...e.keys()].every((k) => k === 'rules' || k === 'condition'))
      problems.push({
        kind: 'missing',
        range: at,
        message: 'The filter has no search identifier (such as `selection`): there is nothing for its condition to exclude.',
      });
    return problems;
  }
  const rules = e.get('rules')?.value;
  if (rules && isSeq(rules) && (rules as YAMLSeq).items.length === 0) {
    problems.push({ kind: 'invalid', range: nodeRange(rules, index), message: 'The correlation names no rules (`rules: []`): it has no events to correlate.' });
  }
  need('type', `one of ${CORRELATION_TYPES.join(', ')}`);
  need('timespan', 'the time window, e.g. 5m');
  const type = scalarText(e.get('type')?.value);
  if (type !== null && !CORRELATION_TYPES.includes(type)) {
    problems.push({
      kind: 'invalid',
      range: nodeRange(e.get('type')!.value, index),
      message: `'${type}' is not a correlation type: use one of ${CORRELATION_TYPES.join(', ')}.`,
    });
  }
  const timespan = scalarText(e.get('timespan')?.value);
  if (timespan !== null && (!TIMESPAN.test(timespan) || /^0+[a-zA-Z]$/.test(timespan))) {
    problems.push({
      kind: 'invalid',
      range: nodeRange(e.get('timespan')!.value, index),
      message: `'${timespan}' is not a timespan: a number and a unit (s, m, h, d, w, M, y), e.g. 15m.`,
    });
  }
  if (type !== null && CORRELATION_TYPES.includes(type) && !e.has('group-by')) {
    problems.push({
      kind: 'missing',
      range: at,
      severity: 'warning',
      message: `The correlation has no \`group-by\`: the specification requires it for ${type}; without it every matching event of every host and user is counted together.`,
    });
  }
  const cond = e.get('condition');
  if (type && NEEDS_CONDITION.has(type) && !cond)
    problems.push({ kind: 'missing', range: at, message: `A ${type} correlation needs a \`condition\` such as \`gte: 10\`.` });
  if (cond) problems.push(...conditionProblems(rule, type, cond, index));
  return problems;
}

/** The condition map: operators with numbers (two for a range), `field` and `percentile` where the type needs them. */
function conditionProblems(rule: SigmaRule, type: string | null, cond: { key: Node; value: Node | null }, index: LineIndex): MetaProblem[] {
  const problems: MetaProblem[] = [];
  if (!cond.value || !isMap(cond.value))
    return [{ kind: 'invalid', range: nodeRange(cond.value ?? cond.key, index), message: 'The correlation condition must be a mapping such as `gte: 10`.' }];
  const c = entries(cond.value as YAMLMap, rule);
  let operators = 0;
  for (const [k, v] of c) {
    if (k === 'field' || k === 'percentile') continue;
    if (!CONDITION_OPERATORS.includes(k)) {
      problems.push({
        kind: 'invalid',
        range: nodeRange(v.key, index),
        message: `'${k}' is not a correlation condition operator: use ${CONDITION_OPERATORS.join(', ')}.`,
      });
      continue;
    }
    operators++;
    const n = v.value && isScalar(v.value) ? Number((v.value as Scalar).value) : NaN;
    if (!Number.isFinite(n)) problems.push({ kind: 'invalid', range: nodeRange(v.value ?? v.key, index), message: `\`${k}\` needs a number.` });
  }
  if (operators === 0 && problems.length === 0)
    problems.push({
      kind: 'missing',
      range: nodeRange(cond.key, index),
      message: `The correlation condition has no operator: use ${CONDITION_OPERATORS.join(', ')} (two of them for a range).`,
    });
  if (type && NEEDS_FIELD.has(type) && !c.has('field'))
    problems.push({
      kind: 'missing',
      range: nodeRange(cond.key, index),
      message: `A ${type} correlation condition needs \`field\`: the field whose values are ${type === 'value_count' ? 'counted' : 'aggregated'}.`,
    });
  if (type === 'value_percentile' && !c.has('percentile'))
    problems.push({ kind: 'missing', range: nodeRange(cond.key, index), message: 'A value_percentile correlation condition needs `percentile` (0-100).' });
  return problems;
}
