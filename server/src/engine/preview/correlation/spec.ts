/**
 * A correlation rule's `correlation:` section read into the shape the evaluator needs, with the
 * errors that make it impossible to evaluate (the checks report the same problems on the file).
 * Types: the four of the Sigma correlation specification v2 (event_count, value_count, temporal,
 * temporal_ordered) and the metric types pySigma adds (value_sum, value_avg, value_median,
 * value_percentile, with `percentile` in the condition).
 */
import type { SigmaRule } from '../../sigma/model';
import { RuleCompileError } from '../compile/rule';

type CorrelationType = 'event_count' | 'value_count' | 'temporal' | 'temporal_ordered' | 'value_sum' | 'value_avg' | 'value_median' | 'value_percentile';
const EVALUATED_TYPES: readonly CorrelationType[] = [
  'event_count',
  'value_count',
  'temporal',
  'temporal_ordered',
  'value_sum',
  'value_avg',
  'value_median',
  'value_percentile',
];
type Operator = 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq';
const OPERATORS: readonly Operator[] = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'];
const FIELD_TYPES = new Set<CorrelationType>(['value_count', 'value_sum', 'value_avg', 'value_median', 'value_percentile']);

export interface CorrelationSpec {
  type: CorrelationType;
  /** References as written (ids or names), in order: temporal_ordered needs it. */
  rules: string[];
  groupBy: string[];
  timespanMs: number;
  timespanText: string;
  /** alias → (rule name or id → field in that rule's events). */
  aliases: Map<string, Map<string, string>>;
  /** Every criterion must hold (a range is two criteria). */
  condition: [Operator, number][];
  /** value_* types: the field(s) aggregated. */
  field: string[];
  percentile?: number;
  generate: boolean;
}

/** Seconds per unit; `w`, `M` and `y` as pySigma reads them (a month is 1/12 of 365.2425 days). */
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800, M: 2629746, y: 31556952 };

/** `90m` → milliseconds; null when it is not a positive number followed by a unit. */
export function parseTimespan(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = /^(\d+)([smhdwMy])$/.exec(text.trim());
  if (!m || Number(m[1]) <= 0) return null;
  return Number(m[1]) * UNIT_SECONDS[m[2]] * 1000;
}

function strings(v: unknown): string[] | null {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.map(String);
  return null;
}

export function correlationSpec(rule: SigmaRule): CorrelationSpec {
  const body = rule.body?.value;
  if (rule.type !== 'correlation' || !body || typeof body !== 'object' || Array.isArray(body))
    throw new RuleCompileError('the correlation rule has no `correlation` mapping');
  const c = body as Record<string, unknown>;
  const type = c.type;
  if (typeof type !== 'string' || !(EVALUATED_TYPES as readonly string[]).includes(type))
    throw new RuleCompileError(`'${String(type)}' is not a correlation type: use one of ${EVALUATED_TYPES.join(', ')}`);
  const t = type as CorrelationType;
  const rules = strings(c.rules);
  if (!rules || rules.length === 0) throw new RuleCompileError('the correlation names no `rules`');
  const timespanMs = parseTimespan(c.timespan);
  if (timespanMs === null) throw new RuleCompileError(`'${String(c.timespan)}' is not a timespan: a number and a unit (s, m, h, d), e.g. 5m`);
  const groupBy = c['group-by'] === undefined || c['group-by'] === null ? [] : strings(c['group-by']);
  if (!groupBy) throw new RuleCompileError('`group-by` must be a list of field names');
  const spec: CorrelationSpec = {
    type: t,
    rules,
    groupBy,
    timespanMs,
    timespanText: String(c.timespan),
    aliases: readAliases(c.aliases),
    condition: [],
    field: [],
    generate: c.generate === true,
  };
  readCondition(spec, c.condition);
  return spec;
}

function readAliases(v: unknown): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  if (v === undefined || v === null) return out;
  if (typeof v !== 'object' || Array.isArray(v)) throw new RuleCompileError('`aliases` must map each alias to {rule name: field}');
  for (const [alias, mapping] of Object.entries(v as Record<string, unknown>)) {
    if (!mapping || typeof mapping !== 'object' || Array.isArray(mapping)) throw new RuleCompileError(`alias '${alias}' must map rule names to field names`);
    out.set(alias, new Map(Object.entries(mapping as Record<string, unknown>).map(([r, f]) => [r, String(f)])));
  }
  return out;
}

function readCondition(spec: CorrelationSpec, v: unknown): void {
  const temporal = spec.type === 'temporal' || spec.type === 'temporal_ordered';
  if (v === undefined || v === null) {
    if (!temporal) throw new RuleCompileError(`a ${spec.type} correlation needs a \`condition\` such as \`gte: 10\``);
    // pySigma's default for temporal types: every referenced rule must have matched.
    spec.condition = [['gte', spec.rules.length]];
    return;
  }
  if (typeof v !== 'object' || Array.isArray(v)) throw new RuleCompileError('the correlation condition must be a mapping such as `gte: 10`');
  for (const [k, raw] of Object.entries(v as Record<string, unknown>)) {
    if (k === 'field') {
      const f = strings(raw);
      if (!f) throw new RuleCompileError('the condition `field` must be a field name');
      spec.field = f;
    } else if (k === 'percentile') {
      const p = Number(raw);
      if (!Number.isFinite(p) || p < 0 || p > 100) throw new RuleCompileError('`percentile` must be a number from 0 to 100');
      spec.percentile = p;
    } else if ((OPERATORS as readonly string[]).includes(k)) {
      const n = typeof raw === 'number' ? raw : Number(raw);
      if (!Number.isFinite(n)) throw new RuleCompileError(`condition \`${k}\` needs a number, not '${String(raw)}'`);
      spec.condition.push([k as Operator, n]);
    } else throw new RuleCompileError(`'${k}' is not a correlation condition operator: use ${OPERATORS.join(', ')}`);
  }
  if (spec.condition.length === 0) throw new RuleCompileError('the correlation condition has no operator (gt, gte, lt, lte, eq, neq)');
  if (FIELD_TYPES.has(spec.type) && spec.field.length === 0) throw new RuleCompileError(`a ${spec.type} correlation needs \`field\` in its condition`);
  if (spec.type === 'value_percentile' && spec.percentile === undefined)
    throw new RuleCompileError('a value_percentile correlation needs `percentile` in its condition');
}

export function conditionHolds(condition: [Operator, number][], v: number): boolean {
  return condition.every(([op, n]) => {
    switch (op) {
      case 'gt':
        return v > n;
      case 'gte':
        return v >= n;
      case 'lt':
        return v < n;
      case 'lte':
        return v <= n;
      case 'eq':
        return v === n;
      case 'neq':
        return v !== n;
    }
  });
}
