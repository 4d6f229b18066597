/**
 * A Sigma detection rule compiled once into closures: search identifiers (map = AND of items,
 * list of maps = OR of ANDs, keyword lists = OR), the condition (and/or/not/parentheses,
 * `N of pattern`, `all of them`; a list of conditions is OR), and the logsource filter. Evaluation
 * is three-valued so the same closures decide both raw-line pre-filtering and real matches.
 */
import type { SigmaRule } from '../../sigma/model';
import { compileLogsource, type LogsourceFilter, type Tri } from '../logsource';
import type { FieldAccess } from './access';
import { compileCondition, type ConditionFn } from './condition';
import type { RegexInfo } from './item';
import { compileSearch, type CompiledSearch } from './search';

export interface CompiledRule {
  title: string;
  searches: CompiledSearch[];
  logsource: LogsourceFilter;
  /** The rule's `logsource.category`, lower case: events whose shape holds another category are not its events. */
  category: string | null;
  /** Every field the rule reads (items, field references), without keywords. */
  fields: string[];
  usesKeywords: boolean;
  regexes: RegexInfo[];
  warnings: string[];
  /** Evaluates the condition; `memo` caches each search's result for one event. */
  evaluate(access: FieldAccess, memo: Int8Array): Tri;
  /** Search identifiers reached positively (not under `not`), in rule order. */
  positive: Set<string>;
}

export interface CompileOptions {
  placeholders?: Record<string, string[]>;
  /** `|re` values (by RegexInfo.id) to treat as never matching: they blew the time budget before. */
  disabledRegexes?: Set<number>;
}

export class RuleCompileError extends Error {}

export function compileRule(rule: SigmaRule, options: CompileOptions = {}): CompiledRule {
  const det = detectionOf(rule);
  const warnings: string[] = [];
  const regexes: RegexInfo[] = [];
  const placeholders = options.placeholders ?? {};
  const disabledRegexes = options.disabledRegexes ?? new Set<number>();
  const searches: CompiledSearch[] = det.searches.map((s) => compileSearch(s, { placeholders, warnings, regexes, disabledRegexes }));
  const index = new Map(searches.map((s, i) => [s.name, i]));
  const positive = new Set<string>();
  const condition = { searches, index, warnings, positive };
  const roots = det.conditions.flatMap((c) => (c.ast ? [compileCondition(c.ast, condition)] : []));
  const { fields, usesKeywords } = fieldsRead(searches);
  return {
    title: rule.title?.value ?? rule.id?.value ?? '(untitled rule)',
    searches,
    logsource: compileLogsource(rule.logsource),
    category: rule.logsource?.category?.value.toLowerCase() ?? null,
    fields,
    usesKeywords,
    regexes,
    warnings,
    evaluate: anyOf(roots),
    positive,
  };
}

/** The detection section, or why the rule cannot be evaluated. */
function detectionOf(rule: SigmaRule): NonNullable<SigmaRule['detection']> {
  if (rule.type !== 'detection') throw new RuleCompileError(`this is a ${rule.type} rule; preview evaluates detection rules only`);
  const det = rule.detection;
  if (!det) throw new RuleCompileError('the rule has no detection section');
  const broken = det.conditions.find((c) => c.error);
  if (broken?.error) throw new RuleCompileError(`the condition does not parse: ${broken.error.message}`);
  if (!det.conditions.some((c) => c.ast)) throw new RuleCompileError('the detection has no condition');
  return det;
}

function fieldsRead(searches: CompiledSearch[]): { fields: string[]; usesKeywords: boolean } {
  const fields = new Set<string>();
  let usesKeywords = false;
  for (const s of searches) {
    for (const g of s.groups) {
      for (const it of g) {
        if (it.field) fields.add(it.field);
        else usesKeywords = true;
        for (const r of it.refs) fields.add(r);
      }
    }
  }
  return { fields: [...fields], usesKeywords };
}

/** A list of conditions is their OR. */
function anyOf(roots: ConditionFn[]): CompiledRule['evaluate'] {
  return (access, memo) => {
    let r: Tri = 0;
    for (let i = 0; i < roots.length; i++) {
      const x = roots[i](access, memo);
      if (x === 1) return 1;
      if (x === 2) r = 2;
    }
    return r;
  };
}
