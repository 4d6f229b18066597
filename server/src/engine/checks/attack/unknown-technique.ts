import type { Fix } from '../../core/diagnostic';
import { DOMAIN_LABEL, type AttackCatalog, type Technique } from '../../attack/catalog';
import { webServiceFamily } from '../../attack/family';
import { operationalTechniques } from '../../attack/operational';
import { editDistance } from '../../util/nearest';
import type { Check } from '../check';
import { eachRule, label, replaceTag } from './common';

/**
 * Near ids: what the rule's own logic observes first (`fitting`: the operational techniques its
 * services point to, e.g. T1102.002 for a Telegram bot rule), when close to what was typed; then
 * true typos (one edit away: T1102.02x, transposed digits); then, for an unknown sub-technique of
 * a known parent, the web-service family members among its siblings and the parent.
 */
function nearTechniques(catalog: AttackCatalog, id: string, limit = 3, fitting: readonly string[] = []): Technique[] {
  const out: Technique[] = [];
  const push = (t: Technique | undefined): void => {
    if (t && catalog.isActive(t) && !out.includes(t) && out.length < limit) out.push(t);
  };
  const parentId = id.slice(0, 5);
  fitting.filter((f) => f.startsWith(parentId) || editDistance(id, f, 1) <= 1).forEach((f) => push(catalog.technique(f)));
  const typos = [...catalog.allTechniques()].filter((t) => catalog.isActive(t) && editDistance(id, t.id, 1) <= 1).sort((a, b) => a.id.localeCompare(b.id));
  typos.forEach(push);
  const parent = id.includes('.') ? catalog.technique(id.slice(0, 5)) : undefined;
  if (parent) {
    const family = webServiceFamily(catalog);
    parent.subtechniques.filter((s) => family.includes(s)).forEach((s) => push(catalog.technique(s)));
    push(parent);
  }
  return out;
}

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
const nameIndex = new WeakMap<AttackCatalog, Map<string, Technique[]>>();

/** Techniques whose name (own, or "parent: own") reads like a tag name: `attack.web-service` → T1102, T1481. */
export function techniquesNamed(catalog: AttackCatalog, text: string): Technique[] {
  let index = nameIndex.get(catalog);
  if (!index) {
    index = new Map();
    for (const t of catalog.allTechniques()) {
      if (!catalog.isActive(t)) continue;
      for (const key of new Set([slug(t.name), slug(catalog.displayName(t))])) index.set(key, [...(index.get(key) ?? []), t]);
    }
    nameIndex.set(catalog, index);
  }
  const want = slug(text);
  if (want.length < 4) return [];
  const exact = index.get(want);
  if (exact) return exact;
  let best: Technique[] = [];
  let bestD = 3;
  for (const [key, ts] of index) {
    const d = editDistance(want, key, bestD - 1);
    if (d < bestD) {
      bestD = d;
      best = ts;
    }
  }
  return best;
}

export const unknownTechnique: Check = {
  id: 'attack/unknown-technique',
  defaultSeverity: 'error',
  doc: "A technique tag (`attack.t1583.099`) or Sentinel `relevantTechniques` id that is not in the ATT&CK catalog, or a technique written by name (`attack.web-service`). Fixes offer the nearest ids. An id just beyond the catalog's numbering is most likely from a newer ATT&CK release: that is a warning asking to update the catalog (`npm run attack:update`, or the `attack.bundles` setting), not an error.",
  kinds: ['sigma', 'sentinel'],
  run(ctx) {
    eachRule(ctx, (rule, { catalog }) => {
      for (const tag of rule.techniques) {
        const id = tag.parsed.techniqueId!;
        if (catalog.technique(id)) continue;
        if (catalog.likelyNewer(id)) {
          ctx.report({
            range: tag.item.range,
            severity: 'warning',
            message: `${id} is not in the ATT&CK ${catalog.version} catalog (highest technique ${catalog.highestTechnique}); it is likely from a newer ATT&CK release: update the catalog (npm run attack:update, or point the attack.bundles setting at the official bundle).`,
          });
          continue;
        }
        const suggestion = operationalTechniques(rule.logic);
        const fitting = suggestion.evidence ? suggestion.techniques : [];
        const near = nearTechniques(catalog, id, 3, fitting);
        const fixes: Fix[] = near.map((t, i) => ({
          title: `Change to ${rule.techniqueText(t.id)} (${catalog.displayName(t)})`,
          preferred: i === 0 && (near.length === 1 || fitting.includes(t.id)),
          edits: [replaceTag(tag, rule.techniqueText(t.id))],
        }));
        const parent = id.includes('.') ? catalog.technique(id.slice(0, 5)) : undefined;
        const subs =
          parent && parent.subtechniques.length > 0
            ? ` ${parent.id} has sub-techniques ${parent.subtechniques[0].slice(5)}–${parent.subtechniques[parent.subtechniques.length - 1].slice(5)}.`
            : '';
        const fits = near.length > 0 && fitting.includes(near[0].id) ? ` ${near[0].id} fits what the rule watches (${suggestion.evidence}).` : '';
        const hint = (near.length > 0 ? ` Did you mean ${near.map((t) => label(catalog, t)).join(', or ')}?` : '') + fits + subs;
        ctx.report({ range: tag.item.range, message: `${id} is not an ATT&CK technique (catalog ${catalog.version}).${hint}`, fixes });
      }
      // `attack.web-service`: a technique written by name. ATT&CK tags name techniques by id.
      for (const tag of rule.tags) {
        if (tag.parsed.kind !== 'attack-other' || tag.list !== 'tags') continue;
        const named = techniquesNamed(catalog, tag.item.value.slice(tag.item.value.indexOf('.') + 1)).slice(0, 4);
        if (named.length === 0) continue;
        ctx.report({
          range: tag.item.range,
          message: `'${tag.item.value}' is not an ATT&CK tag: techniques are tagged by id. Did you mean ${named.map((t) => `${label(catalog, t)} (${DOMAIN_LABEL[t.domain]})`).join(', or ')}?`,
          fixes: named.map((t, i) => ({
            title: `Change to ${rule.techniqueText(t.id)} (${catalog.displayName(t)})`,
            preferred: i === 0 && named.length === 1,
            edits: [replaceTag(tag, rule.techniqueText(t.id))],
          })),
        });
      }
    });
  },
};
