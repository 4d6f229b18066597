import type { Fix } from '../../core/diagnostic';
import type { Check } from '../check';
import { eachRule, label, ruleTacticIds, tacticList } from './common';

export const tacticMismatch: Check = {
  id: 'attack/tactic-mismatch',
  defaultSeverity: 'warning',
  doc: "None of a technique's tactics is among the rule's tactic tags (Sigma `attack.command-and-control`, Sentinel `tactics: CommandAndControl`). Tactics are compared by TA id within the technique's own domain: command-and-control is TA0011 in Enterprise and TA0037 in Mobile, and the renamed Enterprise `defense-evasion` still counts as TA0005 (Stealth). The fix adds the technique's tactic.",
  kinds: ['sigma', 'sentinel'],
  run(ctx) {
    eachRule(ctx, (rule, { catalog }) => {
      for (const tag of rule.techniques) {
        const t = catalog.technique(tag.parsed.techniqueId!);
        if (!t || !catalog.isActive(t) || t.tactics.length === 0) continue;
        const have = ruleTacticIds(catalog, rule, t);
        if (catalog.techniqueTacticIds(t).some((id) => have.has(id))) continue;
        const fixes: Fix[] = [];
        t.tactics.forEach((s, i) => {
          const edit = rule.addTactic(s);
          if (edit) fixes.push({ title: `Add tactic ${rule.tacticText(s)}`, preferred: i === 0, edits: [edit] });
        });
        const tagged = rule.tactics.map((x) => x.item.value);
        const tail = tagged.length > 0 ? `the rule's tactics are ${tagged.join(', ')}` : 'the rule names no tactic';
        ctx.report({ range: tag.item.range, message: `${label(catalog, t)} belongs to ${tacticList(catalog, t)}; ${tail}.`, fixes });
      }
    });
  },
};
