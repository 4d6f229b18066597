import { lookupService, popularParent, type Popularity, type WebService } from '../webservices/catalog';
import { suffixInfo } from './psl';

/**
 * Facts about a host that decide whether an entry naming it is too broad. Shared by the checks,
 * the hover and the CLI so they give the same reasons.
 */

export interface TenantSuffix {
  /** The suffix under which every name is a different customer or registrant. */
  suffix: string;
  /** Where we know it from. */
  source: 'psl-private' | 'psl-icann' | 'catalog';
  service: WebService | null;
}

/**
 * When `host` is itself a suffix under which unrelated parties own names: a public suffix (private
 * section: a platform such as workers.dev; ICANN section: a registry such as co.uk), or a
 * catalog service that gives each customer a subdomain without being on the list (firebaseio.com).
 * Hosts of services that tell tenants apart by path (storage.googleapis.com) are not reported: no
 * host entry can separate their tenants.
 */
export function tenantSuffix(host: string): TenantSuffix | null {
  const svc = lookupService(host);
  const exactService = svc && svc.domain === host ? svc.service : null;
  if (exactService?.multiTenant === 'path') return null;
  const info = suffixInfo(host);
  if (info.isPrivate && !exactService && operatorOwned(host)) return null;
  // Unknown last labels ('baaaa', '9') are parsed as suffixes by default; only listed suffixes count.
  if (info.isSuffix && (info.isIcann || info.isPrivate)) return { suffix: host, source: info.isPrivate ? 'psl-private' : 'psl-icann', service: exactService };
  if (exactService?.multiTenant === 'subdomain') return { suffix: host, source: 'catalog', service: exactService };
  return null;
}

/**
 * A suffix match without a leading dot on `host` can reach names owned by someone else: the
 * unbounded first label sits directly under a public suffix (dropboxapi.com → evildropboxapi.com,
 * workers.dev → evilworkers.dev). Hosts deeper down (cdn.discordapp.com, storage.googleapis.com)
 * only reach names their owner controls (xcdn.discordapp.com), so they are not reported.
 */
export function crossesOwnership(host: string): boolean {
  const dot = host.indexOf('.');
  if (dot < 0) return true;
  // Extending the first label ('evil' + host) yields a name directly under the parent: whoever may
  // register names there can produce a match.
  const parent = host.slice(dot + 1);
  const p = suffixInfo(parent);
  if (p.isSuffix && p.isIcann) return true;
  if (p.isSuffix && p.isPrivate) {
    const svc = lookupService(parent);
    if (svc && svc.domain === parent) return svc.service.multiTenant === 'subdomain';
    return !operatorOwned(parent);
  }
  // A tenant of a catalog subdomain platform: 'proj.firebaseio.com' also matches 'evilproj.firebaseio.com'.
  const svc = lookupService(parent);
  return !!svc && svc.domain === parent && svc.service.multiTenant === 'subdomain';
}

/**
 * A private suffix that a large operator keeps for its own services (googleapis.com): listed so
 * browsers isolate them, but nobody else can create names under it.
 */
function operatorOwned(suffix: string): boolean {
  const parent = popularParent(suffix);
  return !!parent && parent.domain === suffix;
}

interface Prevalence {
  tier: Popularity;
  /** Who or what the popular name belongs to. */
  label: string;
  /** The popular domain the entry covers. */
  domain: string;
}

/**
 * The entry's host is a very popular name: a catalog service domain with tier top or high
 * (facebook.com, docs.google.com, dropbox.com) or a popular parent (google.com, microsoft.com).
 * A more specific host under it (technet.microsoft.com) is not the parent and is not reported.
 */
export function prevalenceOf(host: string): Prevalence | null {
  const parent = popularParent(host);
  if (parent && parent.domain === host) return { tier: parent.popularity, label: parent.owner, domain: host };
  const svc = lookupService(host);
  if (svc && svc.domain === host && (svc.service.popularity === 'top' || svc.service.popularity === 'high')) {
    return { tier: svc.service.popularity, label: `${svc.service.name} (${svc.service.category})`, domain: host };
  }
  return null;
}
