import type { Check } from '../check';
import { prevalenceOf } from '../../domains/breadth';
import { allowlistFix, contextNote, entriesOf, isAllowlisted, namesWholeSite, shown } from './shared';

export const highPrevalence: Check = {
  id: 'domains/high-prevalence',
  defaultSeverity: 'warning',
  doc: "An entry naming a very popular domain (`google.com`, `microsoft.com`, `facebook.com`, `docs.google.com`...; popularity tier top in the web-service catalog): ordinary traffic will match it all day. Narrow it to the hosts or URL paths the abuse uses, AND the list with the processes that should not talk to it, or add the domain to `domains.allowlist` if it is sanctioned. Tier high (dropbox.com, discord.com) and exact matches are reported as information, as are lists ANDed with a narrow process or application selection.",
  kinds: ['sigma', 'kql', 'sentinel'],
  run(ctx) {
    for (const e of entriesOf(ctx.file)) {
      if (!e.host || e.ip || e.context.polarity === 'exclude' || e.context.polarity === 'label' || !namesWholeSite(e) || e.problems.some((p) => p.kind !== 'trailing-dot')) continue;
      const p = prevalenceOf(e.host);
      if (!p || isAllowlisted(e, ctx.config)) continue;
      const mild = p.tier !== 'top' || e.match === 'exact' || e.match === 'prefix' || e.context.narrowedBy.length > 0 || e.fieldKind === 'text';
      const how = p.tier === 'top' ? 'one of the most visited domains, present in nearly every network' : 'common in enterprise traffic';
      ctx.report({
        range: e.range,
        message: `${shown(e)} covers ${p.label}, ${how}: expect many matches from ordinary use. Narrow it to the hosts or paths the abuse uses, AND it with the processes that should not reach it, or allowlist it if sanctioned.${contextNote(e)}`,
        severity: mild ? 'information' : 'warning',
        fixes: [allowlistFix(p.domain)],
      });
    }
  },
};
