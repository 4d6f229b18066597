import type { Check, CheckContext } from '../check';
import type { Range } from '../../core/position';
import { MODIFIER_NAMES, isKnownModifier } from '../../sigma/modifiers';
import { nearest, nearestUnique } from '../../util/nearest';

const REGEX_FLAGS = new Set(['i', 'm', 's']);
const STRING_MATCHERS = new Set(['contains', 'startswith', 'endswith']);

/**
 * An empty modifier sits right after a '|': the fix removes that '|'. (A nearest-name guess for ''
 * would insert the shortest modifier, `i`, a regex flag that breaks the item another way.)
 */
function reportEmpty(ctx: CheckContext, range: Range, key: string): void {
  const pipe = { start: { line: range.start.line, character: range.start.character - 1 }, end: range.start };
  ctx.report({
    range,
    message: `Empty modifier in '${key}' (two '|' in a row or a trailing '|').`,
    fixes: [{ title: "Remove the extra '|'", preferred: true, safe: true, edits: [{ range: pipe, newText: '' }] }],
    messageId: 'empty',
    data: { key },
  });
}

export const unknownModifier: Check = {
  id: 'sigma/unknown-modifier',
  defaultSeverity: 'error',
  doc: 'A `field|modifier` names a modifier the Sigma specification does not define (a typo such as `|endwith`, or a backend-specific one). Backends reject the rule. The quick fix replaces it with the nearest valid modifier. Also reported: modifiers that cannot be combined (`re` with `contains`, regex flags without `re`).',
  kinds: ['sigma'],
  messages: {
    unknown: 'A modifier (data.modifier) the specification does not define; data.suggestion is the nearest valid one, if any.',
    empty: "An empty modifier in a key (data.key): two '|' in a row or a trailing '|'.",
    flagWithoutRe: 'A regex flag (data.modifier: i, m or s) on an item without |re.',
    matcherWithRe: 'contains, startswith or endswith (data.modifier) combined with |re.',
  },
  run(ctx) {
    for (const rule of ctx.file.sigma) {
      for (const search of rule.detection?.searches ?? []) {
        for (const group of search.groups) {
          for (const item of group.items) {
            const names = item.modifiers.map((m) => m.value);
            for (const m of item.modifiers) {
              if (isKnownModifier(m.value)) continue;
              if (m.value === '') {
                reportEmpty(ctx, m.range, item.key);
                continue;
              }
              const lower = m.value.toLowerCase();
              const guess = isKnownModifier(lower) ? lower : nearest(lower, MODIFIER_NAMES, 3);
              // Case, or a typo with one nearest modifier (`endwith`): the intent is clear.
              const safe = guess !== null && (guess === lower || nearestUnique(lower, MODIFIER_NAMES, 2) === guess);
              ctx.report({
                range: m.range,
                message: `Unknown modifier '${m.value}'.${guess ? ` Did you mean '${guess}'?` : ''}`,
                fixes: guess ? [{ title: `Change to '${guess}'`, preferred: true, safe, edits: [{ range: m.range, newText: guess }] }] : [],
                messageId: 'unknown',
                data: guess ? { modifier: m.value, suggestion: guess } : { modifier: m.value },
              });
            }
            const hasRe = names.includes('re');
            for (const m of item.modifiers) {
              if (REGEX_FLAGS.has(m.value) && !hasRe) {
                ctx.report({
                  range: m.range,
                  message: `'${m.value}' is a regex flag: it only applies together with '|re'.`,
                  messageId: 'flagWithoutRe',
                  data: { modifier: m.value },
                });
              }
              if (hasRe && STRING_MATCHERS.has(m.value)) {
                ctx.report({
                  range: m.range,
                  message: `'${m.value}' cannot be combined with '|re': a regular expression already says where it matches.`,
                  messageId: 'matcherWithRe',
                  data: { modifier: m.value },
                });
              }
            }
          }
        }
      }
    }
  },
};
