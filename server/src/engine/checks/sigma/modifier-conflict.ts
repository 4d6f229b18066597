import type { Fix } from '../../core/diagnostic';
import type { FieldItem, Located } from '../../sigma/model';
import type { Check, CheckContext } from '../check';
import { eachItem, removeModifier } from './items';

const NUMERIC = new Set(['gt', 'gte', 'lt', 'lte']);
const STRING_SHAPING = new Set([
  'contains',
  'startswith',
  'endswith',
  'windash',
  're',
  'base64',
  'base64offset',
  'utf16le',
  'utf16be',
  'utf16',
  'wide',
  'cased',
  'cidr',
]);
const WILDCARDING = new Set(['contains', 'startswith', 'endswith']);
const ENCODING = new Set(['base64', 'base64offset']);

/** `|all` on one value: the specification forbids it (some backends cannot express it). */
function allOnSingleValue(ctx: CheckContext, item: FieldItem, m: Located<string>): void {
  if (item.valueIsList && item.values.length > 1) return;
  const fixes: Fix[] = [{ title: "Remove '|all'", preferred: true, safe: true, edits: [removeModifier(ctx.file.index, m)] }];
  ctx.report({
    range: m.range,
    message: `'|all' needs a list of values; the Sigma specification does not allow it on a single value (one value needs no AND).`,
    fixes,
    messageId: 'allOnSingleValue',
  });
}

/** The first modifier of `names` other than the one at `skip`, for "cannot be combined" findings. */
function conflicting(item: FieldItem, skip: Located<string>, names: ReadonlySet<string>): Located<string>[] {
  return item.modifiers.filter((m) => m !== skip && names.has(m.value));
}

function checkItem(ctx: CheckContext, item: FieldItem): void {
  for (const m of item.modifiers) {
    if (m.value === 'all') allOnSingleValue(ctx, item, m);
    if (NUMERIC.has(m.value)) {
      for (const o of conflicting(item, m, STRING_SHAPING)) {
        const message = `'${o.value}' cannot be combined with the numeric comparison '${m.value}': '${m.value}' compares numbers, '${o.value}' works on strings.`;
        ctx.report({ range: o.range, message, messageId: 'withNumeric', data: { modifier: o.value, numeric: m.value } });
      }
    }
    if (m.value === 'cidr') {
      for (const o of conflicting(item, m, new Set([...STRING_SHAPING].filter((x) => x !== 'cidr')))) {
        ctx.report({
          range: o.range,
          message: `'${o.value}' cannot be combined with 'cidr': a CIDR value is a network, not a string.`,
          messageId: 'withCidr',
          data: { modifier: o.value },
        });
      }
    }
    if (m.value === 'exists') {
      for (const o of item.modifiers.filter((x) => x !== m)) {
        ctx.report({
          range: o.range,
          message: `'${o.value}' cannot be combined with 'exists': 'exists' only tests whether the field is present.`,
          messageId: 'withExists',
          data: { modifier: o.value },
        });
      }
      for (const v of item.values) {
        if (typeof v.value !== 'boolean')
          ctx.report({
            range: v.range,
            message: `'|exists' takes true or false, not '${String(v.value)}'.`,
            messageId: 'existsValue',
            data: { value: String(v.value) },
          });
      }
    }
    if (ENCODING.has(m.value)) {
      const before = item.modifiers.slice(0, item.modifiers.indexOf(m)).find((x) => WILDCARDING.has(x.value));
      if (before) {
        const message = `'${m.value}' comes after '${before.value}': the wildcards '${before.value}' adds cannot be Base64-encoded. Write '${m.value}|${before.value}'.`;
        ctx.report({ range: m.range, message, messageId: 'encodingAfterWildcard', data: { modifier: m.value, after: before.value } });
      }
    }
  }
}

export const modifierConflict: Check = {
  id: 'sigma/modifier-conflict',
  defaultSeverity: 'error',
  doc: 'Modifiers that the specification rules out together, so backends refuse the rule: `|all` on a single value, a numeric comparison (`gt`, `lte`…) or `cidr` with string modifiers, `exists` with anything else or with a value other than true/false, `base64`/`base64offset` after `contains`/`startswith`/`endswith`. The fix removes a superfluous `|all`.',
  kinds: ['sigma'],
  messages: {
    allOnSingleValue: "'|all' on a single value.",
    withNumeric: 'A string modifier (data.modifier) with a numeric comparison (data.numeric).',
    withCidr: "A string modifier (data.modifier) with 'cidr'.",
    withExists: "Another modifier (data.modifier) with 'exists'.",
    existsValue: "'|exists' with a value (data.value) other than true or false.",
    encodingAfterWildcard: 'base64/base64offset (data.modifier) after contains/startswith/endswith (data.after).',
  },
  run(ctx) {
    eachItem(ctx, (item) => checkItem(ctx, item));
  },
};
