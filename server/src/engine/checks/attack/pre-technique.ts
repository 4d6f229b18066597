import type { Fix } from '../../core/diagnostic';
import { INFRASTRUCTURE_TECHNIQUES } from '../../attack/family';
import { operationalTechniques } from '../../attack/operational';
import type { Technique } from '../../attack/catalog';
import type { Check } from '../check';
import { addMissingTactic, eachRule, label, mergeInserts } from './common';

export const preTechnique: Check = {
  id: 'attack/pre-technique',
  defaultSeverity: 'warning',
  doc: "A PRE technique (T1583.006 or T1584.006 Web Services, or any technique whose only platform is PRE) is the only technique of a rule that reads the victim's telemetry. Acquiring or compromising accounts happens outside the victim's view; what the rule sees is their later use. The fix adds the operational technique chosen from the rule's logic and the web-service catalog: messaging and bot APIs → T1102.002, paste and code-hosting raw content → T1102.001 or T1105, cloud-storage uploads → T1567.002, webhooks → T1567.004, phishing links → T1566.002. A warning when the rule names services that point to one technique; information otherwise, and for PRE techniques other than web-service infrastructure (reconnaissance, obtaining capabilities), where Tripline explains but suggests nothing.",
  kinds: ['sigma', 'sentinel'],
  run(ctx) {
    eachRule(ctx, (rule, { catalog }) => {
      if (!rule.readsTelemetry || rule.techniques.length === 0) return;
      const resolved = rule.techniques.map((tag) => ({ tag, t: catalog.resolve(tag.parsed.techniqueId!).final }));
      if (resolved.some(({ t }) => !t || !catalog.isPreOnly(t))) return;
      const webService = resolved.some(({ t }) => INFRASTRUCTURE_TECHNIQUES.includes(t!.id));
      const suggestion = operationalTechniques(rule.logic);
      const specific = suggestion.evidence !== undefined;
      // Web-service infrastructure maps to the use of a web service. Other PRE techniques
      // (reconnaissance, obtaining capabilities) have no such counterpart: explain, suggest nothing.
      const ids = webService ? suggestion.techniques : [];
      const known = ids.map((id) => catalog.technique(id)).filter((t): t is Technique => t !== undefined && catalog.isActive(t));
      const fixes: Fix[] = [];
      for (const [i, t] of known.entries()) {
        const add = rule.addTechnique(t.id);
        if (!add) continue;
        fixes.push({
          title: `Add ${rule.techniqueText(t.id)} (${catalog.displayName(t)})`,
          preferred: i === 0,
          edits: mergeInserts([add, ...addMissingTactic(catalog, rule, t)]),
        });
      }
      const best = known[0];
      for (const { tag, t } of resolved) {
        const why = INFRASTRUCTURE_TECHNIQUES.includes(t!.id)
          ? "the adversary registers or takes over the service outside the victim's view, so no victim log records it"
          : "it happens before the attack, outside the victim's view, so no victim log records it";
        const sees = best
          ? `sees the later use${specific ? ` (${suggestion.evidence})` : ' of the service'}: map it to ${label(catalog, best)}${
              known.length > 1
                ? ` (or ${known
                    .slice(1)
                    .map((k) => k.id)
                    .join(', ')})`
                : ''
            } as well.`
          : 'sees a later stage: map it to the technique of what it observes as well.';
        ctx.report({
          range: tag.item.range,
          severity: specific && webService ? 'warning' : 'information',
          message: `${label(catalog, t!)} is a PRE technique: ${why}. This rule reads victim telemetry and ${sees}`,
          fixes,
        });
      }
    });
  },
};
