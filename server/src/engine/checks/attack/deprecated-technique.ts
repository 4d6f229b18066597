import type { Fix } from '../../core/diagnostic';
import type { Check } from '../check';
import { eachRule, label, removeTag, swapFix } from './common';

export const deprecatedTechnique: Check = {
  id: 'attack/deprecated-technique',
  defaultSeverity: 'warning',
  doc: 'A technique MITRE revoked or deprecated. Revoked techniques name a replacement (revoked-by, followed to the end of the chain: T1086 → T1059.001, T1562.001 → T1685 in v19); the fix puts it in place and adds its tactic when the rule lacks it. Deprecated techniques have no replacement; the fix removes the tag.',
  kinds: ['sigma', 'sentinel'],
  run(ctx) {
    eachRule(ctx, (rule, { catalog }) => {
      for (const tag of rule.techniques) {
        const t = catalog.technique(tag.parsed.techniqueId!);
        if (!t || catalog.isActive(t)) continue;
        const { final, chain } = catalog.resolve(t.id);
        const already = final && rule.techniques.some((x) => x !== tag && x.parsed.techniqueId === final.id);
        const fixes: Fix[] = [];
        if (final && catalog.isActive(final)) {
          const via =
            chain.length > 1
              ? ` (via ${chain
                  .slice(0, -1)
                  .map((c) => c.id)
                  .join(' → ')})`
              : '';
          const remove = removeTag(ctx.file.index, rule, tag);
          if (already && remove) fixes.push({ title: `Remove ${tag.item.value} (the rule already has ${final.id})`, preferred: true, edits: [remove] });
          else fixes.push(swapFix(catalog, rule, tag, final, `Replace with ${rule.techniqueText(final.id)} (${catalog.displayName(final)})`));
          ctx.report({
            range: tag.item.range,
            message: `${label(catalog, t)} is revoked in ATT&CK ${catalog.version}: MITRE replaced it with ${label(catalog, final)}${via}.`,
            fixes,
          });
          continue;
        }
        const remove = removeTag(ctx.file.index, rule, tag);
        if (remove) fixes.push({ title: `Remove ${tag.item.value}`, edits: [remove] });
        ctx.report({
          range: tag.item.range,
          message: `${label(catalog, t)} is ${t.revoked ? 'revoked' : 'deprecated'} in ATT&CK ${catalog.version} and has no replacement: map the rule to a current technique.`,
          fixes,
        });
      }
    });
  },
};
