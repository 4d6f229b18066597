import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { collectRuleFiles, Engine, InputError, TOOL_VERSION } from '../engine/index';
import { single, UsageError } from './args';
import { addFixesToJson, formatFixesText } from './fix';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';
import { EXIT, loadConfig, note, writeOut } from './io';
import type { CommandSpec } from './table';

/** `tripline check`: the diagnostics the editor shows, for files and folders (CI). */
export const CHECK: CommandSpec = {
  name: 'check',
  args: '[PATH...]',
  summary: 'Check rule files and folders (.yml .yaml .kql .csl, recursive). Exit 0: no error; 1: errors found; 2: usage or I/O problem; 3: internal error.',
  options: [
    { name: 'format', choices: ['text', 'json', 'sarif'], help: 'output format (default text)' },
    { name: 'config', value: 'FILE', help: 'configuration file (default: tripline.config.json found from the first PATH upwards)' },
    { name: 'fix', help: 'apply every safe fix in place (comments, key order and quoting kept), then report what remains' },
    { name: 'dry-run', help: 'with --fix: print what would change (a unified diff), write nothing' },
    {
      name: 'workspace-files',
      value: 'LIST',
      help: 'a file naming more rule files of the same set, one a line: checked for duplicates and references, not reported',
    },
  ],
  async run(args) {
    const format = single(args, 'format') ?? 'text';
    const fixing = args.flags.has('fix');
    const dryRun = args.flags.has('dry-run');
    if (dryRun && !fixing) throw new UsageError('--dry-run goes with --fix');
    const paths = args.positional.length > 0 ? args.positional : ['.'];
    const engine = new Engine({ config: loadConfig(single(args, 'config'), resolve(paths[0])) });
    const files = collectRuleFiles(paths, note);
    const context = workspaceFiles(single(args, 'workspace-files'));
    const fix = fixing ? await engine.fix(files, dryRun, context) : null;
    const result = fix ?? (await engine.check(files, context));
    for (const { path, failure } of result.failures) {
      const e = failure.error;
      process.stderr.write(`tripline: internal error on ${path} while ${failure.stage}:\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    }
    let out =
      format === 'json'
        ? formatJson(result.files, result.summary)
        : format === 'sarif'
          ? formatSarif(result.files, TOOL_VERSION)
          : formatText(result.files, result.summary);
    if (fix) {
      // What was fixed comes first; the report after it is what remains (and sets the exit code).
      const done = formatFixesText(fix, dryRun);
      if (format === 'json') out = addFixesToJson(out, fix, dryRun);
      else if (format === 'sarif') process.stderr.write(done ? done + '\n' : '');
      else if (done) out = `${done}\n${out}`;
    }
    await writeOut(out + '\n');
    if (result.failures.length > 0) return EXIT.internal;
    return result.summary.errors > 0 ? EXIT.findings : EXIT.clean;
  },
};

/** `--workspace-files LIST`: the other files of the rule set, one path a line. */
function workspaceFiles(list: string | undefined): string[] {
  if (list === undefined) return [];
  let text: string;
  try {
    text = readFileSync(list, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read --workspace-files ${list}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return text.split(/\r?\n/).filter((l) => l.trim() !== '');
}
