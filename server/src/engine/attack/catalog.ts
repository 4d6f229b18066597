import type {
  AttackDomain,
  CatalogAnalytic,
  CatalogData,
  CatalogDataComponent,
  CatalogDetectionStrategy,
  CatalogEntity,
  CatalogTactic,
  CatalogTechnique,
} from './data';

export interface Technique extends CatalogTechnique {
  /** The domain the technique is read in (ATT&CK objects belong to one domain in practice). */
  domain: AttackDomain;
  subtechniques: string[];
}

export const DOMAIN_LABEL: Record<AttackDomain, string> = { 'enterprise-attack': 'Enterprise', 'mobile-attack': 'Mobile', 'ics-attack': 'ICS' };

const TECHNIQUE_ID = /^T(\d{4})(?:\.(\d{3}))?$/;

export function techniqueUrl(id: string): string {
  return `https://attack.mitre.org/techniques/${id.replace('.', '/')}`;
}

/**
 * The ATT&CK catalog with the indexes checks and editor features need. Built once from the data
 * file (or from user bundles) and shared by every request.
 */
export class AttackCatalog {
  readonly version: string;
  private readonly techniques = new Map<string, Technique>();
  private readonly tacticByDomainName = new Map<string, CatalogTactic[]>();
  private readonly looseTactics = new Map<string, string>();
  private readonly tacticsById = new Map<string, CatalogTactic>();
  private readonly det = new Map<string, CatalogDetectionStrategy>();
  private readonly an = new Map<string, CatalogAnalytic>();
  private readonly dc = new Map<string, CatalogDataComponent>();
  private readonly maxTechnique: number;
  private readonly maxSub = new Map<string, number>();
  private readonly tacticNames = new Set<string>();
  private readonly entities = new Map<string, CatalogEntity>();

  constructor(readonly data: CatalogData) {
    this.version = data.attackVersion;
    let max = 0;
    for (const t of data.techniques) {
      this.techniques.set(t.id, { ...t, domain: t.domains[0], subtechniques: [] });
      const m = TECHNIQUE_ID.exec(t.id);
      if (!m) continue;
      max = Math.max(max, Number(m[1]));
      if (m[2]) {
        const parent = `T${m[1]}`;
        this.maxSub.set(parent, Math.max(this.maxSub.get(parent) ?? 0, Number(m[2])));
      }
    }
    this.maxTechnique = max;
    for (const t of this.techniques.values()) {
      if (t.parent && !t.revoked && !t.deprecated) this.techniques.get(t.parent)?.subtechniques.push(t.id);
    }
    for (const t of data.tactics) {
      this.tacticsById.set(t.id, t);
      for (const name of [t.shortname, ...(t.formerShortnames ?? [])]) {
        const key = `${t.domain}/${name}`;
        const list = this.tacticByDomainName.get(key) ?? [];
        // The current holder of a shortname comes before tactics that held it formerly.
        if (name === t.shortname) list.unshift(t);
        else list.push(t);
        this.tacticByDomainName.set(key, list);
        this.tacticNames.add(name);
        this.looseTactics.set(name.replace(/-/g, ''), name);
      }
    }
    for (const d of data.detectionStrategies) this.det.set(d.id, d);
    for (const a of data.analytics) this.an.set(a.id, a);
    for (const c of data.dataComponents) this.dc.set(c.id, c);
    for (const e of [...(data.groups ?? []), ...(data.software ?? [])]) this.entities.set(e.id, e);
  }

  technique(id: string): Technique | undefined {
    return this.techniques.get(id.toUpperCase());
  }

  allTechniques(): IterableIterator<Technique> {
    return this.techniques.values();
  }

  isActive(t: Technique): boolean {
    return !t.revoked && !t.deprecated;
  }

  /** Follows revoked-by links to the technique to use today; `chain` lists every hop, first excluded. */
  /** Whether the catalog lists groups (`G`) or software (`S`) at all: without them a tag naming one cannot be judged. */
  hasEntities(kind: 'group' | 'software'): boolean {
    return (kind === 'group' ? this.data.groups : this.data.software)?.length ? true : false;
  }

  /** A group (G0016) or software (S0154), any case. */
  entity(id: string): CatalogEntity | undefined {
    return this.entities.get(id.toUpperCase());
  }

  /** Follows revoked-by links to the current group or software (the last one when the chain ends in a revoked id). */
  resolveEntity(id: string): CatalogEntity | undefined {
    let cur = this.entity(id);
    const seen = new Set<string>();
    while (cur?.revoked && cur.revokedBy && !seen.has(cur.id)) {
      seen.add(cur.id);
      const next = this.entity(cur.revokedBy);
      if (!next) break;
      cur = next;
    }
    return cur;
  }

