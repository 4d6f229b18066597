import { resolve } from 'node:path';
import { collectRuleFiles, Engine, navigatorLayer, TOOL_VERSION } from '../engine/index';
import { single, UsageError } from './args';
import { formatCoverageText } from './format/coverage';
import { EXIT, loadConfig, note, writeOut } from './io';
import type { CommandSpec } from './table';

const DOMAINS = { enterprise: 'enterprise-attack', mobile: 'mobile-attack' } as const;

/**
 * `tripline coverage`: which rules map to which ATT&CK technique. `navigator` prints an ATT&CK
 * Navigator file (layer format 4.5): a list of two layers, Enterprise and Mobile, or one layer with --domain.
 */
export const COVERAGE: CommandSpec = {
  name: 'coverage',
  args: '[PATH...]',
  summary: 'Which rules map to which ATT&CK technique; the web-service techniques no rule covers.',
  options: [
    { name: 'format', choices: ['text', 'json', 'navigator'], help: 'output format (default text); navigator: an ATT&CK Navigator layer file' },
    { name: 'domain', choices: ['enterprise', 'mobile'], help: 'with --format navigator: one layer of this domain (default both)' },
    { name: 'config', value: 'FILE', help: 'configuration file (default: tripline.config.json found from the first PATH upwards)' },
  ],
  async run(args) {
    const format = single(args, 'format') ?? 'text';
    const domain = single(args, 'domain') as keyof typeof DOMAINS | undefined;
    if (domain !== undefined && format !== 'navigator') throw new UsageError('--domain applies to --format navigator');
    const paths = args.positional.length > 0 ? args.positional : ['.'];
    const engine = new Engine({ config: loadConfig(single(args, 'config'), resolve(paths[0])) });
    const { report, catalog, catalogProblem, unreadable, failures } = engine.coverage(collectRuleFiles(paths, note).map((path) => ({ path })));
    for (const u of unreadable) note(`${u.path}: ${u.reason}`);
    // A bug of ours on one file: say so (exit 3); the others are counted.
    for (const f of failures)
      process.stderr.write(`tripline: internal error on ${f.path}:\n${f.error instanceof Error ? (f.error.stack ?? f.error.message) : String(f.error)}\n`);
    if (catalogProblem) note(catalogProblem);
    let out: string;
    if (format === 'json') {
      out = JSON.stringify(
        { version: 1, catalogVersion: report.catalogVersion, files: report.files, rules: report.rules, techniques: report.techniques, unknown: report.unknown },
        null,
        2,
      );
    } else if (format === 'navigator') {
      const layers = (domain ? [DOMAINS[domain]] : Object.values(DOMAINS)).map((d) => navigatorLayer(report, catalog, d, TOOL_VERSION));
      out = JSON.stringify(domain ? layers[0] : layers, null, 2);
    } else out = formatCoverageText(report);
    await writeOut(out + '\n');
    return failures.length > 0 ? EXIT.internal : EXIT.clean;
  },
};
