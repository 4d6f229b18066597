import { ruleTester } from '../rule-tester';
import { rule } from '../testing';
import { nullInList } from './null-in-list';

const sel = (lines: string): string =>
  rule(
    `    selection:\n${lines
      .split('\n')
      .map((l) => `        ${l}`)
      .join('\n')}\n    condition: selection`,
  );

ruleTester(nullInList, {
  valid: [{ name: 'a null test on its own', code: sel('OriginalFileName: null') }, sel("OriginalFileName:\n    - 'x.exe'\n    - 'y.exe'")],
  invalid: [
    {
      name: 'null among values',
      code: sel("OriginalFileName:\n    - 'x.exe'\n    - null"),
      errors: [{ messageId: 'nullAmongValues', data: { field: 'OriginalFileName' }, line: 14, column: 15, text: 'null', severity: 'information' }],
    },
  ],
});
