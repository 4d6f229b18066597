import { CATALOG_FORMAT, MITRE_ATTRIBUTION, type AttackDomain, type CatalogData, type CatalogEntity, type CatalogTactic, type CatalogTechnique } from './data';

/**
 * Converts official ATT&CK STIX bundles (enterprise-attack-19.x.json, mobile-attack-19.x.json,
 * STIX 2.0 or 2.1) into the catalog shape. Used by `npm run attack:update` and, at run time, by the
 * `attack.bundles` setting, so users can follow MITRE's releases without a Tripline release.
 */

type Obj = Record<string, unknown>;

export interface NamedBundle {
  /** File name, used for the version when the bundle carries no collection object. */
  name: string;
  bundle: unknown;
}

export class BundleError extends Error {}

const DOMAINS: readonly AttackDomain[] = ['enterprise-attack', 'mobile-attack', 'ics-attack'];
const KILL_CHAINS: Record<string, AttackDomain> = {
  'mitre-attack': 'enterprise-attack',
  'mitre-mobile-attack': 'mobile-attack',
  'mitre-ics-attack': 'ics-attack',
};

function str(o: Obj, k: string): string | undefined {
  const v = o[k];
  return typeof v === 'string' ? v : undefined;
}

function strs(o: Obj, k: string): string[] {
  const v = o[k];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function attackId(o: Obj): string | undefined {
  const refs = o.external_references;
  if (!Array.isArray(refs)) return undefined;
  for (const r of refs as Obj[]) if (r && str(r, 'source_name')?.startsWith('mitre') && typeof r.external_id === 'string') return r.external_id;
  return undefined;
}

const isDomain = (d: string): d is AttackDomain => (DOMAINS as readonly string[]).includes(d);

/** First sentence of a description, without citations and with markdown links reduced to their text. */
export function summarize(description: string | undefined): string | undefined {
  if (!description) return undefined;
  const plain = description
    .replace(/\(Citation:[^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<code>|<\/code>/g, '`')
    .replace(/[\u00a0\s]+/g, ' ')
    .trim();
  const m = /^(.+?[.!?])(?=\s+[A-Z(]|$)/.exec(plain);
  const s = (m ? m[1] : plain).trim();
  return s.length > 0 ? s : undefined;
}

function bundleObjects(b: NamedBundle): Obj[] {
  const root = b.bundle as Obj | null;
  if (!root || typeof root !== 'object' || !Array.isArray(root.objects)) throw new BundleError(`${b.name}: not a STIX bundle (no "objects" list)`);
  return (root.objects as unknown[]).filter((o): o is Obj => !!o && typeof o === 'object' && typeof (o as Obj).type === 'string');
}

function bundleDomain(name: string, objects: Obj[]): AttackDomain {
  for (const o of objects) {
    if (o.type === 'x-mitre-matrix') {
      const id = attackId(o);
      if (id && isDomain(id)) return id;
    }
  }
  const counts = new Map<AttackDomain, number>();
  for (const o of objects) for (const d of strs(o, 'x_mitre_domains')) if (isDomain(d)) counts.set(d, (counts.get(d) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  if (best) return best[0];
  throw new BundleError(`${name}: cannot tell which ATT&CK domain this bundle holds (no matrix, no x_mitre_domains)`);
}

function bundleVersion(name: string, objects: Obj[]): string {
  for (const o of objects) if (o.type === 'x-mitre-collection' && typeof o.x_mitre_version === 'string') return o.x_mitre_version;
  const m = /-(\d+\.\d+(?:\.\d+)?)\b/.exec(name);
  return m ? m[1] : 'unknown';
}

interface DomainPart {
  domain: AttackDomain;
  version: string;
  source: string;
  data: Pick<CatalogData, 'tactics' | 'techniques' | 'detectionStrategies' | 'analytics' | 'dataComponents'> & {
    groups: CatalogEntity[];
    software: CatalogEntity[];
  };
}

/** Converts one bundle (one domain). */
function convertBundle(b: NamedBundle): DomainPart {
  const objects = bundleObjects(b);
  const domain = bundleDomain(b.name, objects);
  const byStix = new Map<string, Obj>();
  for (const o of objects) if (typeof o.id === 'string') byStix.set(o.id, o);
  const idOf = (stixId: unknown): string | undefined => (typeof stixId === 'string' && byStix.has(stixId) ? attackId(byStix.get(stixId)!) : undefined);

  const parentOf = new Map<string, string>();
  const revokedBy = new Map<string, string>();
  const detectsOf = new Map<string, string[]>();
  for (const o of objects) {
    if (o.type !== 'relationship' || o.revoked === true || o.x_mitre_deprecated === true) continue;
    const src = idOf(o.source_ref);
    const dst = idOf(o.target_ref);
    if (!src || !dst) continue;
    const rel = str(o, 'relationship_type');
    if (rel === 'subtechnique-of') parentOf.set(src, dst);
    else if (rel === 'revoked-by') revokedBy.set(src, dst);
    else if (rel === 'detects' && src.startsWith('DET')) {
      const list = detectsOf.get(dst) ?? [];
      list.push(src);
      detectsOf.set(dst, list);
    }
  }

  const analyticsOfDet = new Map<string, string[]>();
  const detectionStrategies: CatalogData['detectionStrategies'] = [];
  const analytics: CatalogData['analytics'] = [];
  const dcOfAnalytic = new Map<string, string[]>();
  const dataComponents: CatalogData['dataComponents'] = [];
  const tacticsRaw: Obj[] = [];
  const matrices: Obj[] = [];
  for (const o of objects) {
    const id = attackId(o);
    if (o.type === 'x-mitre-tactic') tacticsRaw.push(o);
    else if (o.type === 'x-mitre-matrix') matrices.push(o);
    if (!id || o.revoked === true) continue;
    if (o.type === 'x-mitre-detection-strategy') {
      const an = strs(o, 'x_mitre_analytic_refs')
        .map(idOf)
        .filter((x): x is string => !!x)
        .sort();
      analyticsOfDet.set(id, an);
      if (o.x_mitre_deprecated !== true) detectionStrategies.push({ id, name: str(o, 'name') ?? id, analytics: an });
    } else if (o.type === 'x-mitre-analytic') {
      const refs = Array.isArray(o.x_mitre_log_source_references) ? (o.x_mitre_log_source_references as Obj[]) : [];
      dcOfAnalytic.set(
        id,
        refs.map((r) => idOf(r?.x_mitre_data_component_ref)).filter((x): x is string => !!x),
      );
      if (o.x_mitre_deprecated !== true) analytics.push({ id, platforms: strs(o, 'x_mitre_platforms') });
    } else if (o.type === 'x-mitre-data-component') {
      if (o.x_mitre_deprecated !== true) dataComponents.push({ id, name: str(o, 'name') ?? id });
    }
  }

  const order = new Map<string, number>();
  for (const m of matrices.filter((m) => m.x_mitre_deprecated !== true && m.revoked !== true)) {
    strs(m, 'tactic_refs').forEach((ref) => {
      const id = idOf(ref);
      if (id && !order.has(id)) order.set(id, order.size);
    });
  }
  const tactics: CatalogTactic[] = [];
  for (const o of tacticsRaw) {
    const id = attackId(o);
    const shortname = str(o, 'x_mitre_shortname');
    if (!id || !shortname || o.revoked === true) continue;
    tactics.push({ id, shortname, name: str(o, 'name') ?? shortname, domain, order: order.get(id) ?? -1 });
  }

  const techniques: CatalogTechnique[] = [];
  for (const o of objects) {
    if (o.type !== 'attack-pattern') continue;
    const id = attackId(o);
    if (!id || !/^T\d{4}(\.\d{3})?$/.test(id)) continue;
    const phases = Array.isArray(o.kill_chain_phases) ? (o.kill_chain_phases as Obj[]) : [];
    const domains = strs(o, 'x_mitre_domains').filter(isDomain);
    const t: CatalogTechnique = {
      id,
      name: str(o, 'name') ?? id,
      domains: domains.length > 0 ? domains : [domain],
      tactics: [
        ...new Set(
          phases
            .filter((p) => KILL_CHAINS[str(p, 'kill_chain_name') ?? ''] === domain || !KILL_CHAINS[str(p, 'kill_chain_name') ?? ''])
            .map((p) => str(p, 'phase_name'))
            .filter((x): x is string => !!x),
        ),
      ],
      platforms: strs(o, 'x_mitre_platforms'),
    };
    const parent = parentOf.get(id) ?? (id.includes('.') ? id.slice(0, 5) : undefined);
    if (parent) t.parent = parent;
    if (o.revoked === true) {
      t.revoked = true;
      const by = revokedBy.get(id);
      if (by) t.revokedBy = by;
    } else if (o.x_mitre_deprecated === true) t.deprecated = true;
    else {
      const det = (detectsOf.get(id) ?? []).sort();
      if (det.length > 0) {
        t.det = det;
        const an = [...new Set(det.flatMap((d) => analyticsOfDet.get(d) ?? []))].sort();
        t.an = an;
        t.dc = [...new Set(an.flatMap((a) => dcOfAnalytic.get(a) ?? []))].sort();
      }
      const summary = summarize(str(o, 'description'));
      if (summary) t.summary = summary;
    }
    techniques.push(t);
  }
  const { groups, software } = convertEntities(objects, revokedBy);
  return {
    domain,
    version: bundleVersion(b.name, objects),
    source: b.name,
    data: { tactics, techniques, detectionStrategies, analytics, dataComponents, groups, software },
  };
}

const ENTITY_TYPES: Record<string, CatalogEntity['type']> = { 'intrusion-set': 'group', malware: 'malware', tool: 'tool' };

/** Groups (intrusion-sets, G ids) and software (malware and tools, S ids) of one bundle. */
function convertEntities(objects: Obj[], revokedBy: Map<string, string>): { groups: CatalogEntity[]; software: CatalogEntity[] } {
  const groups: CatalogEntity[] = [];
  const software: CatalogEntity[] = [];
  for (const o of objects) {
    const type = ENTITY_TYPES[o.type as string];
    const id = type ? attackId(o) : undefined;
    if (!type || !id || !(type === 'group' ? /^G\d{4}$/ : /^S\d{4}$/).test(id)) continue;
    const e: CatalogEntity = { id, name: str(o, 'name') ?? id, type };
    if (o.revoked === true) {
      e.revoked = true;
      const by = revokedBy.get(id);
      if (by) e.revokedBy = by;
    } else if (o.x_mitre_deprecated === true) e.deprecated = true;
    (type === 'group' ? groups : software).push(e);
  }
  return { groups, software };
}

/** Entities by id: `base` first, then each part's (the newer data wins); undefined when nobody had any. */
function mergeEntities(base: CatalogEntity[] | undefined, parts: CatalogEntity[][]): CatalogEntity[] | undefined {
  if (!base && parts.every((p) => p.length === 0)) return undefined;
  const byId = new Map((base ?? []).map((e) => [e.id, e]));
  for (const p of parts) for (const e of p) byId.set(e.id, e);
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** Newest first by numeric comparison of dotted versions. */
function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] || 0) - (pb[i] || 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Builds a catalog from domain parts; a domain given twice keeps the later part. `base` supplies
 * domains the parts do not cover (a user's enterprise 19.1 bundle keeps the shipped Mobile data).
 */
function assembleCatalog(parts: DomainPart[], base?: CatalogData): CatalogData {
  const byDomain = new Map<AttackDomain, DomainPart>();
  for (const p of parts) byDomain.set(p.domain, p);
  const out: CatalogData = {
    format: CATALOG_FORMAT,
    attackVersion: '',
    domains: {},
    attribution: base?.attribution ?? MITRE_ATTRIBUTION,
    tactics: [],
    techniques: [],
    detectionStrategies: [],
    analytics: [],
    dataComponents: [],
  };
  if (base) {
    const keep = (domains: AttackDomain[]): boolean => domains.some((d) => !byDomain.has(d));
    for (const [d, info] of Object.entries(base.domains) as [AttackDomain, CatalogData['domains'][AttackDomain]][])
      if (!byDomain.has(d) && info) out.domains[d] = info;
    out.tactics.push(...base.tactics.filter((t) => !byDomain.has(t.domain)));
    out.techniques.push(...base.techniques.filter((t) => keep(t.domains)));
    const keptTech = out.techniques;
    const keptDet = new Set(keptTech.flatMap((t) => t.det ?? []));
    out.detectionStrategies.push(...base.detectionStrategies.filter((d) => keptDet.has(d.id)));
    const keptAn = new Set(out.detectionStrategies.flatMap((d) => d.analytics));
    out.analytics.push(...base.analytics.filter((a) => keptAn.has(a.id)));
    out.dataComponents.push(...base.dataComponents);
  }
  for (const p of byDomain.values()) {
    out.domains[p.domain] = { version: p.version, source: p.source };
    const formerByTactic = new Map(base?.tactics.filter((t) => t.domain === p.domain).map((t) => [t.id, t]) ?? []);
    for (const t of p.data.tactics) {
      const old = formerByTactic.get(t.id);
      const former = new Set([...(old?.formerShortnames ?? []), ...(old && old.shortname !== t.shortname ? [old.shortname] : [])]);
      former.delete(t.shortname);
      out.tactics.push(former.size > 0 ? { ...t, formerShortnames: [...former] } : t);
    }
    const seen = new Set(out.techniques.map((t) => t.id));
    for (const t of p.data.techniques) if (!seen.has(t.id)) out.techniques.push(t);
    const dets = new Set(out.detectionStrategies.map((d) => d.id));
    out.detectionStrategies.push(...p.data.detectionStrategies.filter((d) => !dets.has(d.id)));
    const ans = new Set(out.analytics.map((a) => a.id));
    out.analytics.push(...p.data.analytics.filter((a) => !ans.has(a.id)));
    const dcs = new Set(out.dataComponents.map((d) => d.id));
    out.dataComponents.push(...p.data.dataComponents.filter((d) => !dcs.has(d.id)));
  }
  const groups = mergeEntities(
    base?.groups,
    [...byDomain.values()].map((p) => p.data.groups),
  );
  const software = mergeEntities(
    base?.software,
    [...byDomain.values()].map((p) => p.data.software),
  );
  if (groups) out.groups = groups;
  if (software) out.software = software;
  out.attackVersion =
    Object.values(out.domains)
      .map((d) => d!.version)
      .sort((a, b) => compareVersions(b, a))[0] ?? 'unknown';
  out.tactics.sort((a, b) => a.id.localeCompare(b.id));
  out.techniques.sort((a, b) => a.id.localeCompare(b.id));
  out.detectionStrategies.sort((a, b) => a.id.localeCompare(b.id));
  out.analytics.sort((a, b) => a.id.localeCompare(b.id));
  out.dataComponents.sort((a, b) => a.id.localeCompare(b.id));
  return out;
}

export function convertBundles(bundles: NamedBundle[], base?: CatalogData): CatalogData {
  return assembleCatalog(bundles.map(convertBundle), base);
}
