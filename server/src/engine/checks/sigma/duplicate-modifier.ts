import type { Check } from '../check';
import { eachItem, removeModifier } from './items';

/** Base64 twice is double encoding, which attackers do use; every other repeat is a slip. */
const REPEATABLE = new Set(['base64']);

export const duplicateModifier: Check = {
  id: 'sigma/duplicate-modifier',
  defaultSeverity: 'warning',
  doc: 'The same modifier appears twice in one key (`CommandLine|contains|contains`). It is at best redundant and usually a slip for another modifier; pySigma reports it too. The fix removes the repeat. `base64|base64` (double encoding) is allowed.',
  kinds: ['sigma'],
  messages: { repeated: 'A modifier (data.modifier) applied twice in one key (data.key).' },
  run(ctx) {
    eachItem(ctx, (item) => {
      const seen = new Set<string>();
      for (const m of item.modifiers) {
        if (m.value !== '' && seen.has(m.value) && !REPEATABLE.has(m.value)) {
          ctx.report({
            range: m.range,
            message: `'${m.value}' is applied twice in '${item.key}'.`,
            fixes: [{ title: `Remove the second '|${m.value}'`, preferred: true, safe: true, edits: [removeModifier(ctx.file.index, m)] }],
            messageId: 'repeated',
            data: { modifier: m.value, key: item.key },
          });
        }
        seen.add(m.value);
      }
    });
  },
};
