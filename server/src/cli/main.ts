import { resolve } from 'node:path';
import { ConfigError, defaultConfig, findConfigFile, loadConfigFile, type TriplineConfig } from '../engine/config/config';
import { collectRuleFiles, InputError } from '../engine/workspace/files';
import { parseArgs, single, UsageError } from './args';
import { checkFiles } from './check';
import { COMMANDS } from './commands';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';
import { TOOL_VERSION, versionText } from './version';

const USAGE = `usage: tripline <command> [options]
  tripline --version
  tripline check [PATH...] [--format text|json|sarif] [--config FILE]
  tripline preview RULE --samples PATH... [--format text|json] [--limit N]
      KQL: [--clock ISO] is now() for ago(); default the latest Timestamp/TimeGenerated in the samples
  tripline coverage [PATH...] [--format text|json|navigator] [--domain enterprise|mobile] [--config FILE]
  tripline domains RULE [--format text|json] [--config FILE]
  tripline lsp --stdio`;

/** Exit codes: 0 clean, 1 error-severity findings, 2 usage or I/O problem, 3 internal error (a bug of Tripline's). */
export const EXIT = { clean: 0, findings: 1, usage: 2, internal: 3 } as const;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v' || command === 'version') {
    process.stdout.write(versionText() + '\n');
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return command === undefined ? 2 : 0;
  }
  if (command === 'check') return runCheck(rest);
  const extra = COMMANDS.get(command);
  if (extra) return extra(rest);
  throw new UsageError(`unknown command '${command}'`);
}

export function loadConfig(explicit: string | undefined, near: string): TriplineConfig {
  if (explicit) return loadConfigFile(explicit);
  const found = findConfigFile(near);
  return found ? loadConfigFile(found) : defaultConfig();
}

async function runCheck(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['format', 'config'], flags: [] });
  const format = single(args, 'format') ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif, not '${format}'`);
  const paths = args.positional.length > 0 ? args.positional : ['.'];
  const config = loadConfig(single(args, 'config'), resolve(paths[0]));
  const files = collectRuleFiles(paths, note);
  const result = await checkFiles(files, config);
  for (const { path, failure } of result.failures) {
    const e = failure.error;
    process.stderr.write(`tripline: internal error on ${path} while ${failure.stage}:\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  }
  const out = format === 'json' ? formatJson(result.files, result.summary) : format === 'sarif' ? formatSarif(result.files, TOOL_VERSION) : formatText(result.files, result.summary);
  await writeOut(out + '\n');
  if (result.failures.length > 0) return EXIT.internal;
  return result.summary.errors > 0 ? EXIT.findings : EXIT.clean;
}

/** What the folder walk skipped (symlink loops, FIFOs...): said on stderr, never fatal. */
export function note(message: string): void {
  process.stderr.write(`tripline: ${message}\n`);
}

export function writeOut(text: string): Promise<void> {
  // Resolves once written; a write error (EPIPE, ENOSPC) is handled by the 'error' listener below.
  return new Promise((res) => {
    process.stdout.write(text, () => res());
  });
}

/** A failed write to stdout (`| head` closing the pipe, `> /dev/full`): one line, exit 2, no stack. */
function onStdoutError(e: NodeJS.ErrnoException): void {
  const why = e.code === 'EPIPE' ? 'the output was closed before everything was written' : `cannot write the output (${e.code ?? e.message})`;
  process.stderr.write(`tripline: ${why}\n`);
  process.exit(EXIT.usage);
}

/** Exit code and message for an error that reached the top: ours (3, with the stack) or the user's (2). */
export function describeFailure(e: unknown): { code: number; message: string } {
  if (e instanceof UsageError) return { code: EXIT.usage, message: `${e.message} (see tripline --help)` };
  if (e instanceof InputError || e instanceof ConfigError) return { code: EXIT.usage, message: e.message };
  const sys = e as NodeJS.ErrnoException;
  if (sys && typeof sys === 'object' && sys.syscall === 'uv_cwd') return { code: EXIT.usage, message: 'the current folder no longer exists (deleted while in use?): cd to an existing folder' };
  // A system call that failed (permission, disk) is an I/O problem, not a bug.
  if (sys instanceof Error && typeof sys.code === 'string' && typeof sys.syscall === 'string') return { code: EXIT.usage, message: `${sys.syscall} failed: ${sys.message}` };
  const msg = e instanceof Error ? (e.stack ?? e.message) : String(e);
  return { code: EXIT.internal, message: `internal error (please report it): ${msg}` };
}

if (require.main === module) {
  process.stdout.on('error', onStdoutError);
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
