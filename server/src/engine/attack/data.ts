/**
 * The shape of the generated catalog file (data/attack/catalog.json). Kept flat and small: the
 * loader builds its indexes from it once. Every fact comes from MITRE ATT&CK® (see data/attack/README.md).
 */
export type AttackDomain = 'enterprise-attack' | 'mobile-attack' | 'ics-attack';

export const CATALOG_FORMAT = 1;

export interface CatalogTactic {
  /** TA id, e.g. TA0011. Shortnames repeat across domains; the id does not. */
  id: string;
  shortname: string;
  name: string;
  domain: AttackDomain;
  /** Position in the domain's matrix (0-based); -1 when the tactic is in no active matrix. */
  order: number;
  /** Shortnames the same TA id had in earlier releases (TA0005 was `defense-evasion` until v19). */
  formerShortnames?: string[];
}

export interface CatalogTechnique {
  /** T id, e.g. T1583.006. */
  id: string;
  /** Own name; sub-techniques do not repeat their parent's name. */
  name: string;
  domains: AttackDomain[];
  /** Tactic shortnames, to be read within the technique's domain. */
  tactics: string[];
  platforms: string[];
  parent?: string;
  revoked?: boolean;
  /** Direct revoked-by target; may itself be revoked (loaders follow the chain). */
  revokedBy?: string;
  deprecated?: boolean;
  /** Detection strategy (DET), analytic (AN) and data component (DC) ids. */
  det?: string[];
  an?: string[];
  dc?: string[];
  /** First sentence of the description. */
  summary?: string;
}

/** A group (intrusion-set, G id) or a piece of software (malware or tool, S id). */
export interface CatalogEntity {
  /** G0016, S0154. */
  id: string;
  name: string;
  type: 'group' | 'malware' | 'tool';
  revoked?: boolean;
  /** Direct revoked-by target (groups are merged into other groups, software into other software). */
  revokedBy?: string;
  deprecated?: boolean;
}

export interface CatalogDetectionStrategy {
  id: string;
  name: string;
  analytics: string[];
}

export interface CatalogAnalytic {
  id: string;
  platforms: string[];
}

export interface CatalogDataComponent {
  id: string;
  name: string;
}

interface CatalogDomainInfo {
  /** ATT&CK release of this domain's data, e.g. "19.0". */
  version: string;
  /** Where the data came from (bundle file name, repository and commit...). */
  source: string;
}

export interface CatalogData {
  format: number;
  /** Release the catalog represents as a whole (the newest domain version). */
  attackVersion: string;
  domains: Partial<Record<AttackDomain, CatalogDomainInfo>>;
  attribution: string;
  tactics: CatalogTactic[];
  techniques: CatalogTechnique[];
  detectionStrategies: CatalogDetectionStrategy[];
  analytics: CatalogAnalytic[];
  dataComponents: CatalogDataComponent[];
  /**
   * Groups and software, when the source had them (official bundles do; the project's reference
   * extract does not). Absent: tags naming them cannot be judged, and are not.
   */
  groups?: CatalogEntity[];
  software?: CatalogEntity[];
}

export const MITRE_ATTRIBUTION = '© 2025 The MITRE Corporation. This work is reproduced and distributed with the permission of The MITRE Corporation.';
