import type { Fix } from '../../core/diagnostic';
import { DOMAIN_LABEL } from '../../attack/catalog';
import type { RuleMapping } from '../../attack/mapping';
import type { Check } from '../check';
import { eachRule, label, swapFix } from './common';

function describeSource(rule: RuleMapping): string {
  const parts = [rule.logic.product && `product: ${rule.logic.product}`, rule.logic.category && `category: ${rule.logic.category}`].filter(Boolean);
  return parts.join(', ') || 'its logsource';
}

export const platformMismatch: Check = {
  id: 'attack/platform-mismatch',
  defaultSeverity: 'warning',
  doc: 'A Mobile technique (T1481 Web Service...) on a rule that reads desktop or server events (`product: windows`, `linux`, `macos`, or host categories such as `process_creation` with no product), or an Enterprise-only technique on an Android/iOS rule. Network sources (proxy, dns, firewall, zeek, webserver) see every device and are not a mismatch. The fix swaps to the namesake in the other domain (T1481 ↔ T1102, with the same sub-technique).',
  kinds: ['sigma', 'sentinel'],
  run(ctx) {
    eachRule(ctx, (rule, { catalog }) => {
      if (rule.platform !== 'desktop' && rule.platform !== 'mobile') return;
      for (const tag of rule.techniques) {
        const t = catalog.technique(tag.parsed.techniqueId!);
        if (!t || !catalog.isActive(t)) continue;
        const mobileTech = t.domain === 'mobile-attack';
        if (rule.platform === 'desktop' && !mobileTech) continue;
        if (rule.platform === 'mobile' && (mobileTech || catalog.isPreOnly(t) || t.domain !== 'enterprise-attack')) continue;
        const twin = catalog.namesake(t);
        const fixes: Fix[] = twin
          ? [swapFix(catalog, rule, tag, twin, `Change to ${rule.techniqueText(twin.id)} (${DOMAIN_LABEL[twin.domain]} ${catalog.displayName(twin)})`)]
          : [];
        const what = mobileTech
          ? `${label(catalog, t)} is a Mobile technique (${t.platforms.join(', ')}), but this rule reads desktop/server events (${describeSource(rule)})`
          : `${label(catalog, t)} is an Enterprise technique (${t.platforms.join(', ')}), but this rule reads mobile events (${describeSource(rule)})`;
        const hint = twin ? `; its ${DOMAIN_LABEL[twin.domain]} namesake is ${label(catalog, twin)}.` : '.';
        ctx.report({ range: tag.item.range, message: what + hint, fixes });
      }
    });
  },
};
