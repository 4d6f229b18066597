import { ruleTester } from '../rule-tester';
import { rule } from '../testing';
import { modifierConflict } from './modifier-conflict';

const sel = (lines: string): string =>
  rule(
    `    selection:\n${lines
      .split('\n')
      .map((l) => `        ${l}`)
      .join('\n')}\n    condition: selection`,
  );

ruleTester(modifierConflict, {
  valid: [
    {
      name: 'the combinations SigmaHQ uses',
      code: sel('a|contains|all:\n    - x\n    - y\nb|base64offset|contains: z\nc|gte: 5\nd|cidr: 10.0.0.0/8\ne|exists: true\nf|wide|base64offset|contains: w'),
    },
  ],
  invalid: [
    {
      name: '|all on a single value, removed by the fix',
      code: sel("CommandLine|contains|all: '-enc'"),
      errors: [{ messageId: 'allOnSingleValue', line: 12, column: 30, text: 'all', severity: 'error' }],
      output: sel("CommandLine|contains: '-enc'"),
    },
    {
      name: 'a one-item list under |all too',
      code: sel('CommandLine|contains|all:\n    - x'),
      errors: [{ messageId: 'allOnSingleValue', text: 'all' }],
      output: sel('CommandLine|contains:\n    - x'),
    },
    {
      name: 'numeric, cidr and exists with string modifiers; exists with a non-boolean',
      code: sel('a|gt|contains: 5\nb|cidr|startswith: 10.0.0.0/8\nc|exists|contains: true\nd|exists: yes-please'),
      errors: [
        { messageId: 'withNumeric', data: { modifier: 'contains', numeric: 'gt' }, line: 12 },
        { messageId: 'withCidr', data: { modifier: 'startswith' }, line: 13 },
        { messageId: 'withExists', data: { modifier: 'contains' }, line: 14 },
        { messageId: 'existsValue', data: { value: 'yes-please' }, line: 15, text: 'yes-please' },
      ],
    },
    {
      name: 'base64offset after contains (wildcards cannot be encoded)',
      code: sel('a|contains|base64offset: x'),
      errors: [{ messageId: 'encodingAfterWildcard', data: { modifier: 'base64offset', after: 'contains' }, text: 'base64offset' }],
    },
  ],
});
