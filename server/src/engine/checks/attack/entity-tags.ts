import type { AttackCatalog } from '../../attack/catalog';
import type { MappedTag } from '../../attack/mapping';
import type { CheckContext } from '../check';
import { eachRule } from './common';

interface EntityTag {
  tag: MappedTag;
  kind: 'group' | 'software';
  catalog: AttackCatalog;
}

/** The group (`attack.gNNNN`) and software (`attack.sNNNN`) tags of the file's Sigma rules. */
export function entityTags(ctx: CheckContext): EntityTag[] {
  const out: EntityTag[] = [];
  eachRule(ctx, (rule, { catalog }) => {
    if (rule.format !== 'sigma') return;
    for (const tag of rule.tags) if (tag.parsed.kind === 'group' || tag.parsed.kind === 'software') out.push({ tag, kind: tag.parsed.kind, catalog });
  });
  return out;
}
