import type { Fix } from '../../core/diagnostic';
import type { Check } from '../check';

const NOT_FOR_FILTERS = ['level', 'status'];

export const filterMetadata: Check = {
  id: 'sigma/filter-metadata',
  defaultSeverity: 'information',
  doc: "A Sigma filter rule with `level` or `status`. The filters specification says a filter has neither: it only tunes the rules it names, whose own level and status apply. The value is ignored, and a reader may think it changes the filtered rules' severity. The fix deletes the line.",
  kinds: ['sigma'],
  run(ctx) {
    const index = ctx.file.index;
    for (const rule of ctx.file.sigma) {
      if (rule.type !== 'filter') continue;
      for (const key of NOT_FOR_FILTERS) {
        const e = rule.entries.get(key);
        if (!e) continue;
        // Only a one-line `key: value` is deleted: a block value would leave its lines behind.
        const line = e.keyRange.start.line;
        const oneLine = e.valueRange.end.line === line && index.lineText(line).trimStart().startsWith(key);
        const end = line + 1 < index.lineCount ? index.lineStart(line + 1) : index.lineEnd(line);
        const fixes: Fix[] = oneLine
          ? [{ title: `Remove \`${key}\``, preferred: true, edits: [{ range: index.range(index.lineStart(line), end), newText: '' }] }]
          : [];
        ctx.report({
          range: e.keyRange,
          message: `A filter has no \`${key}\` (Sigma filters specification): it is ignored; the filtered rules keep their own ${key}.`,
          fixes,
        });
      }
    }
  },
};
