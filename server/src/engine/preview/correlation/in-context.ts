/**
 * Preview of any Sigma rule in the context of other rule files: a detection rule with the Sigma
 * filters that apply to it, a correlation rule over the rules it names. The CLI and the editor
 * both call this; they differ only in the runner (the preview worker) and the context they pass.
 */
import { loadSource } from '../../document/source';
import type { SigmaRule } from '../../sigma/model';
import { RuleCompileError } from '../compile/rule';
import { applyFilters } from '../filters/apply';
import type { RuleText } from '../rule-input';
import type { PreviewResult, SampleSource } from '../types';
import { previewCorrelation, type CorrelationOptions } from './index';
import { refersTo, RuleLibrary, type RuleFileText } from './library';

interface InContextOptions extends CorrelationOptions {
  /** Other rule files: where correlations find the rules they name, and where filters come from. */
  context?: readonly RuleFileText[];
}

/**
 * The rule a preview of this file means: the document asked for, else the outermost correlation
 * rule (one no other correlation of the file refers to: the specification's multi-document
 * correlations), else the first detection rule.
 */
export function pickRule(rules: readonly SigmaRule[], docIndex?: number): SigmaRule | undefined {
  if (docIndex !== undefined && docIndex >= 0) return rules.find((r) => r.docIndex === docIndex);
  const correlations = rules.filter((r) => r.type === 'correlation');
  const referenced = (r: SigmaRule): boolean => correlations.some((c) => c !== r && referencesOf(c).some((ref) => refersTo(ref, r)));
  return correlations.find((c) => !referenced(c)) ?? rules.find((r) => r.type === 'detection') ?? rules[0];
}

function referencesOf(rule: SigmaRule): string[] {
  const body = rule.body?.value;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [];
  const rules = (body as Record<string, unknown>).rules;
  return typeof rules === 'string' ? [rules] : Array.isArray(rules) ? rules.map(String) : [];
}

/** Whether the file holds a correlation or filter rule, so callers know the context matters. */
export function hasMetaRules(text: string): boolean {
  return /^(correlation|filter)\s*:/m.test(text);
}

export async function previewInContext(input: RuleText, samples: SampleSource[], options: InContextOptions): Promise<PreviewResult> {
  const file = loadSource(input.rulePath, input.ruleText);
  if (file.unreadable) throw new RuleCompileError(file.unreadable.reason);
  const target = pickRule(file.sigma, input.docIndex);
  if (!target)
    throw new RuleCompileError(
      file.sigma.length === 0 ? `${input.rulePath} is not a Sigma rule` : `${input.rulePath} has no Sigma rule in YAML document ${input.docIndex}`,
    );
  const library = RuleLibrary.fromFiles([{ path: input.rulePath, text: input.ruleText }, ...(options.context ?? [])]);
  const self = library.rules.find((r) => r.path === input.rulePath && r.rule.docIndex === target.docIndex);
  if (!self) throw new RuleCompileError(`${input.rulePath}: rule not found`);
  if (target.type === 'correlation') return previewCorrelation(self, library, samples, options);
  if (target.type === 'filter') throw new RuleCompileError('this is a Sigma filter: it is applied when you preview the rules it names');
  const filtered = applyFilters(self, library.filters());
  const { run, ...rest } = options;
  const result = await run(filtered.input, samples, rest);
  return filtered.applied.length > 0 ? { ...result, filters: filtered.applied } : result;
}
