import type { Fix } from '../../core/diagnostic';
import type { Check } from '../check';
import { eachItem } from './items';

export const loneWildcard: Check = {
  id: 'sigma/lone-wildcard',
  defaultSeverity: 'information',
  doc: "A field value that is only `'*'` means \"the field has any value\": `|exists: true` says so explicitly and converts to the backend's own existence test. In a list, a lone `*` makes the other values pointless. The fix (not applied by fix-all: `*` skips empty values where `exists` does not) rewrites it to `Field|exists: true`.",
  kinds: ['sigma'],
  messages: {
    useExists: "A lone '*' (data.field has any value), which |exists: true says explicitly.",
    coversList: "A '*' in a list of values of data.field: it makes the other values pointless.",
  },
  run(ctx) {
    eachItem(ctx, (item) => {
      if (item.field === '') return;
      for (const v of item.values) {
        if (v.value !== '*') continue;
        if (item.valueIsList && item.values.length > 1) {
          ctx.report({
            range: v.range,
            message: `'*' matches every value of '${item.field}', so the other values of this list add nothing.`,
            messageId: 'coversList',
            data: { field: item.field },
          });
          continue;
        }
        const plain = item.modifiers.length === 0;
        const fixes: Fix[] = plain
          ? [
              {
                title: `Use '${item.field}|exists: true'`,
                edits: [
                  { range: { start: item.fieldRange.end, end: item.fieldRange.end }, newText: '|exists' },
                  { range: v.range, newText: 'true' },
                ],
              },
            ]
          : [];
        ctx.report({
          range: v.range,
          message: `A lone '*' means '${item.field}' has a value: write '${item.field}|exists: true'.`,
          fixes,
          messageId: 'useExists',
          data: { field: item.field },
        });
      }
    });
  },
};
