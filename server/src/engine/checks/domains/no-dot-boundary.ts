import type { Fix } from '../../core/diagnostic';
import type { Check } from '../check';
import { crossesOwnership } from '../../domains/breadth';
import { allowlistFix, contextNote, entriesOf, isAllowlisted, replaceValue, shown } from './shared';
import { splitFix } from './sigma-fixes';

export const noDotBoundary: Check = {
  id: 'domains/no-dot-boundary',
  defaultSeverity: 'warning',
  doc: "An `endswith` entry (or a leading `*`, or KQL `endswith`) on a host field without a leading dot: `dropboxapi.com` also matches `evildropboxapi.com`, a name anyone can register. Only entries whose unbounded label is the registrable one are reported (`cdn.discordapp.com` can only reach hosts Discord owns). Fixes: add the dot (drops the bare domain), or match `*.x.com` plus the exact `x.com`. A warning where the entry excludes (a Sigma filter under `not`, KQL `!endswith`, `not(...)`): an attacker registers a look-alike such as `evilmicrosoft.com` and bypasses the rule. Information where it selects (the extra match on look-alikes is harmless over-match). Nothing below a registrable domain or on a dotless value.",
  kinds: ['sigma', 'kql', 'sentinel'],
  run(ctx) {
    for (const e of entriesOf(ctx.file)) {
      // URL columns such as Defender's RemoteUrl often hold a bare host: an endswith with no path ends at the host.
      if (!e.host || e.ip || e.leftBoundary || !(e.fieldKind === 'host' || (e.fieldKind === 'url' && e.match === 'suffix' && e.path === ''))) continue;
      const suffixLike = e.match === 'suffix' || (e.match === 'wildcard' && /^\*+[^*?.]/.test(e.value.trim()) && !/[*?]/.test(e.value.trim().replace(/^\*+/, '')));
      if (!suffixLike || e.problems.some((p) => p.kind !== 'trailing-dot')) continue;
      // A dotless value ('1', 'com') is no registrable domain: nothing to register under it.
      if (e.context.polarity === 'label' || !e.host.includes('.') || !crossesOwnership(e.host) || isAllowlisted(e, ctx.config)) continue;
      const h = e.host;
      const exclude = e.context.polarity === 'exclude';
      const fixes: Fix[] = [];
      const split = splitFix(ctx.file, e, h);
      const dotted = e.match === 'wildcard' ? e.value.trim().replace(/^\*+/, '*.') : `.${e.value}`;
      fixes.push({ title: `Add the leading dot: '${dotted}' (no longer matches the bare '${h}')`, edits: [replaceValue(e, dotted)], preferred: !split });
      if (split) fixes.unshift({ ...split, preferred: true });
      if (!exclude) fixes.push(allowlistFix(h));
      const message = exclude
        ? `${shown(e)} has no leading dot in an exclusion: a look-alike registration such as 'evil${h}' is excluded too, so an attacker who registers one bypasses the rule. Use '.${h}' plus the exact '${h}'.`
        : `${shown(e)} has no leading dot: it also matches 'evil${h}' and any other name ending in '${h}', which anyone can register. Use '.${h}' (subdomains) plus the exact '${h}' if the bare domain matters. (Reported as information: in a selection the extra match only adds look-alike hosts, which are rarely benign.)${contextNote(e)}`;
      // An exclusion is where the gap is a bypass; in a selection it is harmless over-match.
      ctx.report({ range: e.range, message, severity: exclude ? 'warning' : 'information', fixes });
    }
  },
};
