import { ruleTester } from '../rule-tester';
import { rule } from '../testing';
import { wildcardAsModifier } from './wildcard-as-modifier';

/** A rule whose selection holds these lines (selection: on line 11, the first line on 12). */
const sel = (lines: string): string =>
  rule(
    `    selection:\n${lines
      .split('\n')
      .map((l) => `        ${l}`)
      .join('\n')}\n    condition: selection`,
  );

ruleTester(wildcardAsModifier, {
  valid: [
    {
      name: 'mixed shapes, inner wildcards, escaped stars, modified fields, a lone *',
      code: sel("a:\n    - '*x'\n    - 'y*'\nb: '*x*y'\nc: 'x\\*'\nd|contains: '*x'\ne: '*'"),
    },
    { name: 'no wildcard', code: sel("Image: 'C:\\Windows\\cmd.exe'") },
  ],
  invalid: [
    {
      name: 'a leading * is |endswith',
      code: sel("Image: '*\\cmd.exe'"),
      errors: [{ messageId: 'useModifier', data: { field: 'Image', modifier: 'endswith' }, line: 12, column: 9, text: 'Image', severity: 'information' }],
      output: sel("Image|endswith: '\\cmd.exe'"),
    },
    {
      name: 'trailing and surrounding * over a whole list',
      code: sel("CommandLine:\n    - 'foo*'\n    - bar*\nParent: '*x y*'"),
      errors: [
        { messageId: 'useModifier', data: { field: 'CommandLine', modifier: 'startswith' }, line: 12 },
        { messageId: 'useModifier', data: { field: 'Parent', modifier: 'contains' }, line: 15 },
      ],
      output: sel("CommandLine|startswith:\n    - 'foo'\n    - bar\nParent|contains: 'x y'"),
    },
    {
      name: 'escapes in the source: reported, but left to the author',
      code: sel('Image: "*\\u0041.exe"'),
      errors: [{ messageId: 'useModifier', data: { field: 'Image', modifier: 'endswith' } }],
      output: null,
    },
  ],
});
