import { ruleTester } from '../rule-tester';
import { rule } from '../testing';
import { emptyValue } from './empty-value';

ruleTester(emptyValue, {
  valid: [rule(`    selection:\n        Image: [a]\n    condition: selection`)],
  invalid: [
    {
      name: 'an empty list, empty keywords and an empty selection',
      code: rule(`    selection:\n        Image: []\n    keywords: []\n    filter: {}\n    condition: selection and not filter and keywords`),
      errors: [
        { messageId: 'emptyList', data: { key: 'Image' }, line: 12, text: '[]', severity: 'warning' },
        { messageId: 'emptySearch', data: { name: 'keywords' }, line: 13, text: '[]' },
        { messageId: 'emptySearch', data: { name: 'filter' }, line: 14, text: '{}' },
      ],
    },
  ],
});
