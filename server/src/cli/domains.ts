import { resolve } from 'node:path';
import { Engine } from '../engine/index';
import { single, UsageError } from './args';
import { formatDomainTable } from './format/domains';
import { loadConfig, readRule, writeOut } from './io';
import type { CommandSpec } from './table';

/**
 * `tripline domains RULE`: every host, domain or URL entry of a rule with what it really matches,
 * its catalog service and the domains/* diagnostics on it — the same diagnostics `tripline check` prints.
 */
export const DOMAINS: CommandSpec = {
  name: 'domains',
  args: 'RULE',
  summary: 'List the host, domain and URL entries of one rule: what each really matches, its service, and its domains/* findings.',
  options: [
    { name: 'format', choices: ['text', 'json'], help: 'output format (default text)' },
    { name: 'config', value: 'FILE', help: "configuration file (default: tripline.config.json found from the rule's folder upwards)" },
  ],
  async run(args) {
    const format = single(args, 'format') ?? 'text';
    if (args.positional.length !== 1) throw new UsageError('tripline domains takes exactly one RULE file');
    const path = args.positional[0];
    const engine = new Engine({ config: loadConfig(single(args, 'config'), resolve(path)) });
    const read = readRule(path, 'domains');
    const { report, rows } = await engine.domains(path, read.text, read);
    if (format === 'json') await writeOut(JSON.stringify({ rule: path, kind: report.kind, entries: rows }, null, 2) + '\n');
    else await writeOut(formatDomainTable(path, rows) + '\n');
    return 0;
  },
};
