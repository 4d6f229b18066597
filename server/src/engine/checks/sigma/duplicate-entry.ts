import type { Fix } from '../../core/diagnostic';
import type { Check } from '../check';
import { removeListLine } from './items';
import { listItems } from './top-level';

const LISTS = ['tags', 'references', 'fields', 'falsepositives'];

/** Tags and field names compare case-insensitively in practice; URLs and sentences exactly, minus a trailing slash. */
function normal(key: string, value: string): string {
  const v = value.trim();
  if (key === 'references') return v.replace(/\/+$/, '');
  return key === 'tags' || key === 'fields' ? v.toLowerCase() : v;
}

export const duplicateEntry: Check = {
  id: 'sigma/duplicate-entry',
  defaultSeverity: 'warning',
  doc: 'The same entry appears twice in `tags`, `references`, `fields` or `falsepositives` (tags and fields ignoring case, references ignoring a trailing slash). Usually a merge or copy-paste slip; duplicate tags also double-count in coverage reports. The fix deletes the repeat.',
  kinds: ['sigma'],
  run(ctx) {
    const index = ctx.file.index;
    for (const rule of ctx.file.sigma) {
      for (const key of LISTS) {
        const seen = new Map<string, string>();
        for (const item of listItems(rule, key, index)) {
          const k = normal(key, item.value);
          const first = seen.get(k);
          if (first === undefined) {
            seen.set(k, item.value);
            continue;
          }
          const edit = removeListLine(index, item.range);
          const fixes: Fix[] = edit
            ? [{ title: `Remove the repeated ${key === 'falsepositives' ? 'entry' : key.replace(/s$/, '')}`, preferred: true, safe: true, edits: [edit] }]
            : [];
          ctx.report({ range: item.range, message: `'${item.value}' is already listed in \`${key}\`${first !== item.value ? ` as '${first}'` : ''}.`, fixes });
        }
      }
    }
  },
};
