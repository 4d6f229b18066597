import type { Check } from '../check';
import { prevalenceOf } from '../../domains/breadth';
import { isAboutService } from '../../domains/topic';
import { lookupService } from '../../webservices/catalog';
import { allowlistFix, contextNote, entriesOf, isAllowlisted, namesWholeSite, shown } from './shared';

export const highPrevalence: Check = {
  id: 'domains/high-prevalence',
  defaultSeverity: 'warning',
  doc: 'An entry naming a very popular domain (`google.com`, `microsoft.com`, `facebook.com`, `docs.google.com`...; popularity tier top in the web-service catalog): ordinary traffic will match it all day. Narrow it to the hosts or URL paths the abuse uses, AND the list with the processes that should not talk to it, or add the domain to `domains.allowlist` if it is sanctioned. Tier high (dropbox.com, discord.com) and exact matches are reported as information, as are lists ANDed with a narrow process or application selection, rules about that service (title, description, tags, several of its domains) and rules that exclude process or application filters (there `domains/noisy-in-samples` measures what remains). Entries in an exclusion are not reported.',
  kinds: ['sigma', 'kql', 'sentinel'],
  run(ctx) {
    for (const e of entriesOf(ctx.file)) {
      if (
        !e.host ||
        e.ip ||
        e.context.polarity === 'exclude' ||
        e.context.polarity === 'label' ||
        !namesWholeSite(e) ||
        e.problems.some((p) => p.kind !== 'trailing-dot')
      )
        continue;
      const p = prevalenceOf(e.host);
      if (!p || isAllowlisted(e, ctx.config)) continue;
      const svc = lookupService(e.host);
      const about = svc && svc.domain === e.host && isAboutService(ctx.file, e, svc.service) ? svc.service.name : null;
      const excluded = e.context.excludedBy ?? [];
      const mild =
        p.tier !== 'top' ||
        e.match === 'exact' ||
        e.match === 'prefix' ||
        e.context.narrowedBy.length > 0 ||
        e.fieldKind === 'text' ||
        !!about ||
        excluded.length > 0;
      const note = about
        ? ` (Reported as information: the rule is about ${about}; its filters, not the list, must keep ordinary use out.)`
        : excluded.length > 0 && e.context.narrowedBy.length === 0 && e.fieldKind !== 'text'
          ? ` (Reported as information: the rule excludes ${excluded.slice(0, 2).join(' and ')}; domains/noisy-in-samples measures what remains.)`
          : contextNote(e);
      const how = p.tier === 'top' ? 'one of the most visited domains, present in nearly every network' : 'common in enterprise traffic';
      ctx.report({
        range: e.range,
        message: `${shown(e)} covers ${p.label}, ${how}: expect many matches from ordinary use. Narrow it to the hosts or paths the abuse uses, AND it with the processes that should not reach it, or allowlist it if sanctioned.${note}`,
        severity: mild ? 'information' : 'warning',
        fixes: [allowlistFix(p.domain)],
      });
    }
  },
};
