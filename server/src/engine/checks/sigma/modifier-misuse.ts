import type { Fix } from '../../core/diagnostic';
import type { FieldItem, Located } from '../../sigma/model';
import type { Check, CheckContext } from '../check';
import { eachItem } from './items';

const MATCHERS = ['contains', 'startswith', 'endswith'];
const UTF16 = new Set(['utf16le', 'utf16be', 'utf16', 'wide']);
/** Modifiers after which `|all` over several values can still match one field value. */
const ALL_COMPATIBLE = new Set([...MATCHERS, 're', 'cidr', 'expand', 'fieldref', 'gt', 'gte', 'lt', 'lte', 'base64offset', 'windash']);

function find(item: FieldItem, name: string): Located<string> | undefined {
  return item.modifiers.find((m) => m.value === name);
}

function base64offsetWithoutContains(ctx: CheckContext, item: FieldItem): void {
  const b = find(item, 'base64offset');
  if (!b || find(item, 'contains')) return;
  const last = item.modifiers[item.modifiers.length - 1];
  const fixes: Fix[] = [
    { title: "Add '|contains'", preferred: true, edits: [{ range: { start: last.range.end, end: last.range.end }, newText: '|contains' }] },
  ];
  ctx.report({
    range: b.range,
    message: "'base64offset' without 'contains' matches almost nothing: the encoded fragments sit inside a longer Base64 string. Add '|contains'.",
    fixes,
    messageId: 'base64offsetWithoutContains',
  });
}

function allMisuse(ctx: CheckContext, item: FieldItem): void {
  const all = find(item, 'all');
  if (!all || !item.valueIsList || item.values.length < 2) return;
  const windash = find(item, 'windash');
  if (windash) {
    ctx.report({
      range: windash.range,
      message:
        "'windash' with 'all' requires every dash variant of every value at once, so the rule misses command lines that use one spelling. Split the values that need 'windash' into their own selection.",
      messageId: 'windashWithAll',
    });
  }
  const re = find(item, 're');
  if (re) {
    ctx.report({
      range: all.range,
      severity: 'information',
      messageId: 'reWithAll',
      message:
        "'re|all' makes every regular expression match the same value; pySigma reports 'all' without 'contains', and one expression (or one selection per expression) says the same more portably.",
    });
    return;
  }
  const distinct = new Set(item.values.map((v) => String(v.value).toLowerCase()));
  if (item.field !== '' && distinct.size > 1 && !item.modifiers.some((m) => ALL_COMPATIBLE.has(m.value))) {
    ctx.report({
      range: all.range,
      message: `'${item.field}|all' with exact values never matches: one field cannot equal ${distinct.size} different values. Did you mean '${item.field}|contains|all'?`,
      messageId: 'allWithExactValues',
      data: { field: item.field, count: distinct.size },
    });
  }
}

function conflictingMatchers(ctx: CheckContext, item: FieldItem): void {
  const present = item.modifiers.filter((m) => MATCHERS.includes(m.value));
  const distinct = [...new Set(present.map((m) => m.value))];
  if (distinct.length < 2) return;
  const second = present.find((m) => m.value !== present[0].value)!;
  ctx.report({
    range: second.range,
    message: `'${present[0].value}' and '${second.value}' on one field contradict each other: each adds its wildcard, so together they amount to 'contains'. Keep the one you mean.`,
    messageId: 'contradictoryMatchers',
    data: { first: present[0].value, second: second.value },
  });
}

function utf16WithoutBase64(ctx: CheckContext, item: FieldItem): void {
  if (item.modifiers.some((m) => m.value === 'base64' || m.value === 'base64offset')) return;
  for (const m of item.modifiers.filter((x) => UTF16.has(x.value))) {
    ctx.report({
      range: m.range,
      message: `'${m.value}' sets the encoding that 'base64'/'base64offset' work on; on its own the value is matched as UTF-16 bytes, which text fields never hold.`,
      messageId: 'utf16WithoutBase64',
      data: { modifier: m.value },
    });
  }
}

export const modifierMisuse: Check = {
  id: 'sigma/modifier-misuse',
  defaultSeverity: 'warning',
  doc: 'Modifier chains that convert but do not do what they say: `base64offset` without `contains`, `windash` with `all`, `Field|all` with exact values (one field cannot equal two values), two of `contains`/`startswith`/`endswith` on one field, `utf16le`/`wide` without a Base64 modifier. Information for `re|all`. The fix adds the missing `|contains` after `base64offset`.',
  kinds: ['sigma'],
  messages: {
    base64offsetWithoutContains: "'base64offset' without 'contains'.",
    windashWithAll: "'windash' with 'all' over several values.",
    reWithAll: "'re|all' over several expressions (information).",
    allWithExactValues: 'A field (data.field) compared with |all to several (data.count) exact values.',
    contradictoryMatchers: 'Two of contains/startswith/endswith (data.first, data.second) on one field.',
    utf16WithoutBase64: 'A UTF-16 modifier (data.modifier) without a Base64 modifier.',
  },
  run(ctx) {
    eachItem(ctx, (item) => {
      base64offsetWithoutContains(ctx, item);
      allMisuse(ctx, item);
      conflictingMatchers(ctx, item);
      utf16WithoutBase64(ctx, item);
    });
  },
};
