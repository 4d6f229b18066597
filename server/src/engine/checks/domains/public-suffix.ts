import type { Severity } from '../../core/diagnostic';
import type { SourceFile } from '../../document/source';
import type { Check } from '../check';
import type { DomainEntry } from '../../domains/entry';
import { tenantSuffix, type TenantSuffix } from '../../domains/breadth';
import { coversSubdomains } from '../../domains/matching';
import { isAboutService } from '../../domains/topic';
import { allowlistFix, contextNote, entriesOf, isAllowlisted, namesWholeSite, shown } from './shared';

/**
 * Severity policy (README codes table): a warning only where ordinary enterprise traffic reaches the
 * platform's tenants all day (catalog `enterpriseUse: heavy`) and the rule is not about that
 * platform and not narrowed; information otherwise (a tunnel rule matching `.ngrok.dev` means every
 * tenant on purpose; a rarely used platform matched whole costs few false positives).
 */
function judge(file: SourceFile, e: DomainEntry, t: TenantSuffix): { severity: Severity; note: string } {
  if (t.source === 'psl-icann') return { severity: 'information', note: '' };
  const svc = t.service;
  if (svc && isAboutService(file, e, svc))
    return { severity: 'information', note: ` (Reported as information: the rule is about ${svc.name}, so matching every tenant looks intended.)` };
  const narrowed = contextNote(e);
  if (narrowed) return { severity: 'information', note: narrowed };
  const use = svc?.enterpriseUse;
  if (use?.level === 'heavy') return { severity: 'warning', note: ` Ordinary enterprise traffic reaches it all day: ${use.basis}` };
  const why = use
    ? `ordinary enterprise traffic ${use.level === 'rare' ? 'seldom reaches' : 'reaches only some of'} ${svc?.name ?? t.suffix} (web-service catalog: ${use.level})`
    : `Tripline's catalog has no sign that ordinary enterprise traffic uses '${t.suffix}' heavily`;
  return { severity: 'information', note: ` (Reported as information: ${why}.)` };
}

export const publicSuffix: Check = {
  id: 'domains/public-suffix',
  defaultSeverity: 'warning',
  doc: "An entry that is, or ends at, a public suffix or a multi-tenant platform (`workers.dev`, `pages.dev`, `trycloudflare.com`, `firebaseio.com`...) with a match that reaches its subdomains (endswith, contains, a leading `*`, KQL has/endswith): it matches every tenant of the platform, not the attacker's. A warning where ordinary enterprise traffic uses the platform heavily (`enterpriseUse: heavy` in the web-service catalog: SharePoint, githubusercontent.com, S3, Azure Blob and App Service, CloudFront, Front Door...) and the rule is not about that platform; information where the rule is about it (title, description, tags, logsource, several of its domains: an ngrok rule on `.ngrok.dev`), where the platform is rarely used, for a whole TLD, or when the list is ANDed with a narrow process or application selection. Exact hosts of services that separate tenants by path (raw.githubusercontent.com, storage.googleapis.com) and entries in an exclusion are not reported.",
  kinds: ['sigma', 'kql', 'sentinel'],
  run(ctx) {
    for (const e of entriesOf(ctx.file)) {
      if (!e.host || e.ip || e.context.polarity === 'exclude' || e.context.polarity === 'label' || !coversSubdomains(e) || !namesWholeSite(e)) continue;
      const t = tenantSuffix(e.host);
      if (!t || isAllowlisted(e, ctx.config)) continue;
      const tld = t.source === 'psl-icann';
      const who = t.service ? `every ${t.service.name} site` : tld ? `every site registered under '.${t.suffix}'` : `every tenant of '${t.suffix}'`;
      const why =
        t.source === 'psl-private'
          ? `'${t.suffix}' is a public suffix (Public Suffix List, private section): each name under it belongs to a different customer`
          : t.source === 'psl-icann'
            ? `'${t.suffix}' is a public suffix (ICANN section): anyone can register a name under it`
            : `${t.service?.name ?? t.suffix} gives every customer a subdomain of '${t.suffix}' (not on the Public Suffix List, from Tripline's web-service catalog)`;
      const todo = tld
        ? 'If a whole TLD is what you mean, AND it with a narrow selection; otherwise list the hosts.'
        : `List the specific hosts (e.g. 'name.${t.suffix}'), or AND the list with the processes or applications that should never reach it.`;
      const { severity, note } = judge(ctx.file, e, t);
      ctx.report({
        range: e.range,
        message: `${shown(e)} matches ${who}: ${why}. ${todo}${note}`,
        severity,
        fixes: tld ? [] : [allowlistFix(t.suffix)],
      });
    }
  },
};
