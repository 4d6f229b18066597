import type { Fix } from '../../core/diagnostic';
import type { Check } from '../check';
import { nearest } from '../../util/nearest';
import { mapKeys } from './top-level';

const LOGSOURCE_KEYS = ['product', 'category', 'service', 'definition'];

export const logsourceKey: Check = {
  id: 'sigma/logsource-key',
  defaultSeverity: 'warning',
  doc: '`logsource` takes `product`, `category`, `service` and `definition` only. Any other key is ignored by backends and pipelines: a misspelling (`categroy`, `Product`) silently widens the rule, and an event field (`EventID: 1`) belongs in `detection`, where it actually filters. The fix renames a misspelt key.',
  kinds: ['sigma'],
  run(ctx) {
    for (const rule of ctx.file.sigma) {
      if (rule.type === 'correlation') continue;
      for (const key of mapKeys(rule, 'logsource', ctx.file.index)) {
        if (LOGSOURCE_KEYS.includes(key.value)) continue;
        const lower = key.value.toLowerCase();
        const near = LOGSOURCE_KEYS.includes(lower) ? lower : nearest(lower, LOGSOURCE_KEYS, 2);
        const fixes: Fix[] = near
          ? [{ title: `Rename to '${near}'`, preferred: true, safe: near === lower, edits: [{ range: key.range, newText: near }] }]
          : [];
        ctx.report({
          range: key.range,
          message: near
            ? `'${key.value}' is not a logsource key: did you mean '${near}'?`
            : `'${key.value}' is not a logsource key (product, category, service, definition); backends ignore it. If it is an event field, move it to \`detection\`.`,
          fixes,
        });
      }
    }
  },
};
