import { resolve } from 'node:path';
import { catalogFor } from '../engine/attack/load';
import { coverageOf } from '../engine/attack/coverage';
import { navigatorLayer } from '../engine/attack/navigator';
import { defaultConfig, findConfigFile, loadConfigFile } from '../engine/config/config';
import { loadSource, type SourceFile } from '../engine/document/source';
import { collectRuleFiles, readRuleFile } from '../engine/workspace/files';
import { parseArgs, single, UsageError } from './args';
import { formatCoverageText } from './coverage-text';
import { EXIT, note, writeOut } from './main';
import { TOOL_VERSION } from './version';

const DOMAINS = { enterprise: 'enterprise-attack', mobile: 'mobile-attack' } as const;

/**
 * `tripline coverage [PATH...] [--format text|json|navigator] [--domain enterprise|mobile] [--config FILE]`:
 * which rules map to which ATT&CK technique. `navigator` prints an ATT&CK Navigator file (layer
 * format 4.5): a list of two layers, Enterprise and Mobile, or one layer with --domain.
 */
export async function runCoverage(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['format', 'config', 'domain'], flags: [] });
  const format = single(args, 'format') ?? 'text';
  if (!['text', 'json', 'navigator'].includes(format)) throw new UsageError(`--format must be text, json or navigator, not '${format}'`);
  const domain = single(args, 'domain');
  if (domain !== undefined && !(domain in DOMAINS)) throw new UsageError(`--domain must be enterprise or mobile, not '${domain}'`);
  if (domain !== undefined && format !== 'navigator') throw new UsageError('--domain applies to --format navigator');
  const paths = args.positional.length > 0 ? args.positional : ['.'];
  const explicit = single(args, 'config');
  const found = explicit ?? findConfigFile(resolve(paths[0]));
  const config = found ? loadConfigFile(found) : defaultConfig();
  const files: SourceFile[] = [];
  let failed = false;
  for (const path of collectRuleFiles(paths, note)) {
    const read = readRuleFile(path);
    if (read.unreadable) note(`${path}: ${read.unreadable}`);
    try {
      files.push(loadSource(path, read.text, read));
    } catch (e) {
      // A bug of ours on one file: say so (exit 3) and count the others.
      failed = true;
      process.stderr.write(`tripline: internal error on ${path}:\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    }
  }
  const { catalog, problem } = catalogFor(config);
  if (problem) process.stderr.write(`tripline: ${problem}\n`);
  const report = coverageOf(files, config, catalog);
  let out: string;
  if (format === 'json') {
    out = JSON.stringify({ version: 1, catalogVersion: report.catalogVersion, files: report.files, rules: report.rules, techniques: report.techniques, unknown: report.unknown }, null, 2);
  } else if (format === 'navigator') {
    const layers = (domain ? [DOMAINS[domain as keyof typeof DOMAINS]] : Object.values(DOMAINS)).map((d) => navigatorLayer(report, catalog, d, TOOL_VERSION));
    out = JSON.stringify(domain ? layers[0] : layers, null, 2);
  } else out = formatCoverageText(report);
  await writeOut(out + '\n');
  return failed ? EXIT.internal : EXIT.clean;
}
