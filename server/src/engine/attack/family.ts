import FAMILY from '../../../../data/attack/web-service-family.json';
import type { AttackCatalog } from './catalog';

/** The PRE techniques for acquiring or compromising web-service accounts (T1583.006, T1584.006). */
export const INFRASTRUCTURE_TECHNIQUES: readonly string[] = FAMILY.infrastructure;

/** Where a victim's telemetry sees the infrastructure techniques: the later stages MITRE names. */
export const OBSERVED_THROUGH: readonly string[] = FAMILY.observedThrough;

/**
 * The web-service family with sub-techniques expanded from the catalog: always shown by coverage,
 * ranked first by completion.
 */
export function webServiceFamily(catalog: AttackCatalog): string[] {
  const out: string[] = [];
  const add = (id: string): void => {
    if (!out.includes(id) && catalog.technique(id)) out.push(id);
  };
  for (const id of FAMILY.coverageAlwaysShown) {
    add(id);
    if (FAMILY.withSubtechniques.includes(id)) for (const s of catalog.technique(id)?.subtechniques ?? []) add(s);
  }
  return out;
}
