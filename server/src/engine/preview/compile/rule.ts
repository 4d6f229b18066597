/**
 * A Sigma detection rule compiled once into closures: search identifiers (map = AND of items,
 * list of maps = OR of ANDs, keyword lists = OR), the condition (and/or/not/parentheses,
 * `N of pattern`, `all of them`; a list of conditions is OR), and the logsource filter. Evaluation
 * is three-valued so the same closures decide both raw-line pre-filtering and real matches.
 */
import type { ConditionNode } from '../../sigma/condition';
import { patternToRegExp } from '../../sigma/condition';
import type { FieldItem, SearchIdentifier, SigmaRule } from '../../sigma/model';
import { compileLogsource, type LogsourceFilter, type Tri } from '../logsource';
import type { FieldAccess } from './access';
import { compileItem, type CompiledItem, type RegexInfo } from './item';

interface CompiledSearch {
  name: string;
  /** OR over groups, AND within a group. Keyword searches are one group of one item. */
  groups: CompiledItem[][];
  test(access: FieldAccess): Tri;
}

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
  if (rule.type !== 'detection') throw new RuleCompileError(`this is a ${rule.type} rule; preview evaluates detection rules only`);
  const det = rule.detection;
  if (!det) throw new RuleCompileError('the rule has no detection section');
  const conditions = det.conditions.filter((c) => c.ast);
  const broken = det.conditions.find((c) => c.error);
  if (broken?.error) throw new RuleCompileError(`the condition does not parse: ${broken.error.message}`);
  if (conditions.length === 0) throw new RuleCompileError('the detection has no condition');

  const warnings: string[] = [];
  const regexes: RegexInfo[] = [];
  const placeholders = options.placeholders ?? {};
  const disabledRegexes = options.disabledRegexes ?? new Set<number>();
  const searches: CompiledSearch[] = det.searches.map((s) => compileSearch(s, { placeholders, warnings, regexes, disabledRegexes }));
  const index = new Map(searches.map((s, i) => [s.name, i]));

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

  const positive = new Set<string>();
  type Node = (access: FieldAccess, memo: Int8Array) => Tri;
  const searchNode = (i: number): Node => {
    const s = searches[i];
    return (access, memo) => {
      const m = memo[i];
      if (m >= 0) return m as Tri;
      const r = s.test(access);
      memo[i] = r;
      return r;
    };
  };
  const build = (n: ConditionNode, negated: boolean): Node => {
    switch (n.type) {
      case 'and': {
        const l = build(n.left, negated);
        const r = build(n.right, negated);
        return (a, m) => {
          const x = l(a, m);
          if (x === 0) return 0;
          const y = r(a, m);
          if (y === 0) return 0;
          return x === 1 && y === 1 ? 1 : 2;
        };
      }
      case 'or': {
        const l = build(n.left, negated);
        const r = build(n.right, negated);
        return (a, m) => {
          const x = l(a, m);
          if (x === 1) return 1;
          const y = r(a, m);
          if (y === 1) return 1;
          return x === 0 && y === 0 ? 0 : 2;
        };
      }
      case 'not': {
        const o = build(n.operand, !negated);
        return (a, m) => {
          const r = o(a, m);
          return r === 2 ? 2 : r === 1 ? 0 : 1;
        };
      }
      case 'id': {
        const i = index.get(n.name);
        if (i === undefined) {
          warnings.push(`the condition names '${n.name}', which is not a search identifier: it never matches`);
          return () => 0;
        }
        if (!negated) positive.add(n.name);
        return searchNode(i);
      }
      case 'of': {
        const re = n.target.kind === 'them' ? null : patternToRegExp(n.target.pattern);
        // `them` excludes identifiers starting with `_` (the spec, "1/all of them").
        const members = searches
          .map((s, i) => ({ s, i }))
          .filter(({ s }) => (re ? re.test(s.name) : !s.name.startsWith('_')))
          .map(({ s, i }) => {
            if (!negated) positive.add(s.name);
            return searchNode(i);
          });
        if (members.length === 0) {
          const what = n.target.kind === 'them' ? 'them' : n.target.pattern;
          warnings.push(`'${n.quantifier} of ${what}' matches no search identifier: it is false`);
          return () => 0;
        }
        if (n.quantifier === 'all') {
          return (a, m) => {
            let r: Tri = 1;
            for (const x of members) {
              const v = x(a, m);
              if (v === 0) return 0;
              if (v === 2) r = 2;
            }
            return r;
          };
        }
        const need = n.quantifier;
        return (a, m) => {
          let yes = 0;
          let unknown = 0;
          for (const x of members) {
            const v = x(a, m);
            if (v === 1 && ++yes >= need) return 1;
            if (v === 2) unknown++;
          }
          return yes + unknown >= need ? 2 : 0;
        };
      }
    }
  };
  const roots = conditions.map((c) => build(c.ast as ConditionNode, false));
  const evaluate = (access: FieldAccess, memo: Int8Array): Tri => {
    let r: Tri = 0;
    for (let i = 0; i < roots.length; i++) {
      const x = roots[i](access, memo);
      if (x === 1) return 1;
      if (x === 2) r = 2;
    }
    return r;
  };

  return {
    title: rule.title?.value ?? rule.id?.value ?? '(untitled rule)',
    searches,
    logsource: compileLogsource(rule.logsource),
    category: rule.logsource?.category?.value.toLowerCase() ?? null,
    fields: [...fields],
    usesKeywords,
    regexes,
    warnings,
    evaluate,
    positive,
  };
}

