import type { Check } from '../check';
import { eachItem } from './items';

/**
 * Fields whose values are numbers in every log source Sigma's taxonomy names them for (event ids,
 * logon types, ports). Kept small on purpose: a field that is sometimes hex or text (ProcessId in
 * Security 4688 is `0x1a2b`) would make this advice wrong.
 */
const NUMERIC_FIELDS = new Set([
  'eventid',
  'event_id',
  'logontype',
  'logon_type',
  'destinationport',
  'sourceport',
  'dst_port',
  'src_port',
  'dest_port',
  'source_port',
  'destination_port',
]);

/** Modifiers that read the value as text on purpose: quoting the number is then right. */
const TEXT_MODIFIERS = new Set([
  'contains',
  'startswith',
  'endswith',
  're',
  'base64',
  'base64offset',
  'utf16le',
  'utf16be',
  'wide',
  'utf16',
  'windash',
  'cased',
  'expand',
  'fieldref',
]);

export const numberAsString: Check = {
  id: 'sigma/number-as-string',
  defaultSeverity: 'information',
  doc: "A numeric field (`EventID`, `LogonType`, `DestinationPort`…) compared with a quoted number (`EventID: '4688'`). Sigma matches it either way, but some backends then emit a string comparison that a numeric column does not satisfy (or that is slower), and rule sets are easier to search when numbers are written as numbers. The fix removes the quotes.",
  kinds: ['sigma'],
  run(ctx) {
    const index = ctx.file.index;
    eachItem(ctx, (item) => {
      if (!NUMERIC_FIELDS.has(item.field.toLowerCase())) return;
      if (item.modifiers.some((m) => TEXT_MODIFIERS.has(m.value))) return;
      for (const v of item.values) {
        if (typeof v.value !== 'string' || !/^\d{1,10}$/.test(v.value)) continue;
        const quote = index.text[index.offset(v.range.start)];
        if (quote !== "'" && quote !== '"') continue;
        ctx.report({
          range: v.range,
          message: `'${item.field}' is numeric: write ${v.value} without quotes, so every backend compares it as a number.`,
          fixes: [{ title: `Write ${v.value} as a number`, preferred: true, edits: [{ range: v.range, newText: v.value }] }],
        });
      }
    });
  },
};
