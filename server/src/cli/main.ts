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

/** Exit codes: 0 clean, 1 error-severity findings, 2 usage or I/O problem. */
export async function main(argv: string[]): Promise<number> {
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
  const files = collectRuleFiles(paths);
  const result = await checkFiles(files, config);
  const out = format === 'json' ? formatJson(result.files, result.summary) : format === 'sarif' ? formatSarif(result.files, TOOL_VERSION) : formatText(result.files, result.summary);
  await writeOut(out + '\n');
  return result.summary.errors > 0 ? 1 : 0;
}

export function writeOut(text: string): Promise<void> {
  return new Promise((res) => {
    if (process.stdout.write(text)) res();
    else process.stdout.once('drain', () => res());
  });
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      const known = e instanceof UsageError || e instanceof InputError || e instanceof ConfigError;
      const msg = e instanceof Error ? e.message : String(e);
      process.stderr.write(`tripline: ${known ? msg : 'internal error: ' + msg}${e instanceof UsageError ? ' (see tripline --help)' : ''}\n`);
      process.exitCode = 2;
    },
  );
}
