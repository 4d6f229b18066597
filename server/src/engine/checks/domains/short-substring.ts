import type { Check } from '../check';
import { breadthSeverity, contextNote, entriesOf, isAllowlisted, shown } from './shared';

/** Fewer characters than this, without a dot, cannot name a site. */
const MIN_SPECIFIC = 6;

export const shortSubstring: Check = {
  id: 'domains/short-substring',
  defaultSeverity: 'warning',
  doc: "A `contains` entry (or `*x*`, KQL contains/has) on a host field that is too short to be specific: `git` matches github.com, digital-ocean hosts and legit.org alike. Entries of fewer than 6 characters without a dot, or of 3 characters or fewer, are reported; not in a `|all` list, where the other values must match too. Use a full host name with a boundary (`endswith: '.github.com'`).",
  kinds: ['sigma', 'kql', 'sentinel'],
  run(ctx) {
    for (const e of entriesOf(ctx.file)) {
      if (e.fieldKind !== 'host' || e.ip || e.context.polarity === 'exclude' || e.context.polarity === 'label') continue;
      const open = e.match === 'substring' || e.match === 'term' || (e.match === 'wildcard' && /^\*.*\*$/.test(e.value.trim()));
      // In a |all list the short value is only one of several required parts ('seed' and '.nkn.org').
      if (!open || (e.modifiers.includes('all') && e.context.narrowedBy.length > 0)) continue;
      const core = e.value.trim().replace(/^\*+|\*+$/g, '');
      if (core.length === 0 || isAllowlisted(e, ctx.config)) continue;
      const bare = core.replace(/^\.+|\.+$/g, '');
      // Punctuation-only patterns ('.', '==') look for a shape of name (any FQDN, encoded data), not a site.
      if (!/[a-z0-9]/i.test(bare)) continue;
      if (!(bare.length <= 3 || (!bare.includes('.') && bare.length < MIN_SPECIFIC))) continue;
      ctx.report({
        range: e.range,
        message: `${shown(e)} is too short to be specific: it matches any host with '${core}' anywhere in its name. Use a full host name, with a leading dot for subdomains.${contextNote(e)}`,
        severity: breadthSeverity(e, 'warning'),
      });
    }
  },
};
