import type { Check } from '../check';
import { tenantSuffix } from '../../domains/breadth';
import { coversSubdomains } from '../../domains/matching';
import { allowlistFix, breadthSeverity, contextNote, entriesOf, isAllowlisted, namesWholeSite, shown } from './shared';

export const publicSuffix: Check = {
  id: 'domains/public-suffix',
  defaultSeverity: 'warning',
  doc: "An entry that is, or ends at, a public suffix or a multi-tenant platform (`workers.dev`, `pages.dev`, `trycloudflare.com`, `firebaseio.com`...) with a match that reaches its subdomains (endswith, contains, a leading `*`, KQL has/endswith): it matches every tenant of the platform, not the attacker's. Name the tenant hosts you are after, or AND the list with the processes that should not reach the platform. Exact hosts of services that separate tenants by path (raw.githubusercontent.com, storage.googleapis.com) are not reported. Information instead of warning when the list is ANDed with a narrow process or application selection.",
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
      const todo = tld ? 'If a whole TLD is what you mean, AND it with a narrow selection; otherwise list the hosts.' : `List the specific hosts (e.g. 'name.${t.suffix}'), or AND the list with the processes or applications that should never reach it.`;
      ctx.report({
        range: e.range,
        message: `${shown(e)} matches ${who}: ${why}. ${todo}${contextNote(e)}`,
        severity: tld ? 'information' : breadthSeverity(e, 'warning'),
        fixes: tld ? [] : [allowlistFix(t.suffix)],
      });
    }
  },
};
