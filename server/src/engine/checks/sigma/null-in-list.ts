import type { Check } from '../check';
import { eachItem } from './items';

export const nullInList: Check = {
  id: 'sigma/null-in-list',
  defaultSeverity: 'information',
  doc: '`null` inside a list of values (`Field: [null, \'x\']`) mixes "the field is absent or empty" with value matches. Backends translate the two differently (an `IS NULL` test beside string comparisons), and a bare `-` list item becomes `null` by accident. Write the null test as its own selection (`Field: null`) so the intent is explicit.',
  kinds: ['sigma'],
  messages: { nullAmongValues: 'null inside the value list of a field (data.field).' },
  run(ctx) {
    eachItem(ctx, (item) => {
      if (!item.valueIsList || item.values.length < 2) return;
      for (const v of item.values) {
        if (v.value === null && !v.nested) {
          const field = item.field || item.key;
          ctx.report({
            range: v.range,
            message: `'null' in the value list of '${field}': match it in its own selection ('${field}: null') and keep the list for values.`,
            messageId: 'nullAmongValues',
            data: { field },
          });
        }
      }
    });
  },
};
