import { ConfigError, InputError } from '../engine/index';
import { UsageError } from './args';
import { COMMANDS, findCommand } from './commands';
import { EXIT, guardStdout, writeOut } from './io';
import { commandHelp, generalHelp, parseCommand } from './table';
import { versionText } from './version';

export { EXIT };

const HELP_FLAGS = new Set(['--help', '-h']);

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v' || command === 'version') {
    await writeOut(versionText() + '\n');
    return EXIT.clean;
  }
  if (command === undefined || HELP_FLAGS.has(command) || command === 'help') return help(command, rest[0]);
  const spec = findCommand(command);
  if (!spec) throw new UsageError(`unknown command '${command}'`);
  if (!spec.passThrough && rest.some((a) => HELP_FLAGS.has(a))) {
    await writeOut(commandHelp(spec) + '\n');
    return EXIT.clean;
  }
  return spec.run(spec.passThrough ? { positional: [], options: new Map(), flags: new Set() } : parseCommand(spec, rest), rest);
}

/** `tripline` alone is a usage error (exit 2, help on stdout); `--help` and `help [COMMAND]` succeed. */
async function help(command: string | undefined, topic: string | undefined): Promise<number> {
  if (command === 'help' && topic !== undefined) {
    const spec = findCommand(topic);
    if (!spec) throw new UsageError(`unknown command '${topic}'`);
    await writeOut(commandHelp(spec) + '\n');
    return EXIT.clean;
  }
  await writeOut(generalHelp(COMMANDS) + '\n');
  return command === undefined ? EXIT.usage : EXIT.clean;
}

/** Exit code and message for an error that reached the top: ours (3, with the stack) or the user's (2). */
export function describeFailure(e: unknown): { code: number; message: string } {
  if (e instanceof UsageError) return { code: EXIT.usage, message: `${e.message} (see tripline --help)` };
  if (e instanceof InputError || e instanceof ConfigError) return { code: EXIT.usage, message: e.message };
  const sys = e as NodeJS.ErrnoException;
  if (sys && typeof sys === 'object' && sys.syscall === 'uv_cwd')
    return { code: EXIT.usage, message: 'the current folder no longer exists (deleted while in use?): cd to an existing folder' };
  // A system call that failed (permission, disk) is an I/O problem, not a bug.
  if (sys instanceof Error && typeof sys.code === 'string' && typeof sys.syscall === 'string')
    return { code: EXIT.usage, message: `${sys.syscall} failed: ${sys.message}` };
  const msg = e instanceof Error ? (e.stack ?? e.message) : String(e);
  return { code: EXIT.internal, message: `internal error (please report it): ${msg}` };
}

if (require.main === module) {
  // From the start, for every command (the language server writes to stdout too).
  guardStdout();
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      const { code, message } = describeFailure(e);
      process.stderr.write(`tripline: ${message}\n`);
      process.exitCode = code;
    },
  );
}
