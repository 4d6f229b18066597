import { resolve } from 'node:path';
import { collectRuleFiles, Engine, TOOL_VERSION } from '../engine/index';
import { single } from './args';
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
  ],
  async run(args) {
    const format = single(args, 'format') ?? 'text';
    const paths = args.positional.length > 0 ? args.positional : ['.'];
    const engine = new Engine({ config: loadConfig(single(args, 'config'), resolve(paths[0])) });
    const result = await engine.check(collectRuleFiles(paths, note));
    for (const { path, failure } of result.failures) {
      const e = failure.error;
      process.stderr.write(`tripline: internal error on ${path} while ${failure.stage}:\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    }
    const out = format === 'json' ? formatJson(result.files, result.summary) : format === 'sarif' ? formatSarif(result.files, TOOL_VERSION) : formatText(result.files, result.summary);
    await writeOut(out + '\n');
    if (result.failures.length > 0) return EXIT.internal;
    return result.summary.errors > 0 ? EXIT.findings : EXIT.clean;
  },
};
