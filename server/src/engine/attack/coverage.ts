import type { TriplineConfig } from '../config/config';
import type { SourceFile } from '../document/source';
import type { AttackCatalog } from './catalog';
import type { AttackDomain } from './data';
import { INFRASTRUCTURE_TECHNIQUES, OBSERVED_THROUGH, webServiceFamily } from './family';
import { catalogFor } from './load';
import { attackMappings } from './mapping';

interface CoverageRuleRef {
  /** The file as given (CLI) or its URI (editor): the caller decides. */
  path: string;
  title: string;
  /** 0-based line of the technique tag in the file. */
  line: number;
}

interface CoverageTechnique {
  id: string;
  name: string;
  domain: AttackDomain;
  tactics: string[];
  covered: boolean;
  /** False for PRE techniques: they happen outside the victim's view, so no rule observes them. */
  observable: boolean;
  /** For a PRE technique of the web-service family: the techniques through which its use is seen. */
  observedThrough?: string[];
  rules: CoverageRuleRef[];
}

export interface CoverageReport {
  catalogVersion: string;
  techniques: CoverageTechnique[];
  /** Mapped ids the catalog does not know, with the rules that use them. */
  unknown: { id: string; rules: CoverageRuleRef[] }[];
  files: number;
  rules: number;
}

/**
 * Which rules map to which technique. Revoked ids count for their replacement (what the rule
 * means today). The web-service family is always listed, covered or not: gaps there are the point.
 */
export function coverageOf(files: SourceFile[], config: TriplineConfig, catalogOverride?: AttackCatalog): CoverageReport {
  const byId = new Map<string, CoverageRuleRef[]>();
  const unknown = new Map<string, CoverageRuleRef[]>();
  let catalog = catalogOverride;
  let rules = 0;
  for (const file of files) {
    const m = attackMappings(file, config);
    catalog ??= m.catalog;
    for (const rule of m.rules) {
      rules++;
      const seen = new Set<string>();
      for (const tag of rule.techniques) {
        const raw = tag.parsed.techniqueId!;
        const final = catalog.resolve(raw).final;
        const id = final && catalog.isActive(final) ? final.id : raw;
        if (seen.has(id)) continue;
        seen.add(id);
        const ref: CoverageRuleRef = { path: file.path, title: rule.title ?? file.path, line: tag.item.range.start.line };
        const target = catalog.technique(id) ? byId : unknown;
        const list = target.get(id) ?? [];
        list.push(ref);
        target.set(id, list);
      }
    }
  }
  catalog ??= catalogFor(config).catalog;
  const family = webServiceFamily(catalog);
  const ids = [...family, ...[...byId.keys()].filter((id) => !family.includes(id)).sort()];
  const techniques = ids.map((id): CoverageTechnique => {
    const t = catalog!.technique(id)!;
    const refs = byId.get(id) ?? [];
    const observable = !catalog!.isPreOnly(t);
    const through = !observable && INFRASTRUCTURE_TECHNIQUES.includes(id) ? { observedThrough: [...OBSERVED_THROUGH] } : {};
    return { id, name: catalog!.displayName(t), domain: t.domain, tactics: t.tactics, covered: refs.length > 0, observable, ...through, rules: refs };
  });
  return {
    catalogVersion: catalog.version,
    techniques,
    unknown: [...unknown].map(([id, r]) => ({ id, rules: r })).sort((a, b) => a.id.localeCompare(b.id)),
    files: files.length,
    rules,
  };
}
