import type { Check } from '../check';
import { MODIFIER_NAMES, isKnownModifier } from '../../sigma/modifiers';
import { nearest, nearestUnique } from '../../util/nearest';

const REGEX_FLAGS = new Set(['i', 'm', 's']);
const STRING_MATCHERS = new Set(['contains', 'startswith', 'endswith']);

export const unknownModifier: Check = {
  id: 'sigma/unknown-modifier',
  defaultSeverity: 'error',
  doc: 'A `field|modifier` names a modifier the Sigma specification does not define (a typo such as `|endwith`, or a backend-specific one). Backends reject the rule. The quick fix replaces it with the nearest valid modifier. Also reported: modifiers that cannot be combined (`re` with `contains`, regex flags without `re`).',
  kinds: ['sigma'],
  run(ctx) {
    for (const rule of ctx.file.sigma) {
      for (const search of rule.detection?.searches ?? []) {
        for (const group of search.groups) {
          for (const item of group.items) {
            const names = item.modifiers.map((m) => m.value);
            for (const m of item.modifiers) {
              if (isKnownModifier(m.value)) continue;
              const lower = m.value.toLowerCase();
              const guess = isKnownModifier(lower) ? lower : nearest(lower, MODIFIER_NAMES, 3);
              // Case, or a typo with one nearest modifier (`endwith`): the intent is clear.
              const safe = guess !== null && (guess === lower || nearestUnique(lower, MODIFIER_NAMES, 2) === guess);
              ctx.report({
                range: m.range,
                message: m.value === '' ? `Empty modifier in '${item.key}' (two '|' in a row or a trailing '|').` : `Unknown modifier '${m.value}'.${guess ? ` Did you mean '${guess}'?` : ''}`,
                fixes: guess ? [{ title: `Change to '${guess}'`, preferred: true, safe, edits: [{ range: m.range, newText: guess }] }] : [],
              });
            }
            const hasRe = names.includes('re');
            for (const m of item.modifiers) {
              if (REGEX_FLAGS.has(m.value) && !hasRe) {
                ctx.report({ range: m.range, message: `'${m.value}' is a regex flag: it only applies together with '|re'.` });
              }
              if (hasRe && STRING_MATCHERS.has(m.value)) {
                ctx.report({ range: m.range, message: `'${m.value}' cannot be combined with '|re': a regular expression already says where it matches.` });
              }
            }
          }
        }
      }
    }
  },
};
