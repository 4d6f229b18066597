/**
 * Sigma filters (`filter:` documents, Sigma filters specification v2.1.0) applied to a detection
 * rule for preview. The specification says a filter "refers to one or multiple Sigma rules where to
 * add the filter" and holds a selection and a condition "as in the detection section"; how it is
 * added follows pySigma, the reference implementation (sigma/filters.py): a filter applies when
 * `filter.rules` names the rule (id or name) — or is `any`/`all`/empty — and the rule's logsource
 * has every field the filter's logsource sets; the rule's condition C becomes `(C) and (F)` with
 * F the filter's condition as written. So an exclusion filter is written `condition: not selection`,
 * as in pySigma's and the SigmaHQ examples.
 *
 * The filtered rule is produced as YAML text (the filter's identifiers renamed `_filterN_<name>`
 * so they cannot clash), because the preview worker compiles rules from text.
 */
import { stringify } from 'yaml';
import { tokenize } from '../../sigma/condition';
import type { SigmaRule } from '../../sigma/model';
import { refersTo, type LibraryRule } from '../correlation/library';
import type { RuleText } from '../rule-input';

interface FilteredRule {
  input: RuleText;
  /** Titles of the filters applied, in order. */
  applied: string[];
}

/** The filter's `rules:`: 'any' for every rule of its logsource, else the references. */
function filterTargets(filter: SigmaRule): 'any' | string[] {
  const body = filter.body?.value;
  const rules = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>).rules : undefined;
  if (rules === undefined || rules === null) return 'any';
  if (typeof rules === 'string') return ['any', 'all'].includes(rules.toLowerCase()) ? 'any' : [rules];
  if (Array.isArray(rules)) return rules.length === 0 ? 'any' : rules.map(String);
  return [];
}

function logsourceContains(filter: SigmaRule, rule: SigmaRule): boolean {
  const f = filter.logsource;
  const r = rule.logsource;
  if (!f) return true;
  for (const key of ['product', 'category', 'service'] as const) {
    const want = f[key]?.value;
    if (want === undefined) continue;
    if (r?.[key]?.value.toLowerCase() !== want.toLowerCase()) return false;
  }
  return true;
}

export function filterApplies(filter: SigmaRule, rule: SigmaRule): boolean {
  if (filter.type !== 'filter' || rule.type !== 'detection') return false;
  if (!logsourceContains(filter, rule)) return false;
  const targets = filterTargets(filter);
  return targets === 'any' || targets.some((ref) => refersTo(ref, rule));
}

/** Renames the filter's identifiers in its condition (`them` becomes the renamed set). */
export function renameCondition(condition: string, prefix: string): string {
  const { tokens } = tokenize(condition);
  let out = '';
  let at = 0;
  for (const t of tokens) {
    if (t.kind !== 'ident' && t.kind !== 'them') continue;
    out += condition.slice(at, t.span.start) + (t.kind === 'them' ? `${prefix}*` : prefix + t.text);
    at = t.span.end;
  }
  return out + condition.slice(at);
}

export function applyFilters(target: LibraryRule, filters: readonly LibraryRule[]): FilteredRule {
  const plain: RuleText = { ruleText: target.text, rulePath: target.path, docIndex: target.rule.docIndex };
  const applicable = filters.filter((f) => filterApplies(f.rule, target.rule));
  if (applicable.length === 0) return { input: plain, applied: [] };
  const doc = target.rule.yaml.toJS({ maxAliasCount: 1000 }) as Record<string, unknown>;
  const detection = doc.detection as Record<string, unknown> | undefined;
  if (!detection || typeof detection !== 'object') return { input: plain, applied: [] };
  const applied: string[] = [];
  let conditions = (Array.isArray(detection.condition) ? detection.condition : [detection.condition]).map(String);
  applicable.forEach((f, i) => {
    const body = f.rule.body?.value as Record<string, unknown>;
    if (typeof body?.condition !== 'string') return;
    const prefix = `_filter${i}_`;
    for (const [name, value] of Object.entries(body)) if (name !== 'rules' && name !== 'condition') detection[prefix + name] = value;
    const filterCondition = renameCondition(body.condition, prefix);
    conditions = conditions.map((c) => `(${c}) and (${filterCondition})`);
    applied.push(f.rule.title?.value ?? f.rule.id?.value ?? 'filter');
  });
  detection.condition = conditions.length === 1 ? conditions[0] : conditions;
  return { input: { ruleText: stringify(doc), rulePath: target.path, docIndex: 0 }, applied };
}
