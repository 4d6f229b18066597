import { ruleTester } from '../rule-tester';
import { rule } from '../testing';
import { unknownModifier } from './unknown-modifier';

const sel = (items: string): string => rule(`    selection:\n${items}\n    condition: selection`);

ruleTester(unknownModifier, {
  valid: [
    {
      name: 'every modifier chain SigmaHQ uses',
      code: sel(`        a|contains|all: [x, y]
        b|endswith|windash: '-x'
        c|re|i: '^x'
        d|base64offset|contains: 'x'
        e|cidr: 10.0.0.0/8
        f|fieldref: g
        h|exists: true
        i|utf16le|base64offset|contains: 'x'`),
    },
  ],
  invalid: [
    {
      name: 'a misspelt modifier, fixed to the nearest',
      code: sel(`        DestinationHostname|endwith: '.x.org'`),
      errors: [{ messageId: 'unknown', data: { modifier: 'endwith', suggestion: 'endswith' }, line: 12, column: 29, text: 'endwith', severity: 'error' }],
      output: sel(`        DestinationHostname|endswith: '.x.org'`),
    },
    {
      name: 'upper case is fixed to lower case',
      code: sel(`        a|Contains: x`),
      errors: [{ messageId: 'unknown', data: { modifier: 'Contains', suggestion: 'contains' } }],
      output: sel(`        a|contains: x`),
    },
    {
      name: 'nothing close: no fix',
      code: sel(`        a|zzzzzzzz: x`),
      errors: [{ messageId: 'unknown', data: { modifier: 'zzzzzzzz' } }],
      output: null,
    },
    {
      name: 'two pipes in a row',
      code: sel(`        a||contains: x`),
      errors: [{ messageId: 'empty', data: { key: 'a||contains' }, line: 12, column: 11 }],
      output: sel(`        a|contains: x`),
    },
    {
      name: 'a trailing pipe',
      code: sel(`        a|contains|: x`),
      errors: [{ messageId: 'empty', data: { key: 'a|contains|' } }],
      output: sel(`        a|contains: x`),
    },
    {
      name: 'a regex flag without re, and re with contains',
      code: sel(`        a|contains|i: x\n        b|re|contains: y`),
      errors: [
        { messageId: 'flagWithoutRe', data: { modifier: 'i' }, line: 12, text: 'i' },
        { messageId: 'matcherWithRe', data: { modifier: 'contains' }, line: 13, text: 'contains' },
      ],
    },
    {
      name: 'ranges right in quoted keys',
      code: sel(`        'Image|endswiht': x`),
      errors: [{ messageId: 'unknown', data: { modifier: 'endswiht', suggestion: 'endswith' }, text: 'endswiht' }],
      output: sel(`        'Image|endswith': x`),
    },
  ],
});
