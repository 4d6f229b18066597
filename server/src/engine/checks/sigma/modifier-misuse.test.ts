import { ruleTester } from '../rule-tester';
import { rule } from '../testing';
import { modifierMisuse } from './modifier-misuse';

const sel = (lines: string): string =>
  rule(
    `    selection:\n${lines
      .split('\n')
      .map((l) => `        ${l}`)
      .join('\n')}\n    condition: selection`,
  );

ruleTester(modifierMisuse, {
  valid: [
    { name: 'windash without all', code: sel("CommandLine|windash|contains:\n    - '-a'\n    - '-b'") },
    { name: 'contains|all', code: sel('Image|contains|all:\n    - a.exe\n    - b.exe') },
    { name: 'utf16 under base64', code: sel('a|wide|base64offset|contains: x') },
  ],
  invalid: [
    {
      name: 'base64offset without contains, which the fix adds',
      code: sel("CommandLine|base64offset: 'IEX'"),
      errors: [{ messageId: 'base64offsetWithoutContains', line: 12, column: 21, text: 'base64offset', severity: 'warning' }],
      output: sel("CommandLine|base64offset|contains: 'IEX'"),
    },
    {
      name: 'windash with all, at windash',
      code: sel("CommandLine|windash|contains|all:\n    - '-a'\n    - '-b'"),
      errors: [{ messageId: 'windashWithAll', text: 'windash' }],
    },
    {
      name: '|all with exact values, which can never match',
      code: sel('Image|all:\n    - a.exe\n    - b.exe'),
      errors: [{ messageId: 'allWithExactValues', data: { field: 'Image', count: 2 }, text: 'all' }],
    },
    {
      name: 're|all, as information',
      code: sel("CommandLine|re|all:\n    - 'a.*'\n    - 'b.*'"),
      errors: [{ messageId: 'reWithAll', severity: 'information', text: 'all' }],
    },
    {
      name: 'contradictory matchers and utf16 without base64',
      code: sel('a|contains|endswith: x\nb|utf16le|contains: y'),
      errors: [
        { messageId: 'contradictoryMatchers', data: { first: 'contains', second: 'endswith' }, line: 12, text: 'endswith' },
        { messageId: 'utf16WithoutBase64', data: { modifier: 'utf16le' }, line: 13, text: 'utf16le' },
      ],
    },
  ],
});
