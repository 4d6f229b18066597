import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from './args';
import { COMMANDS, findCommand } from './commands';
import { commandHelp, generalHelp, parseCommand } from './table';

describe('the command table', () => {
  it('--help lists every command with every option the parser accepts', () => {
    const help = generalHelp(COMMANDS);
    for (const c of COMMANDS) {
      assert.match(help, new RegExp(`^  tripline ${c.name}\\b`, 'm'), c.name);
      for (const o of c.options) assert.ok(help.includes(`--${o.name}`), `--${o.name} of ${c.name}`);
    }
    for (const name of ['--config', '--profile', '--clock', '--rules', '--samples', '--limit', '--domain', '--stdio']) assert.ok(help.includes(name), name);
    assert.match(help, /^  tripline preview RULE --samples PATH\.\.\. \[--format text\|json\] \[--limit N\]/m);
  });

  it('per-command help describes each option', () => {
    const preview = commandHelp(findCommand('preview')!);
    assert.match(preview, /^usage: tripline preview RULE --samples PATH\.\.\./);
    assert.match(preview, /^ {2}--clock ISO +KQL: now\(\) for ago\(\)/m);
    assert.match(preview, /^ {2}--format text\|json +output format/m);
  });

  it('parses each command by its entry: values, repeated lists, choices, unknown options', () => {
    const preview = findCommand('preview')!;
    const args = parseCommand(preview, [
      'r.yml',
      '--samples',
      'a',
      'b',
      '--format',
      'json',
      '--rules',
      'x.yml',
      '--clock',
      '2024-01-01T00:00:00Z',
      '--profile',
      'sysmon',
      '--limit=5',
      '--config',
      'c.json',
    ]);
    assert.deepEqual(args.positional, ['r.yml']);
    assert.deepEqual(args.options.get('samples'), ['a', 'b']);
    assert.deepEqual(args.options.get('rules'), ['x.yml']);
    assert.deepEqual(args.options.get('format'), ['json']);
    assert.deepEqual(args.options.get('limit'), ['5']);
    assert.throws(
      () => parseCommand(findCommand('check')!, ['--format', 'xml']),
      (e: unknown) => e instanceof UsageError && e.message === "--format must be text, json or sarif, not 'xml'",
    );
    assert.throws(
      () => parseCommand(findCommand('coverage')!, ['--domain', 'ics']),
      (e: unknown) => e instanceof UsageError && e.message === "--domain must be enterprise or mobile, not 'ics'",
    );
    assert.throws(
      () => parseCommand(findCommand('domains')!, ['--samples', 'x']),
      (e: unknown) => e instanceof UsageError && e.message === 'unknown option --samples',
    );
  });
});
