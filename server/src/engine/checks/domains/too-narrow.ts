import type { Fix } from '../../core/diagnostic';
import type { DomainEntry } from '../../domains/entry';
import { suffixInfo } from '../../domains/psl';
import { lookupService, type WebService } from '../../webservices/catalog';
import type { Check } from '../check';
import { entriesOf, isAllowlisted, quoteLike, shown } from './shared';
import { insertAfter } from './sigma-fixes';

/**
 * Fields whose values are whole URLs (scheme, host, path) in every schema that has them: an exact
 * bare host never equals one. Defender's `RemoteUrl` is not among them: it often holds a bare host.
 */
const FULL_URL_FIELDS = new Set([
  'c-uri',
  'cs-uri',
  'url',
  'url.full',
  'url.original',
  'request_url',
  'fileoriginurl',
  'targeturl',
  'http.request.referrer',
  'cs-referer',
  'referrer',
  'packagesourceuri',
]);

/**
 * Fields that hold a bare host name for most records and a URL for some: Defender's `RemoteUrl`
 * (the FQDN of a connection; a URL only where the sensor saw an HTTP request, never the path of an
 * HTTPS one, which is encrypted on the wire).
 */
const MOSTLY_HOST_FIELDS = new Set(['remoteurl']);

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * A KQL `has`/`has_any`/`==`/`in` value that is a whole URL (scheme or path) on a mostly-host field.
 * Kusto's `has` splits both sides into terms (maximal alphanumeric runs) and needs the value's terms
 * to occur in the column as one run: `has "https://x.com/a"` needs `https`, `x`, `com` and `a` in
 * that order, which a bare `x.com` record never holds. The message, or null when it can match.
 */
function urlOnHostField(e: DomainEntry, host: string): string | null {
  if (e.format !== 'kql' || (e.match !== 'term' && e.match !== 'exact') || !MOSTLY_HOST_FIELDS.has(e.field.toLowerCase())) return null;
  const scheme = SCHEME.exec(e.value.trim())?.[0] ?? '';
  const path = e.path !== '' && e.path !== '/';
  if (!scheme && !path) return null;
  const how = e.match === 'term' ? `as whole terms (${e.modifiers[0] ?? 'has'} matches the value's terms as one run)` : `exactly (${e.modifiers[0] ?? '=='})`;
  const https = /^https:/i.test(scheme) && path ? ' It can never match an HTTPS connection: its path is encrypted, the sensor sees only the host.' : '';
  const parts = [scheme && `the scheme '${scheme}'`, path && `the path '${e.path}'`].filter(Boolean).join(' and ');
  return `${shown(e)} is compared ${how} with ${e.field}, which holds the bare host name ('${host}') for most connections: with ${parts} in the value, it matches only records that carry them and misses the rest of the traffic to ${host}.${https} Use \`${e.field} has "${host}"\` (the host and its subdomains), and keep the URL for a proxy URL column.`;
}

/** The entry reaches subdomains (or the whole URL) some other way in the same file: an `endswith '.x'`, `has`, `contains`... on the same field. */
function coveredElsewhere(all: readonly DomainEntry[], e: DomainEntry, host: string): boolean {
  const field = e.field.toLowerCase();
  return all.some((o) => {
    if (o === e || !o.host || o.field.toLowerCase() !== field || o.context.polarity !== e.context.polarity) return false;
    const reaches = o.match === 'suffix' || o.match === 'substring' || o.match === 'term' || (o.match === 'wildcard' && o.value.trim().startsWith('*'));
    return reaches && (o.host === host || host.endsWith(`.${o.host}`));
  });
}

/** A catalog service whose customers are NAME.<host>: nobody's traffic goes to the bare host. */
function subdomainPlatform(host: string): WebService | null {
  const m = lookupService(host);
  return m && m.domain === host && m.service.multiTenant === 'subdomain' ? m.service : null;
}

function sigmaFix(file: Parameters<typeof insertAfter>[0], e: DomainEntry, host: string): Fix[] {
  if (e.format !== 'sigma' || e.fieldKind !== 'host') return [];
  const title = `Also match its subdomains: add '*.${host}' beside '${host}'`;
  const add = insertAfter(file, e, `*.${host}`);
  if (add) return [{ title, edits: [add], preferred: true }];
  if (e.syntax.list === 'none')
    return [{ title, edits: [{ range: e.range, newText: `[${quoteLike(e, `*.${host}`)}, ${quoteLike(e, e.value)}]` }], preferred: true }];
  return [];
}

