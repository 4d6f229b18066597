import { ruleTester } from '../rule-tester';
import { rule } from '../testing';
import { loneWildcard } from './lone-wildcard';

const sel = (lines: string): string =>
  rule(
    `    selection:\n${lines
      .split('\n')
      .map((l) => `        ${l}`)
      .join('\n')}\n    condition: selection`,
  );

ruleTester(loneWildcard, {
  valid: [sel("Image: 'x'\nParentImage|exists: true"), { name: 'a wildcard with text', code: sel("Image: '*x'") }],
  invalid: [
    {
      // Not a fix-all fix: '*' skips empty values where exists does not.
      name: 'a lone * suggests |exists: true',
      code: sel("Image: 'x'\nParentImage: '*'"),
      errors: [
        {
          messageId: 'useExists',
          data: { field: 'ParentImage' },
          line: 13,
          column: 22,
          text: "'*'",
          suggestions: [sel("Image: 'x'\nParentImage|exists: true")],
        },
      ],
      output: null,
    },
    {
      name: '* inside a list makes the other values pointless',
      code: sel("Image:\n    - a\n    - '*'"),
      errors: [{ messageId: 'coversList', data: { field: 'Image' }, line: 14, text: "'*'" }],
    },
    {
      name: 'with a modifier: no rewrite offered',
      code: sel("Image|contains: '*'"),
      errors: [{ messageId: 'useExists', data: { field: 'Image' } }],
      output: null,
    },
  ],
});
