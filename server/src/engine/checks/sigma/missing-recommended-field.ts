import type { Check } from '../check';
import { profileOf } from '../../config/profiles';

/** Fields the Sigma specification makes optional but every shared rule should carry. */
const RECOMMENDED = ['id', 'level', 'author', 'description'];
/** SigmaHQ's repository also requires these (its validators' *_existence checks). */
const SIGMAHQ = [...RECOMMENDED, 'date', 'status'];

export const missingRecommendedField: Check = {
  id: 'sigma/missing-recommended-field',
  defaultSeverity: 'information',
  doc: 'A detection rule without `id`, `level`, `author` or `description`. The specification makes them optional, but without an id a rule cannot be referenced or tracked across renames, without a level a SIEM cannot prioritise its alerts, and a reviewer needs to know who wrote it and what it is meant to catch. Information by default; a warning under the `strict` and `sigmahq` profiles, where `date` and `status` are required too (`sigmahq`).',
  kinds: ['sigma'],
  run(ctx) {
    const wanted = profileOf(ctx.config) === 'sigmahq' ? SIGMAHQ : RECOMMENDED;
    for (const rule of ctx.file.sigma) {
      if (rule.type !== 'detection' || rule.entries.has('action')) continue;
      const missing = wanted.filter((k) => !rule.entries.has(k));
      if (missing.length === 0) continue;
      const eol = ctx.file.index.lineEnd(rule.range.start.line);
      const list = missing.map((k) => `\`${k}\``).join(', ');
      ctx.report({
        range: { start: rule.range.start, end: ctx.file.index.position(eol) },
        message: `The rule has no ${list}: shared rules should say ${missing.length === 1 ? 'it' : 'them'} (the specification leaves ${missing.length === 1 ? 'it' : 'them'} optional).`,
      });
    }
  },
};
