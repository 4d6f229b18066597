import type { Check } from '../check';
import { eachValue } from './items';

/** C0 and C1 controls and DEL; tab is left alone, command lines do contain it. */
// eslint-disable-next-line no-control-regex -- control characters are what this check looks for
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;

function describe(ch: string): string {
  const names: Record<string, string> = { '\n': 'a line break', '\r': 'a carriage return', '\u0000': 'a NUL' };
  return names[ch] ?? `the control character U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

export const controlCharacter: Check = {
  id: 'sigma/control-character',
  defaultSeverity: 'warning',
  doc: 'A detection value contains a control character (a line break, carriage return, NUL, escape…). It usually comes from a block scalar (`|`) that keeps its final line break, or from pasted text, and the value then never matches. Use `|-`/`>-` for block scalars or remove the character.',
  kinds: ['sigma'],
  messages: {
    trailingLineBreak: 'A value (of data.key; empty for a keyword) ending with the line break a block scalar keeps.',
    control: 'A value (of data.key) containing a control character (data.codePoint) at data.position (1-based).',
  },
  run(ctx) {
    eachValue(ctx, (v, item) => {
      if (typeof v.value !== 'string' || v.nested) return;
      const m = CONTROL.exec(v.value);
      if (!m) return;
      const trailing = v.value.endsWith('\n') && !CONTROL.test(v.value.slice(0, -1));
      const where = item ? `'${item.key}'` : 'the keyword';
      const key = item?.key ?? '';
      if (trailing) {
        const message = `The value of ${where} ends with a line break (a block scalar '|' or '>' keeps it): use '|-' or '>-'.`;
        ctx.report({ range: v.range, message, messageId: 'trailingLineBreak', data: { key } });
        return;
      }
      ctx.report({
        range: v.range,
        message: `The value of ${where} contains ${describe(m[0])} at character ${m.index + 1}; it will not match what the log holds.`,
        messageId: 'control',
        data: { key, codePoint: `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`, position: m.index + 1 },
      });
    });
  },
};
