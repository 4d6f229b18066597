import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG_FORMAT, MITRE_ATTRIBUTION, type AttackDomain, type CatalogData, type CatalogTactic, type CatalogTechnique } from '../data';

/**
 * Builds the shipped catalog from the project's reference data (../shared/attack): ATT&CK v19.0
 * techniques and tactics (v19/), plus the v18.1 detection model (detection strategies, analytics,
 * data components, one-line summaries) that the v19 extract does not carry. Used until an official
 * v19 bundle is available here; `npm run attack:update -- <bundles>` replaces it from bundles.
 */

interface V19Technique {
  id: string;
  name: string;
  domains: AttackDomain[];
  tactics: string[];
  platforms: string[] | null;
  parent: string | null;
  deprecated: boolean;
  revoked: boolean;
  revoked_by: string | null;
}

interface V18Technique {
  id: string;
  name: string;
  domains: AttackDomain[];
  tactics: string[];
  platforms: string[] | null;
  parent: string | null;
  revoked_by: string | null;
  revoked: boolean;
  deprecated: boolean;
  detection_strategies?: string[];
  analytics?: string[];
  data_components?: { id: string; name: string }[];
  summary?: string;
}

interface V19Tactic {
  id: string;
  shortname: string;
  name: string;
  domain: AttackDomain;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

export function catalogFromShared(dir: string): CatalogData {
  const v19 = readJson<{ attack_version: string; techniques: V19Technique[] }>(join(dir, 'v19', 'techniques-v19.json'));
  const v19Tactics = readJson<{ attack_version: string; enterprise_matrix_order: string[]; mobile_matrix_order: string[]; tactics: V19Tactic[] }>(
    join(dir, 'v19', 'tactics-v19.json'),
  );
  const v18 = readJson<{ attack_version: string; techniques: V18Technique[] }>(join(dir, 'techniques.json'));
  const v18Order = readJson<{ tactics: { id: string; matrix_order: number }[] }>(join(dir, 'tactics.json'));
  const v18Tactics = readJson<{ tactics: { id: string; shortname: string; domain: string }[] }>(join(dir, 'tactics.json'));
  const det = readJson<{
    detection_strategies: { id: string; name: string; analytics: string[]; deprecated: boolean; revoked: boolean }[];
    analytics: { id: string; platforms: string[] }[];
    data_components: { id: string; name: string }[];
  }>(join(dir, 'detections.json'));

  const old = new Map(v18.techniques.map((t) => [t.id, t]));
  const techniques: CatalogTechnique[] = v19.techniques.map((t) => {
    const out: CatalogTechnique = { id: t.id, name: t.name, domains: t.domains, tactics: t.tactics, platforms: t.platforms ?? [] };
    if (t.parent) out.parent = t.parent;
    if (t.revoked) {
      out.revoked = true;
      if (t.revoked_by) out.revokedBy = t.revoked_by;
      return out;
    }
    if (t.deprecated) {
      out.deprecated = true;
      return out;
    }
    // Detection data and summaries are v18.1: kept only for ids that were active there too.
    const prev = old.get(t.id);
    if (prev && !prev.revoked && !prev.deprecated) {
      if (prev.detection_strategies?.length) out.det = prev.detection_strategies;
      if (prev.analytics?.length) out.an = prev.analytics;
      if (prev.data_components?.length) out.dc = prev.data_components.map((d) => d.id);
      if (prev.summary) out.summary = prev.summary;
    }
    return out;
  });

  // No v19 ICS extract is available here: ICS keeps its v18.1 techniques (a newer ICS id is then
  // reported as likely from a newer release, not as unknown).
  for (const t of v18.techniques) {
    if (!t.domains.includes('ics-attack') || techniques.some((x) => x.id === t.id)) continue;
    const out: CatalogTechnique = { id: t.id, name: t.name, domains: t.domains, tactics: t.tactics, platforms: t.platforms ?? [] };
    if (t.parent) out.parent = t.parent;
    if (t.revoked) {
      out.revoked = true;
      if (t.revoked_by) out.revokedBy = t.revoked_by;
    } else if (t.deprecated) out.deprecated = true;
    else {
      if (t.detection_strategies?.length) out.det = t.detection_strategies;
      if (t.analytics?.length) out.an = t.analytics;
      if (t.data_components?.length) out.dc = t.data_components.map((d) => d.id);
      if (t.summary) out.summary = t.summary;
    }
    techniques.push(out);
  }

  const orderOf = (domain: AttackDomain, shortname: string): number =>
    domain === 'enterprise-attack'
      ? v19Tactics.enterprise_matrix_order.indexOf(shortname)
      : domain === 'mobile-attack'
        ? v19Tactics.mobile_matrix_order.indexOf(shortname)
        : -1;
  const icsOrder = new Map(v18Order.tactics.map((t) => [t.id, t.matrix_order]));
  const oldShort = new Map(v18Tactics.tactics.map((t) => [t.id, t.shortname]));
  const tactics: CatalogTactic[] = v19Tactics.tactics.map((t) => {
    const out: CatalogTactic = {
      id: t.id,
      shortname: t.shortname,
      name: t.name,
      domain: t.domain,
      order: t.domain === 'ics-attack' ? (icsOrder.get(t.id) ?? -1) : orderOf(t.domain, t.shortname),
    };
    const before = oldShort.get(t.id);
    if (before && before !== t.shortname) out.formerShortnames = [before];
    // v19 split Defense Evasion: every v19 Defense Impairment technique that existed in v18.1 was
    // in defense-evasion (checked by the converter test), so that old name covers TA0112 too.
    if (t.id === 'TA0112') out.formerShortnames = ['defense-evasion'];
    return out;
  });

  const usedDet = new Set(techniques.flatMap((t) => t.det ?? []));
  const usedAn = new Set(techniques.flatMap((t) => t.an ?? []));
  const usedDc = new Set(techniques.flatMap((t) => t.dc ?? []));
  return {
    format: CATALOG_FORMAT,
    attackVersion: v19.attack_version,
    domains: {
      'enterprise-attack': {
        version: v19.attack_version,
        source: `ATT&CK v${v19.attack_version} techniques and tactics (shared/attack/v19), detection model v${v18.attack_version} (shared/attack)`,
      },
      'mobile-attack': {
        version: v19.attack_version,
        source: `ATT&CK v${v19.attack_version} techniques and tactics (shared/attack/v19), detection model v${v18.attack_version} (shared/attack)`,
      },
      'ics-attack': {
        version: v18.attack_version,
        source: `ATT&CK v${v18.attack_version} ICS techniques (shared/attack/techniques.json), v${v19.attack_version} ICS tactics; no v19 ICS technique extract was available`,
      },
    },
    attribution: MITRE_ATTRIBUTION,
    tactics: tactics.sort((a, b) => a.id.localeCompare(b.id)),
    techniques: techniques.sort((a, b) => a.id.localeCompare(b.id)),
    detectionStrategies: det.detection_strategies.filter((d) => usedDet.has(d.id)).map((d) => ({ id: d.id, name: d.name, analytics: d.analytics })),
    analytics: det.analytics.filter((a) => usedAn.has(a.id)).map((a) => ({ id: a.id, platforms: a.platforms })),
    dataComponents: det.data_components.filter((d) => usedDc.has(d.id)).map((d) => ({ id: d.id, name: d.name })),
  };
}
