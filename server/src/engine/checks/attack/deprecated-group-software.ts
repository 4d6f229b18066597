import type { Fix } from '../../core/diagnostic';
import type { Check } from '../check';
import { replaceTag } from './common';
import { entityTags } from './entity-tags';

export const deprecatedGroupSoftware: Check = {
  id: 'attack/deprecated-group-software',
  defaultSeverity: 'warning',
  doc: 'A group or software tag whose ATT&CK object MITRE revoked (merged into another: the fix names and puts in its replacement, following revoked-by to the end) or deprecated (no replacement). Judged only when the catalog lists groups and software (catalogs rebuilt from official STIX bundles).',
  kinds: ['sigma'],
  run(ctx) {
    for (const { tag, catalog } of entityTags(ctx)) {
      const e = catalog.entity(tag.item.value.slice(7));
      if (!e || (!e.revoked && !e.deprecated)) continue;
      const final = catalog.resolveEntity(e.id);
      if (e.revoked && final && final !== e && !final.revoked && !final.deprecated) {
        const text = `attack.${final.id.toLowerCase()}`;
        const fixes: Fix[] = [{ title: `Replace with ${text} (${final.name})`, preferred: true, edits: [replaceTag(tag, text)] }];
        ctx.report({
          range: tag.item.range,
          message: `${e.id} ${e.name} is revoked in ATT&CK ${catalog.version}: MITRE merged it into ${final.id} ${final.name}.`,
          fixes,
        });
        continue;
      }
      ctx.report({
        range: tag.item.range,
        message: `${e.id} ${e.name} is ${e.revoked ? 'revoked' : 'deprecated'} in ATT&CK ${catalog.version} and has no replacement: remove the tag or name a current ${e.type === 'group' ? 'group' : 'software'}.`,
      });
    }
  },
};
