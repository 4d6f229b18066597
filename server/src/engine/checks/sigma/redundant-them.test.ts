import { ruleTester } from '../rule-tester';
import { rule } from '../testing';
import { redundantThem } from './redundant-them';

const one = (condition: string): string => rule(`    selection:\n        a: x\n    condition: ${condition}`);

ruleTester(redundantThem, {
  valid: [
    one('selection'),
    { name: 'them over several identifiers', code: rule(`    selection:\n        a: x\n    filter:\n        b: y\n    condition: all of them`) },
  ],
  invalid: [
    {
      name: 'all of them is the only identifier',
      code: one('all of them'),
      errors: [
        { messageId: 'singleIdentifier', data: { them: 'all of them', name: 'selection' }, line: 13, column: 16, text: 'all of them', severity: 'information' },
      ],
      output: one('selection'),
    },
    {
      name: '1 of them too',
      code: one('1 of them'),
      errors: [{ messageId: 'singleIdentifier', data: { them: '1 of them', name: 'selection' } }],
      output: one('selection'),
    },
  ],
});
