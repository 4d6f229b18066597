import { ruleTester } from '../rule-tester';
import { rule } from '../testing';
import { redundantWildcard } from './redundant-wildcard';

const sel = (lines: string): string =>
  rule(
    `    selection:\n${lines
      .split('\n')
      .map((l) => `        ${l}`)
      .join('\n')}\n    condition: selection`,
  );

ruleTester(redundantWildcard, {
  valid: [{ name: 'an escaped star, and regular expressions', code: sel("a: 'x\\**'\nb|re: 'x.**'") }, sel("a: '*x*'")],
  invalid: [
    {
      name: '** collapses to *',
      code: sel("CommandLine: 'a**b'"),
      errors: [{ messageId: 'collapse', data: { run: '**' }, line: 12, column: 24, text: '**', severity: 'information' }],
      output: sel("CommandLine: 'a*b'"),
    },
    {
      name: 'every run of a value',
      code: sel("CommandLine: '***a**'"),
      errors: [
        { messageId: 'collapse', data: { run: '***' }, text: '***' },
        { messageId: 'collapse', data: { run: '**' }, text: '**' },
      ],
      output: sel("CommandLine: '*a*'"),
    },
  ],
});
