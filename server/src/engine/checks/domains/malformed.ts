import type { Check } from '../check';
import { entriesOf, replaceValue, shown } from './shared';

export const malformed: Check = {
  id: 'domains/malformed',
  defaultSeverity: 'warning',
  doc: 'A value in a host field that can never equal a host name: a scheme (`https://`), a path or trailing slash, a port, user information, whitespace, an empty label (`a..b`), characters host names cannot hold, a CIDR network without the `cidr` modifier, or an empty string with endswith/contains (which matches everything). A root dot at the end (`x.com.`) is information: most logs drop it. The quick fix strips what does not belong to the host.',
  kinds: ['sigma', 'kql', 'sentinel'],
  run(ctx) {
    for (const e of entriesOf(ctx.file)) {
      if (e.problems.length === 0) continue;
      if (e.fieldKind !== 'host' && !e.problems.some((p) => p.kind === 'whitespace' || p.kind === 'empty')) continue;
      const onlyDot = e.problems.every((p) => p.kind === 'trailing-dot');
      const reasons = e.problems.map((p) => p.detail).join('; ');
      const field = e.field ? ` in ${e.field}` : '';
      const what = e.problems.some((p) => p.kind === 'empty')
        ? `${shown(e)}${field} ${reasons}`
        : onlyDot
          ? `${shown(e)}${field} may never match: ${reasons}`
          : `${shown(e)}${field} can never equal a host name: ${reasons}`;
      const fix =
        e.stripped !== null && e.stripped !== e.value ? [{ title: `Strip it to '${e.stripped}'`, edits: [replaceValue(e, e.stripped)], preferred: true }] : [];
      const advice = e.stripped ? ` Use '${e.stripped}'.` : '';
      ctx.report({ range: e.range, message: `${what}.${advice}`, severity: onlyDot ? 'information' : 'warning', fixes: fix });
    }
  },
};
