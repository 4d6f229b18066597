import { ruleTester } from '../rule-tester';
import { rule } from '../testing';
import { unusedSelection } from './unused-selection';

const TWO = `    selection:
        a: x
    filter_main:
        b: y
`;

ruleTester(unusedSelection, {
  valid: [
    { name: 'a pattern uses the filter', code: rule(`${TWO}    condition: selection and not 1 of filter_*`) },
    { name: 'them uses everything', code: rule(`${TWO}    condition: all of them`) },
    { name: 'every identifier named', code: rule(`${TWO}    condition: selection and not filter_main`) },
  ],
  invalid: [
    {
      name: 'a filter the condition forgets',
      code: rule(`${TWO}    condition: selection`),
      errors: [{ messageId: 'unused', data: { name: 'filter_main' }, line: 13, column: 5, text: 'filter_main', severity: 'warning' }],
    },
    {
      name: 'severity from the configuration',
      code: rule(`${TWO}    condition: filter_main`),
      config: { checks: { 'sigma/unused-selection': 'error' } },
      errors: [{ messageId: 'unused', data: { name: 'selection' }, line: 11, severity: 'error' }],
    },
  ],
});
