import type { Node, YAMLMap, YAMLSeq } from 'yaml';
import type { Check, CheckContext } from '../check';
import { isMap, isSeq, mapPairs, nodeRange, resolve, scalarText } from '../../document/yaml';
import type { SigmaRule } from '../../sigma/model';
import { nearest } from '../../util/nearest';

interface Ref {
  text: string;
  node: Node;
}

/** The scalar items of `rules:` (or its single scalar) in a correlation or filter body. */
function bodyEntry(rule: SigmaRule, key: string): Node | null {
  const root = rule.yaml.contents;
  if (!isMap(root)) return null;
  for (const pair of mapPairs(root as YAMLMap)) {
    if (scalarText(pair.key) !== rule.type) continue;
    const body = resolve(pair.value, rule.yaml);
    if (!body || !isMap(body)) return null;
    for (const p of mapPairs(body as YAMLMap)) if (scalarText(p.key) === key) return resolve(p.value, rule.yaml);
  }
  return null;
}

function references(rule: SigmaRule): Ref[] {
  const node = bodyEntry(rule, 'rules');
  if (!node) return [];
  const items = isSeq(node) ? (node as YAMLSeq).items.map((i) => resolve(i, rule.yaml)) : [node];
  return items.flatMap((n) => {
    const text = scalarText(n);
    return text !== null && n ? [{ text, node: n }] : [];
  });
}

/** Alias mappings name rules by name: `aliases: {alias: {rule: field}}`. */
function aliasRuleKeys(rule: SigmaRule): Ref[] {
  const node = bodyEntry(rule, 'aliases');
  if (!node || !isMap(node)) return [];
  return mapPairs(node as YAMLMap).flatMap((p) => {
    const m = resolve(p.value, rule.yaml);
    return m && isMap(m)
      ? mapPairs(m as YAMLMap).flatMap((q) => (scalarText(q.key) !== null ? [{ text: scalarText(q.key) as string, node: q.key as Node }] : []))
      : [];
  });
}

function check(ctx: CheckContext, rule: SigmaRule, known: Set<string>, selfContained: boolean): void {
  const refs = references(rule);
  const isFilter = rule.type === 'filter';
  for (const ref of refs) {
    if (isFilter && ['any', 'all'].includes(ref.text.toLowerCase())) continue;
    if (known.has(ref.text)) continue;
    // Without the other files of the run, a reference can only be judged in a file that holds the
    // rules it correlates (the specification's multi-document style); elsewhere it may be valid.
    if (!ctx.workspaceRules && !selfContained) continue;
    const guess = nearest(ref.text, [...known], 3);
    const where = ctx.workspaceRules ? 'this file or the other files checked' : 'this file';
    ctx.report({
      range: nodeRange(ref.node, ctx.file.index),
      severity: isFilter ? 'warning' : 'error',
      message: isFilter
        ? `The filter names '${ref.text}', which is not the id or name of any rule in ${where}: it filters nothing there.${guess ? ` Did you mean '${guess}'?` : ''}`
        : `The correlation refers to '${ref.text}', which is not the id or name of any rule in ${where}: it cannot be converted or evaluated.${guess ? ` Did you mean '${guess}'?` : ''}`,
      fixes: guess ? [{ title: `Change to '${guess}'`, preferred: true, edits: [{ range: nodeRange(ref.node, ctx.file.index), newText: guess }] }] : [],
    });
  }
  if (isFilter) return;
  const named = new Set(refs.map((r) => r.text));
  for (const key of aliasRuleKeys(rule)) {
    if (named.has(key.text)) continue;
    ctx.report({
      range: nodeRange(key.node, ctx.file.index),
      severity: 'warning',
      message: `The alias names rule '${key.text}', which this correlation does not refer to in \`rules\`: the alias never applies.`,
    });
  }
}

export const correlationUnknownRule: Check = {
  id: 'sigma/correlation-unknown-rule',
  defaultSeverity: 'error',
  doc: 'A correlation (or a filter) names, in `rules`, a rule id or name that no rule defines — in the same file, or in `tripline check` also in the other files checked in the same run. A correlation with such a reference cannot be converted or evaluated (error); a filter with one filters nothing (warning). Alias mappings that name a rule the correlation does not refer to are reported too (warning).',
  kinds: ['sigma'],
  run(ctx) {
    const meta = ctx.file.sigma.filter((r) => r.type === 'correlation' || r.type === 'filter');
    if (meta.length === 0) return;
    const local = new Set<string>();
    for (const r of ctx.file.sigma) {
      if (r.id) local.add(r.id.value);
      const name = r.entries.get('name')?.value;
      if (typeof name === 'string' || typeof name === 'number') local.add(String(name));
    }
    // Every reference the file makes is judged by name or id alike.
    const known = new Set([...local, ...(ctx.workspaceRules ?? [])]);
    const selfContained = ctx.file.sigma.some((r) => r.type === 'detection');
    for (const r of meta) check(ctx, r, known, selfContained);
  },
};
