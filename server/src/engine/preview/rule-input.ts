/** A rule given as text (what the worker receives), parsed with the same loader as `tripline check`. */
import { loadSource } from '../document/source';
import type { SigmaRule } from '../sigma/model';
import { RuleCompileError } from './compile/rule';

export interface RuleText {
  ruleText: string;
  rulePath: string;
  /** YAML document of the file holding the rule; default: the first detection rule. */
  docIndex?: number;
}

export function ruleFromText(input: RuleText): SigmaRule {
  const file = loadSource(input.rulePath, input.ruleText);
  if (file.unreadable) throw new RuleCompileError(file.unreadable.reason);
  const rules = file.sigma;
  if (rules.length === 0) throw new RuleCompileError(`${input.rulePath} is not a Sigma rule`);
  const wanted = input.docIndex === undefined ? (rules.find((r) => r.type === 'detection') ?? rules[0]) : rules.find((r) => r.docIndex === input.docIndex);
  if (!wanted) throw new RuleCompileError(`${input.rulePath} has no Sigma rule in YAML document ${input.docIndex}`);
  return wanted;
}
