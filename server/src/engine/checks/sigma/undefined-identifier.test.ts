import { ruleTester } from '../rule-tester';
import { rule } from '../testing';
import { undefinedIdentifier } from './undefined-identifier';

const TWO = `    selection:
        a: x
    filter_main:
        b: y
`;

ruleTester(undefinedIdentifier, {
  valid: [
    rule(`${TWO}    condition: selection and not filter_main`),
    { name: 'a pattern that matches', code: rule(`${TWO}    condition: selection and not 1 of filter_*`) },
  ],
  invalid: [
    {
      name: 'a misspelt identifier, renamed by the fix',
      code: rule(`${TWO}    condition: selection and not filter_mian`),
      errors: [
        { messageId: 'undefined', data: { name: 'filter_mian', suggestion: 'filter_main' }, line: 15, column: 34, text: 'filter_mian', severity: 'error' },
      ],
      output: rule(`${TWO}    condition: selection and not filter_main`),
    },
    {
      name: 'nothing close enough to suggest',
      code: rule(`${TWO}    condition: selection and not whitelist`),
      errors: [{ messageId: 'undefined', data: { name: 'whitelist' } }],
      output: null,
    },
    {
      name: 'a pattern that matches nothing',
      code: rule(`    selection:\n        a: x\n    condition: selection and not 1 of filter_*`),
      errors: [{ messageId: 'patternMatchesNothing', data: { pattern: 'filter_*' }, text: 'filter_*' }],
    },
    {
      name: 'ranges inside a multi-line condition',
      code: rule(`    selection:\n        a: x\n    condition: >-\n        selection and\n        not filtr`),
      errors: [{ messageId: 'undefined', data: { name: 'filtr' }, line: 15, column: 13, text: 'filtr' }],
      output: null,
    },
  ],
});
