import type { ConditionNode } from '../../sigma/condition';
import type { Check } from '../check';

/** Every `N of them` / `all of them` node of a condition. */
function themNodes(node: ConditionNode | null, out: Extract<ConditionNode, { type: 'of' }>[] = []): Extract<ConditionNode, { type: 'of' }>[] {
  if (!node) return out;
  if (node.type === 'of' && node.target.kind === 'them') out.push(node);
  else if (node.type === 'and' || node.type === 'or') {
    themNodes(node.left, out);
    themNodes(node.right, out);
  } else if (node.type === 'not') themNodes(node.operand, out);
  return out;
}

export const redundantThem: Check = {
  id: 'sigma/redundant-them',
  defaultSeverity: 'information',
  doc: "`all of them` or `1 of them` when the detection has a single search identifier: it is that identifier, and naming it keeps the condition right when a filter is added later (`them` would silently include the filter). The fix replaces it with the identifier's name.",
  kinds: ['sigma'],
  messages: { singleIdentifier: "'all of them' or '1 of them' (data.them) over the single search identifier (data.name)." },
  run(ctx) {
    for (const rule of ctx.file.sigma) {
      const det = rule.detection;
      if (!det || det.searches.length !== 1) continue;
      const name = det.searches[0].name;
      for (const cond of det.conditions) {
        for (const node of themNodes(cond.ast)) {
          if (node.quantifier !== 'all' && node.quantifier !== 1) continue;
          const range = ctx.file.index.range(cond.map(node.span.start), cond.map(node.span.end));
          const text = cond.text.slice(node.span.start, node.span.end);
          ctx.report({
            range,
            message: `'${text}' with a single search identifier is just '${name}'.`,
            fixes: [{ title: `Change to '${name}'`, preferred: true, safe: true, edits: [{ range, newText: name }] }],
            messageId: 'singleIdentifier',
            data: { them: text, name },
          });
        }
      }
    }
  },
};
