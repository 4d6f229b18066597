import type { Check } from '../check';

export const emptyValue: Check = {
  id: 'sigma/empty-value',
  defaultSeverity: 'warning',
  doc: 'An empty list (`Field: []`, `keywords: []`) or an empty selection (`selection: {}`) matches nothing, or everything, depending on the backend; it is usually a list whose items were deleted. Give it values or remove it.',
  kinds: ['sigma'],
  messages: { emptySearch: 'A search identifier (data.name) with nothing to match.', emptyList: 'A key (data.key) with an empty list of values.' },
  run(ctx) {
    for (const rule of ctx.file.sigma) {
      for (const search of rule.detection?.searches ?? []) {
        const empty = (search.shape === 'keywords' && search.keywords.length === 0) || search.groups.some((g) => g.items.length === 0);
        if (empty) {
          ctx.report({
            range: search.range,
            message: `The search identifier '${search.name}' is empty: it has no field or value to match.`,
            messageId: 'emptySearch',
            data: { name: search.name },
          });
        }
        for (const group of search.groups) {
          for (const item of group.items) {
            if (item.valueIsList && item.values.length === 0)
              ctx.report({ range: item.valueRange, message: `'${item.key}' has an empty list of values.`, messageId: 'emptyList', data: { key: item.key } });
          }
        }
      }
    }
  },
};