function compileSearch(s: SearchIdentifier, base: { placeholders: Record<string, string[]>; warnings: string[]; regexes: RegexInfo[]; disabledRegexes: Set<number> }): CompiledSearch {
  const ctx = { ...base, selection: s.name };
  let groups: CompiledItem[][];
  if (s.shape === 'keywords') {
    const item: FieldItem = {
      key: '',
      keyRange: s.nameRange,
      field: '',
      fieldRange: s.nameRange,
      modifiers: [],
      values: s.keywords,
      valueIsList: true,
      valueRange: s.range,
    };
    groups = [[compileItem(item, ctx, true)]];
  } else if (s.shape === 'invalid') {
    base.warnings.push(`search identifier '${s.name}' is neither a map, a list of maps nor a list of values: it never matches`);
    groups = [];
  } else {
    groups = s.groups.map((g) => g.items.map((it) => compileItem(it, ctx, it.field === '')));
  }
  // Items of a map are ANDed, so their order is free: every few thousand evaluations the items
  // that most often decide "no" move to the front (on sample data `Initiated: 'true'` rarely does,
  // the domain list almost always does).
  const order = groups.map((g) => ({ items: [...g], zeros: g.map(() => 0), runs: 0 }));
  const test = (access: FieldAccess): Tri => {
    let r: Tri = 0;
    for (let gi = 0; gi < order.length; gi++) {
      const o = order[gi];
      const items = o.items;
      let gr: Tri = 1;
      for (let i = 0; i < items.length; i++) {
        const v = items[i].test(access);
        if (v === 0) {
          gr = 0;
          o.zeros[i]++;
          break;
        }
        if (v === 2) gr = 2;
      }
      if (++o.runs === 4096 && items.length > 1) reorder(o);
      if (gr === 1) return 1;
      if (gr === 2) r = 2;
    }
    return r;
  };
  return { name: s.name, groups, test };
}

function reorder(o: { items: CompiledItem[]; zeros: number[]; runs: number }): void {
  const idx = o.items.map((_, i) => i).sort((a, b) => o.zeros[b] - o.zeros[a]);
  o.items = idx.map((i) => o.items[i]);
  o.zeros = o.items.map(() => 0);
  o.runs = 0;
}
