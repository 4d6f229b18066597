import type { Fix } from '../../core/diagnostic';
import type { Check } from '../check';
import { crossesOwnership } from '../../domains/breadth';
import { allowlistFix, contextNote, entriesOf, isAllowlisted, replaceValue, shown } from './shared';
import { splitFix } from './sigma-fixes';

export const noDotBoundary: Check = {
  id: 'domains/no-dot-boundary',
  defaultSeverity: 'warning',
  doc: "An `endswith` entry (or a leading `*`, or KQL `endswith`) on a host field without a leading dot: `dropboxapi.com` also matches `evildropboxapi.com`, a name anyone can register. Only entries whose unbounded label is the registrable one are reported (`cdn.discordapp.com` can only reach hosts Discord owns). Fixes: add the dot (drops the bare domain), or match `*.x.com` plus the exact `x.com`. In a filter (under `not`) the same gap lets look-alike domains escape the rule; reported as information there.",
  kinds: ['sigma', 'kql', 'sentinel'],
  run(ctx) {
    for (const e of entriesOf(ctx.file)) {
      // URL columns such as Defender's RemoteUrl often hold a bare host: an endswith with no path ends at the host.
      if (!e.host || e.ip || e.leftBoundary || !(e.fieldKind === 'host' || (e.fieldKind === 'url' && e.match === 'suffix' && e.path === ''))) continue;
      const suffixLike = e.match === 'suffix' || (e.match === 'wildcard' && /^\*+[^*?.]/.test(e.value.trim()) && !/[*?]/.test(e.value.trim().replace(/^\*+/, '')));
      if (!suffixLike || e.problems.some((p) => p.kind !== 'trailing-dot')) continue;
      if (e.context.polarity === 'label' || !crossesOwnership(e.host) || isAllowlisted(e, ctx.config)) continue;
      const h = e.host;
      const exclude = e.context.polarity === 'exclude';
      const fixes: Fix[] = [];
      const split = splitFix(ctx.file, e, h);
      const dotted = e.match === 'wildcard' ? e.value.trim().replace(/^\*+/, '*.') : `.${e.value}`;
      fixes.push({ title: `Add the leading dot: '${dotted}' (no longer matches the bare '${h}')`, edits: [replaceValue(e, dotted)], preferred: !split });
      if (split) fixes.unshift({ ...split, preferred: true });
      if (!exclude) fixes.push(allowlistFix(h));
      const message = exclude
        ? `${shown(e)} has no leading dot, so this filter also excludes look-alikes such as 'evil${h}': an attacker can register one to escape the rule. Use '.${h}' plus the exact '${h}'.`
        : `${shown(e)} has no leading dot: it also matches 'evil${h}' and any other name ending in '${h}', which anyone can register. Use '.${h}' (subdomains) plus the exact '${h}' if the bare domain matters.${contextNote(e)}`;
      ctx.report({ range: e.range, message, severity: exclude || e.context.narrowedBy.length > 0 ? 'information' : 'warning', fixes });
    }
  },
};
