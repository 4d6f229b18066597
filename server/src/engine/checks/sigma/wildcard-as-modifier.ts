import type { Fix, TextEdit } from '../../core/diagnostic';
import type { FieldItem } from '../../sigma/model';
import type { Check, CheckContext } from '../check';
import { eachItem, innerRange } from './items';
import { wildcardOffsets } from './wildcards';

type Shape = 'endswith' | 'startswith' | 'contains';

/** The modifier a value's only wildcards stand for: `*x` endswith, `x*` startswith, `*x*` contains. */
function shapeOf(value: string): Shape | null {
  const w = wildcardOffsets(value);
  const lead = w[0] === 0 && value[0] === '*';
  const trail = w[w.length - 1] === value.length - 1 && value[value.length - 1] === '*';
  const expected = Number(lead) + Number(trail);
  if (expected === 0 || w.length !== expected) return null;
  if (lead && trail) return value.length > 2 ? 'contains' : null;
  return lead ? 'endswith' : 'startswith';
}

/** Edits that drop the leading/trailing `*` of every value and add the modifier to the key; null if a value cannot be edited safely. */
function fixEdits(ctx: CheckContext, item: FieldItem, shape: Shape): TextEdit[] | null {
  const index = ctx.file.index;
  const edits: TextEdit[] = [{ range: { start: item.fieldRange.end, end: item.fieldRange.end }, newText: `|${shape}` }];
  for (const v of item.values) {
    const inner = innerRange(index, v.range);
    if (!inner) return null;
    const start = index.offset(inner.start);
    const end = index.offset(inner.end);
    if (index.text.slice(start, end) !== v.value) return null; // escapes in the source: leave it to the author
    if (shape !== 'startswith') edits.push({ range: index.range(start, start + 1), newText: '' });
    if (shape !== 'endswith') edits.push({ range: index.range(end - 1, end), newText: '' });
  }
  return edits;
}

export const wildcardAsModifier: Check = {
  id: 'sigma/wildcard-as-modifier',
  defaultSeverity: 'information',
  doc: "A value written with wildcards where a modifier says it better: `'*\\cmd.exe'` is `|endswith`, `'cmd*'` is `|startswith`, `'*cmd*'` is `|contains`. The modifier is what SigmaHQ's conventions ask for, and backends translate it without wildcard escaping surprises. The fix moves the wildcards into the modifier; it is offered only when every value of the field has the same shape.",
  kinds: ['sigma'],
  messages: { useModifier: 'Every value of a field (data.field) has the wildcard shape a modifier (data.modifier) says better.' },
  run(ctx) {
    eachItem(ctx, (item) => {
      if (item.modifiers.length > 0 || item.field === '' || item.values.length === 0) return;
      const shapes = item.values.map((v) => (typeof v.value === 'string' ? shapeOf(v.value) : null));
      const shape = shapes[0];
      if (!shape || shapes.some((s) => s !== shape)) return;
      const edits = fixEdits(ctx, item, shape);
      const fixes: Fix[] = edits ? [{ title: `Use '${item.field}|${shape}'`, preferred: true, safe: true, edits }] : [];
      const what = shape === 'endswith' ? "a leading '*'" : shape === 'startswith' ? "a trailing '*'" : "'*' on both sides";
      ctx.report({
        range: item.fieldRange,
        message: `${item.values.length > 1 ? 'Every value' : 'The value'} of '${item.field}' uses ${what}: write '${item.field}|${shape}' and drop the wildcard.`,
        fixes,
        messageId: 'useModifier',
        data: { field: item.field, modifier: shape },
      });
    });
  },
};
