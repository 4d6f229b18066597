import type { Fix } from '../../core/diagnostic';
import type { DomainEntry } from '../../domains/entry';
import type { TriplineConfig } from '../../config/config';
import type { Check, CheckContext } from '../check';
import { crossesOwnership } from '../../domains/breadth';
import { allowlistFix, contextNote, entriesOf, isAllowlisted, replaceValue, shown } from './shared';
import { endswithKeepExactFix, MAX_REWRITE_VALUES, wildcardSplitFix } from './sigma-fixes';

/** The entry matches `evil<host>` too: an unbounded suffix on a registrable domain. */
function unbounded(e: DomainEntry, config: TriplineConfig): e is DomainEntry & { host: string } {
  // URL columns such as Defender's RemoteUrl often hold a bare host: an endswith with no path ends at the host.
  if (!e.host || e.ip || e.leftBoundary || !(e.fieldKind === 'host' || (e.fieldKind === 'url' && e.match === 'suffix' && e.path === ''))) return false;
  const suffixLike = e.match === 'suffix' || (e.match === 'wildcard' && /^\*+[^*?.]/.test(e.value.trim()) && !/[*?]/.test(e.value.trim().replace(/^\*+/, '')));
  if (!suffixLike || e.problems.some((p) => p.kind !== 'trailing-dot')) return false;
  // A dotless value ('1', 'com') is no registrable domain: nothing to register under it.
  return e.context.polarity !== 'label' && e.host.includes('.') && crossesOwnership(e.host) && !isAllowlisted(e, config);
}

/** The entry with its label boundary: `.x.com` for endswith, `*.x.com` for a wildcard. */
function dottedValue(e: DomainEntry): string {
  return e.match === 'wildcard' ? e.value.trim().replace(/^\*+/, '*.') : `.${e.value}`;
}

/**
 * Entry-scoped fixes first (they change only the entry the user pointed at), then the list-wide
 * "Fix all" when the entry's list has other unbounded entries.
 */
function fixesFor(ctx: CheckContext, e: DomainEntry & { host: string }, fixAll: Fix | undefined): Fix[] {
  const fixes: Fix[] = [];
  const keepExact = wildcardSplitFix(ctx.file, e) ?? endswithKeepExactFix(ctx.file, e);
  if (keepExact) fixes.push(keepExact);
  // The dot alone is the fix "fix all" applies when keeping the exact host needs a restructured map.
  fixes.push({ title: `Add the dot: '${dottedValue(e)}'`, edits: [replaceValue(e, dottedValue(e))], preferred: !keepExact?.preferred });
  if (fixAll) fixes.push(fixAll);
  if (e.context.polarity !== 'exclude') fixes.push(allowlistFix(e.host));
  return fixes;
}

export const noDotBoundary: Check = {
  id: 'domains/no-dot-boundary',
  defaultSeverity: 'warning',
  doc: "An `endswith` entry (or a leading `*`, or KQL `endswith`) on a host field without a leading dot: `dropboxapi.com` also matches `evildropboxapi.com`, a name anyone can register. Only entries whose unbounded label is the registrable one are reported (`cdn.discordapp.com` can only reach hosts Discord owns). Fixes on the entry: `'.x.com'` plus the exact `'x.com'` (a wildcard list gets `'*.x.com'` and `'x.com'`; an endswith list keeps its modifier and the exact host goes into a second map of the search, `Field: 'x.com'`, ORed), or only the dot (drops the bare domain); separately, \"Fix all no-dot-boundary in this list\" adds the dot to every such entry of the list. A warning where the entry excludes (a Sigma filter under `not`, KQL `!endswith`, `not(...)`): an attacker registers a look-alike such as `evilmicrosoft.com` and bypasses the rule. Information where it selects (the extra match on look-alikes is harmless over-match). Nothing below a registrable domain or on a dotless value.",
  kinds: ['sigma', 'kql', 'sentinel'],
  run(ctx) {
    const flagged = entriesOf(ctx.file).filter((e) => unbounded(e, ctx.config));
    const lists = new Map<string, DomainEntry[]>();
    for (const e of flagged) {
      const list = lists.get(e.listId);
      if (list) list.push(e);
      else lists.set(e.listId, [e]);
    }
    // One list-wide fix per list, shared by its entries' findings (a list can hold thousands).
    const fixAll = new Map<string, Fix>();
    for (const [id, list] of lists)
      if (list.length > 1 && list.length <= MAX_REWRITE_VALUES)
        fixAll.set(id, { title: 'Fix all no-dot-boundary in this list: add dots', edits: list.map((x) => replaceValue(x, dottedValue(x))) });
    for (const e of flagged) {
      const h = e.host;
      const exclude = e.context.polarity === 'exclude';
      const message = exclude
        ? `${shown(e)} has no leading dot in an exclusion: a look-alike registration such as 'evil${h}' is excluded too, so an attacker who registers one bypasses the rule. Use '.${h}' plus the exact '${h}'.`
        : `${shown(e)} has no leading dot: it also matches 'evil${h}' and any other name ending in '${h}', which anyone can register. Use '.${h}' (subdomains) plus the exact '${h}' if the bare domain matters. (Reported as information: in a selection the extra match only adds look-alike hosts, which are rarely benign.)${contextNote(e)}`;
      // An exclusion is where the gap is a bypass; in a selection it is harmless over-match.
      ctx.report({ range: e.range, message, severity: exclude ? 'warning' : 'information', fixes: () => fixesFor(ctx, e, fixAll.get(e.listId)) });
    }
  },
};