  resolve(id: string): { final: Technique | undefined; chain: Technique[] } {
    const chain: Technique[] = [];
    let cur = this.technique(id);
    const seen = new Set<string>();
    while (cur?.revoked && cur.revokedBy && !seen.has(cur.id)) {
      seen.add(cur.id);
      const next = this.technique(cur.revokedBy);
      if (!next) break;
      chain.push(next);
      cur = next;
    }
    return { final: cur, chain };
  }

  /** Full display name: sub-techniques carry their parent's name, as on attack.mitre.org. */
  displayName(t: Technique): string {
    const parent = t.parent ? this.technique(t.parent) : undefined;
    return parent ? `${parent.name}: ${t.name}` : t.name;
  }

  /** A tactic by shortname within one domain, current or former spelling (`defense-evasion` → TA0005). */
  tactic(domain: AttackDomain, shortname: string): CatalogTactic | undefined {
    return this.tacticByDomainName.get(`${domain}/${shortname}`)?.[0];
  }

  /**
   * Every TA id a shortname stands for in a domain. A former name may cover several tactics:
   * `defense-evasion` was split in v19 into Stealth (TA0005) and Defense Impairment (TA0112).
   */
  tacticIds(domain: AttackDomain, shortname: string): string[] {
    return (this.tacticByDomainName.get(`${domain}/${shortname}`) ?? []).map((t) => t.id);
  }

  /** A shortname from a spelling that ignores case and separators (Sentinel: CommandandControl). */
  looseTactic(text: string): string | undefined {
    return this.looseTactics.get(text.toLowerCase().replace(/[^a-z]/g, ''));
  }

  tacticById(id: string): CatalogTactic | undefined {
    return this.tacticsById.get(id.toUpperCase());
  }

  /** True if some domain has (or had) a tactic with this shortname. */
  isTacticName(shortname: string): boolean {
    return this.tacticNames.has(shortname);
  }

  /** Active tactics of a domain in matrix order. */
  tacticsOf(domain: AttackDomain): CatalogTactic[] {
    return this.data.tactics.filter((t) => t.domain === domain && t.order >= 0).sort((a, b) => a.order - b.order);
  }

  /** TA ids of a technique's tactics, read in its own domain. */
  techniqueTacticIds(t: Technique): string[] {
    return t.tactics.map((s) => this.tactic(t.domain, s)?.id).filter((x): x is string => !!x);
  }

  /** PRE-only techniques happen outside the victim's view (acquiring infrastructure...). */
  isPreOnly(t: Technique): boolean {
    return t.platforms.length > 0 && t.platforms.every((p) => p === 'PRE');
  }

  /**
   * The technique of the same name in the other of Enterprise and Mobile (T1481 Web Service ↔ T1102
   * Web Service); sub-techniques map through their parents' namesakes. Only unique, active matches.
   */
  namesake(t: Technique): Technique | undefined {
    const other: AttackDomain | undefined = t.domain === 'mobile-attack' ? 'enterprise-attack' : t.domain === 'enterprise-attack' ? 'mobile-attack' : undefined;
    if (!other) return undefined;
    if (t.parent) {
      const p = this.technique(t.parent);
      const ps = p && this.namesake(p);
      if (!ps) return undefined;
      return ps.subtechniques.map((s) => this.technique(s)!).find((s) => s.name === t.name);
    }
    const found = [...this.techniques.values()].filter((x) => x.domain === other && !x.parent && this.isActive(x) && x.name === t.name);
    return found.length === 1 ? found[0] : undefined;
  }

  /**
   * An unknown id just past the catalog's numbering is most likely from a newer ATT&CK release:
   * new techniques take the next numbers, new sub-techniques the next sub numbers of their parent.
   */
  likelyNewer(id: string): boolean {
    const m = TECHNIQUE_ID.exec(id.toUpperCase());
    if (!m) return false;
    const num = Number(m[1]);
    if (num > this.maxTechnique) return num <= this.maxTechnique + 50;
    if (!m[2]) return false;
    const parent = `T${m[1]}`;
    const sub = Number(m[2]);
    if (!this.techniques.has(parent)) return false;
    const maxSub = this.maxSub.get(parent) ?? 0;
    return sub > maxSub && sub <= maxSub + 5;
  }

  get highestTechnique(): string {
    return `T${this.maxTechnique}`;
  }

  detectionStrategy(id: string): CatalogDetectionStrategy | undefined {
    return this.det.get(id);
  }

  analytic(id: string): CatalogAnalytic | undefined {
    return this.an.get(id);
  }

  dataComponent(id: string): CatalogDataComponent | undefined {
    return this.dc.get(id);
  }
}
