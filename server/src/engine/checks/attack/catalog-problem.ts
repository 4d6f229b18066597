import type { Check } from '../check';
import { attackMappings } from '../../attack/mapping';

export const catalogProblem: Check = {
  id: 'attack/catalog',
  defaultSeverity: 'warning',
  doc: 'The ATT&CK bundles named in the `attack.bundles` setting could not be read or converted; Tripline falls back to its shipped catalog and says so on every file with an ATT&CK mapping.',
  kinds: ['sigma', 'sentinel'],
  run(ctx) {
    const m = attackMappings(ctx.file, ctx.config);
    if (!m.problem) return;
    const first = m.rules.flatMap((r) => r.tags)[0];
    if (first) ctx.report({ range: first.item.range, message: m.problem });
  },
};
