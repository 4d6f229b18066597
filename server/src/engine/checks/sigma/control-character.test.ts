import { ruleTester } from '../rule-tester';
import { rule } from '../testing';
import { controlCharacter } from './control-character';

const sel = (lines: string): string =>
  rule(
    `    selection:\n${lines
      .split('\n')
      .map((l) => `        ${l}`)
      .join('\n')}\n    condition: selection`,
  );

ruleTester(controlCharacter, {
  valid: [
    { name: "a block scalar with '|-'", code: sel('CommandLine|contains: |-\n    whoami /all') },
    { name: 'a tab', code: sel('b: "x\\ty"') },
  ],
  invalid: [
    {
      name: 'the line break a block scalar keeps',
      code: sel('CommandLine|contains: |\n    whoami /all'),
      errors: [{ messageId: 'trailingLineBreak', data: { key: 'CommandLine|contains' }, line: 12, severity: 'warning' }],
    },
    {
      name: 'an escape character in a quoted value',
      code: sel('a: "x\\u001by"\nb: "x\\ty"'),
      errors: [{ messageId: 'control', data: { key: 'a', codePoint: 'U+001B', position: 2 }, line: 12, text: '"x\\u001by"' }],
    },
  ],
});
