import type { Check } from '../check';
import { entityTags } from './entity-tags';

export const unknownGroupSoftware: Check = {
  id: 'attack/unknown-group-software',
  defaultSeverity: 'warning',
  doc: "A group tag (`attack.g0016`) or software tag (`attack.s0154`) whose id is not in the ATT&CK catalog: a typo, or an id from a newer release. Judged only when the catalog lists groups and software (catalogs rebuilt from official STIX bundles, `npm run attack:update` or the `attack.bundles` setting); the project's reference extract has none, so with the shipped catalog these tags are left alone.",
  kinds: ['sigma'],
  run(ctx) {
    for (const { tag, kind, catalog } of entityTags(ctx)) {
      if (!catalog.hasEntities(kind) || catalog.entity(tag.item.value.slice(7))) continue;
      ctx.report({
        range: tag.item.range,
        message: `${tag.item.value.slice(7).toUpperCase()} is not a ${kind === 'group' ? 'group' : 'software'} id in ATT&CK ${catalog.version}: check the id (groups are G, software S).`,
      });
    }
  },
};
