import { ruleTester } from '../rule-tester';
import { rule } from '../testing';
import { invalidRegex } from './invalid-regex';

const re = (value: string, mods = 're'): string => rule(`    selection:\n        a|${mods}: ${value}\n    condition: selection`);

ruleTester(invalidRegex, {
  valid: [
    { name: 'PCRE spellings JavaScript lacks but can translate', code: re(`'(?i)^x(?P<n>y)\\s+'`) },
    { name: 'flags beside re', code: re(`'^x.y$'`, 're|i|m|s') },
    { name: 'an unbalanced group without re is a plain value', code: rule(`    selection:\n        a|contains: '(x'\n    condition: selection`) },
  ],
  invalid: [
    {
      name: 'an unbalanced group, at the value',
      code: re(`'^(x|y'`),
      errors: [{ messageId: 'invalid', data: { pattern: '^(x|y' }, line: 12, column: 15, text: `'^(x|y'`, severity: 'error' }],
    },
    {
      name: 'each bad value of a list',
      code: rule(`    selection:\n        a|re:\n            - 'ok'\n            - '[a-'\n            - 'x{2,1}'\n    condition: selection`),
      errors: [
        { messageId: 'invalid', data: { pattern: '[a-' }, line: 14 },
        { messageId: 'invalid', data: { pattern: 'x{2,1}' }, line: 15 },
      ],
    },
  ],
});
