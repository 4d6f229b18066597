import { attackMappings, tagAt } from '../attack/mapping';
import { catalogFooter, describeTactics, describeTechnique, tacticsNamed } from '../attack/describe';
import type { HoverProvider } from './types';

const OBJECT_PAGES: Record<string, string> = { group: 'groups', software: 'software', campaign: 'campaigns' };

/** ATT&CK facts for the tag (Sigma) or Sentinel tactic/technique under the cursor. */
export const attackHover: HoverProvider = ({ file, pos, config }) => {
  if (file.kind !== 'sigma' && file.kind !== 'sentinel') return null;
  const m = attackMappings(file, config);
  const hit = tagAt(m, pos);
  if (!hit) return null;
  const { catalog } = m;
  const p = hit.tag.parsed;
  const range = hit.tag.item.range;
  if (p.kind === 'technique') {
    const t = catalog.technique(p.techniqueId!);
    if (t) return { range, markdown: describeTechnique(catalog, t) };
    const newer = catalog.likelyNewer(p.techniqueId!);
    return {
      range,
      markdown: `**${p.techniqueId}** is not in the ATT&CK catalog${newer ? ': it is probably from a newer ATT&CK release (update the catalog)' : ''}.\n\n${catalogFooter(catalog)}`,
    };
  }
  if (p.kind === 'tactic') return { range, markdown: describeTactics(catalog, p.tactic!, tacticsNamed(catalog, p.tactic!)) };
  const page = OBJECT_PAGES[p.kind];
  if (page) {
    const id = p.raw.slice(p.raw.indexOf('.') + 1).toUpperCase();
    return {
      range,
      markdown: `**ATT&CK ${p.kind} [${id}](https://attack.mitre.org/${page}/${id})** (not described by Tripline's catalog, which holds techniques and tactics).`,
    };
  }
  return null;
};