export const tooNarrow: Check = {
  id: 'domains/too-narrow',
  defaultSeverity: 'warning',
  doc: "A KQL whole URL (scheme or path) compared with `has`, `has_any`, `==` or `in` against Defender's `RemoteUrl`, which holds the bare host for most connections (and never the path of an HTTPS request): the terms of the scheme and path must be in the column, so it misses the host-only records. And a host entry compared exactly (a Sigma plain value, KQL `==`, `=~`, `in`, `in~`) where the traffic it is after never has exactly that value: against a URL-valued field (`c-uri`, `url.full`; Defender's `RemoteUrl` for a registrable domain, whose beacons go to subdomains), or against a host field where the service is used through subdomains (`ngrok.io`, `duckdns.org`, `workers.dev`: every tenant is NAME.x). The list then silently misses what it should catch — the opposite of a broad list. Fixes: Sigma `'*.x'` beside the exact `'x'` (or `endswith: '.x'` plus the exact host), KQL `has`/`has_any` or `endswith \".x\"` plus `== \"x\"`. Only selections are reported (an exact exclusion is merely strict); not when another entry of the same field already reaches the subdomains.",
  kinds: ['sigma', 'kql', 'sentinel'],
  run(ctx) {
    const all = entriesOf(ctx.file);
    for (const e of all) {
      if (e.host && !e.ip && e.context.polarity !== 'exclude' && e.context.polarity !== 'label' && !isAllowlisted(e, ctx.config)) {
        const url = urlOnHostField(e, e.host);
        if (url) {
          ctx.report({ range: e.range, message: url, severity: 'warning' });
          continue;
        }
      }
      if (e.match !== 'exact' || !e.host || e.ip || e.path !== '' || e.context.polarity === 'exclude' || e.context.polarity === 'label') continue;
      if (e.fieldKind === 'text' || e.problems.some((p) => p.kind !== 'trailing-dot') || /^[a-z][a-z0-9+.-]*:\/\//i.test(e.value.trim())) continue;
      const host = e.host;
      if (coveredElsewhere(all, e, host) || isAllowlisted(e, ctx.config)) continue;
      const op = e.format === 'sigma' ? 'exactly' : `exactly (${e.modifiers[0] ?? '=='})`;
      const kqlFix = `Use \`${e.field} has "${host}"\` (has_any for a list: whole-term match on the host and its subdomains) or \`endswith ".${host}"\` plus \`== "${host}"\`.`;
      let message: string;
      let fixes: Fix[] = [];
      if (e.fieldKind === 'url') {
        const fullUrl = FULL_URL_FIELDS.has(e.field.toLowerCase());
        // Registrable in the ownership sense (ICANN): raw.githubusercontent.com is one host, avsvmcloud.com a whole domain.
        const registrable = suffixInfo(host).icannRegistrable === host || subdomainPlatform(host) !== null;
        if (!fullUrl && !registrable) continue;
        const misses = fullUrl ? `every URL ('https://${host}/...') and every subdomain` : `every subdomain (such as 'x.${host}') and every full URL`;
        const fix =
          e.format === 'sigma'
            ? `Use \`${e.field}|contains: '://${host}/'\` for the host itself, or compare a host field (cs-host, DestinationHostname) with \`endswith: '.${host}'\` plus the exact '${host}'.`
            : kqlFix;
        message = `${shown(e)} is compared ${op} with ${e.field}, which holds URLs: it matches only the bare value '${host}' and misses ${misses}, where the traffic goes. ${fix}`;
      } else {
        const svc = subdomainPlatform(host);
        if (!svc) continue;
        const fix = e.format === 'sigma' ? `Add '*.${host}' beside it (or use \`|endswith: '.${host}'\` plus the exact host).` : kqlFix;
        message = `${shown(e)} is compared ${op} with ${e.field}, but ${svc.name} is used through subdomains (every customer is NAME.${host}): the bare host is hardly ever contacted, so this entry misses the traffic it is after. ${fix}`;
        fixes = sigmaFix(ctx.file, e, host);
      }
      ctx.report({ range: e.range, message, severity: 'warning', fixes });
    }
  },
};
