import { parse } from 'tldts';

/**
 * The Public Suffix List through `tldts`, both sections: ICANN (com, co.uk) and private
 * (workers.dev, githubusercontent.com), where a platform declares that its customers' subdomains
 * are separate sites.
 */
interface SuffixInfo {
  /** The longest public suffix of the host (private section included), or null (IPs, unknown). */
  publicSuffix: string | null;
  /** That suffix comes from the private section (a platform, not a registry). */
  isPrivate: boolean;
  /** The suffix is a delegated top-level domain or ICANN registry suffix. */
  isIcann: boolean;
  /** The registrable domain (one label under the public suffix), or null when the host is a suffix itself. */
  registrableDomain: string | null;
  /** The host is itself a public suffix: it names every site under it, not one site. */
  isSuffix: boolean;
  /** The ICANN-only view: suffix and registrable domain ignoring the private section (who owns the name). */
  icannSuffix: string | null;
  icannRegistrable: string | null;
}

const cache = new Map<string, SuffixInfo>();

export function suffixInfo(host: string): SuffixInfo {
  const hit = cache.get(host);
  if (hit) return hit;
  const p = parse(host, { allowPrivateDomains: true, extractHostname: false });
  const icann = parse(host, { allowPrivateDomains: false, extractHostname: false });
  const info: SuffixInfo = {
    publicSuffix: p.publicSuffix,
    isPrivate: p.isPrivate === true,
    isIcann: p.isIcann === true,
    registrableDomain: p.domain,
    isSuffix: p.publicSuffix !== null && p.publicSuffix === host,
    icannSuffix: icann.isIcann ? icann.publicSuffix : null,
    icannRegistrable: icann.isIcann ? icann.domain : null,
  };
  if (cache.size > 50000) cache.clear();
  cache.set(host, info);
  return info;
}

/** The host ends in a delegated top-level domain (so it can be a public Internet name at all). */
export function hasIcannTld(host: string): boolean {
  return parse(host, { extractHostname: false }).isIcann === true;
}
