import type { Check } from '../check';
import { compileSigmaRegex } from '../../sigma/regex';

export const invalidRegex: Check = {
  id: 'sigma/invalid-regex',
  defaultSeverity: 'error',
  doc: 'A `|re` value does not compile as a regular expression (unbalanced brackets, a bad escape, a PCRE-only construct). The rule cannot match as written.',
  kinds: ['sigma'],
  messages: { invalid: 'A |re value (data.pattern) that does not compile; the message says why.' },
  run(ctx) {
    for (const rule of ctx.file.sigma) {
      for (const search of rule.detection?.searches ?? []) {
        for (const group of search.groups) {
          for (const item of group.items) {
            const mods = item.modifiers.map((m) => m.value);
            if (!mods.includes('re')) continue;
            const flags = mods.filter((m) => m === 'i' || m === 'm' || m === 's').join('');
            for (const v of item.values) {
              if (typeof v.value !== 'string') continue;
              const { error } = compileSigmaRegex(v.value, flags);
              if (error) ctx.report({ range: v.range, message: `Invalid regular expression: ${error}.`, messageId: 'invalid', data: { pattern: v.value } });
            }
          }
        }
      }
    }
  },
};
