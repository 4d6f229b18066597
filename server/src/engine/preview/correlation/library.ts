/**
 * The rules a preview can refer to: the rule's own file first, then the other rule files the
 * caller passes (the CLI's inputs and `--rules`, the editor's workspace). Correlation rules find
 * the rules they name here (by `id` or `name`), and Sigma filters are taken from here.
 */
import { loadSource } from '../../document/source';
import type { SigmaRule } from '../../sigma/model';

export interface LibraryRule {
  rule: SigmaRule;
  /** The file the rule is in, and its whole text (a RuleText for the worker is path + text + docIndex). */
  path: string;
  text: string;
}

export interface RuleFileText {
  path: string;
  text: string;
}

/** The `name` of a rule (correlations may refer to it), if it has one. */
export function ruleName(rule: SigmaRule): string | undefined {
  const v = rule.entries.get('name')?.value;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

export function ruleLabel(rule: SigmaRule): string {
  return rule.title?.value ?? ruleName(rule) ?? rule.id?.value ?? '(untitled rule)';
}

/** Whether `ref` (an id or a name from `rules:`) names this rule. */
export function refersTo(ref: string, rule: SigmaRule): boolean {
  return ref === rule.id?.value || ref === ruleName(rule);
}

export class RuleLibrary {
  constructor(readonly rules: readonly LibraryRule[]) {}

  static fromFiles(files: readonly RuleFileText[]): RuleLibrary {
    const rules: LibraryRule[] = [];
    const seen = new Set<string>();
    for (const f of files) {
      if (seen.has(f.path)) continue;
      seen.add(f.path);
      const file = loadSource(f.path, f.text);
      for (const rule of file.sigma) rules.push({ rule, path: f.path, text: f.text });
    }
    return new RuleLibrary(rules);
  }

  /** The rule `ref` names, preferring one in `fromPath` (the referring rule's own file). */
  find(ref: string, fromPath?: string): LibraryRule | undefined {
    const hits = this.rules.filter((r) => refersTo(ref, r.rule));
    return hits.find((r) => r.path === fromPath) ?? hits[0];
  }

  filters(): LibraryRule[] {
    return this.rules.filter((r) => r.rule.type === 'filter');
  }
}
