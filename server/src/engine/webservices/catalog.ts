/**
 * The curated web-service catalog (`data/web-services.json`): which legitimate services attackers use
 * as infrastructure, under which host names, how tenants are told apart, and how common they are.
 *
 * Stable API (imported by the domain checks and the ATT&CK checks; keep it small):
 *   lookupService(host)   → the service whose catalog domain is the longest suffix of `host`
 *                           (label-aligned: 'x.workers.dev' → Cloudflare Workers; 'evilworkers.dev' → none),
 *                           as a ServiceMatch { service, domain }; null when no service matches.
 *   popularParent(host)   → a very popular parent domain (google.com...) covering `host`, or null.
 *   allServices()         → every service (read-only), e.g. for completion or documentation.
 *   fileExtensionTlds()   → TLDs that are also common file extensions ('zip', 'py'...): in free text
 *                           'run.py' is a file name, not a host.
 *   WebService            → { name, category, domains, multiTenant: 'subdomain'|'path'|false,
 *                             techniques (ATT&CK ids), popularity: 'top'|'high'|'medium'|'low', note?, sources }
 * Host names are compared in lower case without a trailing dot; callers may pass either.
 */
import raw from '../../../../data/web-services.json';

type ServiceCategory =
  | 'paste'
  | 'code-hosting'
  | 'cloud-storage'
  | 'file-transfer'
  | 'messaging-bot-api'
  | 'webhook'
  | 'tunnel'
  | 'serverless-hosting'
  | 'dynamic-dns'
  | 'url-shortener'
  | 'social';

export type Popularity = 'top' | 'high' | 'medium' | 'low';

interface CatalogSource {
  kind: string;
  ref: string;
  names?: string;
}

export interface WebService {
  name: string;
  category: ServiceCategory;
  domains: readonly string[];
  /** How customers are told apart: by their own subdomain, by URL path on a shared host, or not at all. */
  multiTenant: 'subdomain' | 'path' | false;
  techniques: readonly string[];
  popularity: Popularity;
  note?: string;
  sources: readonly CatalogSource[];
  /** Multi-tenant platforms: how much ordinary enterprise traffic reaches its tenants, with the basis. */
  enterpriseUse?: { level: EnterpriseUse; basis: string };
  /** Extra lower-case words that show a rule is about this service (a client name such as cloudflared). */
  about?: readonly string[];
}

type EnterpriseUse = 'heavy' | 'common' | 'rare';

interface ServiceMatch {
  service: WebService;
  /** The catalog domain that matched (the longest suffix of the host). */
  domain: string;
}

interface PopularParent {
  domain: string;
  owner: string;
  popularity: Popularity;
}

interface CatalogFile {
  services: WebService[];
  popularParents: PopularParent[];
  fileExtensionTlds: { tlds: string[] };
  categoryTerms: Partial<Record<ServiceCategory, string[]>>;
}

const data = raw as unknown as CatalogFile;
const byDomain = new Map<string, WebService>();
for (const s of data.services) for (const d of s.domains) byDomain.set(d, s);
const parents = new Map<string, PopularParent>();
for (const p of data.popularParents) parents.set(p.domain, p);

function clean(host: string): string {
  let h = host.trim().toLowerCase();
  while (h.endsWith('.')) h = h.slice(0, -1);
  return h;
}

/** Walks the host's label-aligned suffixes from the longest; stops at the first hit. */
function longestSuffix<T>(host: string, table: Map<string, T>): { value: T; domain: string } | null {
  let h = clean(host);
  for (let guard = 0; h && guard < 128; guard++) {
    const v = table.get(h);
    if (v) return { value: v, domain: h };
    const dot = h.indexOf('.');
    if (dot < 0) return null;
    h = h.slice(dot + 1);
  }
  return null;
}

export function lookupService(host: string): ServiceMatch | null {
  const m = longestSuffix(host, byDomain);
  return m ? { service: m.value, domain: m.domain } : null;
}

export function popularParent(host: string): PopularParent | null {
  return longestSuffix(host, parents)?.value ?? null;
}

export function allServices(): readonly WebService[] {
  return data.services;
}

/** Words that show a rule is about a whole category of services ('dynamic dns' for dynamic-dns). */
export function categoryTerms(category: ServiceCategory): readonly string[] {
  return data.categoryTerms[category] ?? [];
}

export function allPopularParents(): readonly PopularParent[] {
  return data.popularParents;
}

const extensionTlds: ReadonlySet<string> = new Set(data.fileExtensionTlds.tlds);

export function fileExtensionTlds(): ReadonlySet<string> {
  return extensionTlds;
}
