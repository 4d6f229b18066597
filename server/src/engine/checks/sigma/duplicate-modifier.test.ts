import { ruleTester } from '../rule-tester';
import { rule } from '../testing';
import { duplicateModifier } from './duplicate-modifier';

const sel = (lines: string): string =>
  rule(
    `    selection:\n${lines
      .split('\n')
      .map((l) => `        ${l}`)
      .join('\n')}\n    condition: selection`,
  );

ruleTester(duplicateModifier, {
  valid: [{ name: 'double base64 is double encoding', code: sel('a|base64|base64|contains: x') }, sel('a|contains|all: [x, y]')],
  invalid: [
    {
      name: 'the repeat, removed by the fix (quoted key)',
      code: sel("'CommandLine|contains|contains': x"),
      errors: [
        {
          messageId: 'repeated',
          data: { modifier: 'contains', key: 'CommandLine|contains|contains' },
          line: 12,
          column: 31,
          text: 'contains',
          severity: 'warning',
        },
      ],
      output: sel("'CommandLine|contains': x"),
    },
  ],
});
