/**
 * `tripline preview RULE --samples PATH...`: evaluates one rule (Sigma, a KQL file or a Sentinel
 * rule: the engine decides) against sample telemetry files or folders. JSON output is exactly the
 * contract's shape (ARCHITECTURE.md); text output is a table. Exit 0 after a scan (matches or not), 2 on usage or I/O
 * problems (unreadable rule, missing sample path, rule that cannot be evaluated, samples that held
 * no readable event at all: the output is still written, and stderr says why).
 */
import { resolve } from 'node:path';
import { collectSamples, Engine, formatKqlPreviewText, InputError, kqlPreviewJson, PreviewError, toCliJson, type PreviewResult } from '../engine/index';
import { single, UsageError } from './args';
import { formatPreviewText } from './format/preview';
import { loadConfig, readRule, writeOut } from './io';
import type { CommandSpec } from './table';

export const PREVIEW: CommandSpec = {
  name: 'preview',
  args: 'RULE',
  summary:
    'Show what one rule (Sigma, KQL file or Sentinel rule) matches in sample telemetry. Exit 0 after a scan; 2 on usage or I/O problems, or when no event could be read.',
  options: [
    {
      name: 'samples',
      value: 'PATH',
      multi: true,
      required: true,
      help: 'telemetry files or folders (JSON, NDJSON, CSV, EVTX exported to JSON, .evtx, .zip/.gz/.tar.gz of them)',
    },
    { name: 'format', choices: ['text', 'json'], help: 'output format (default text)' },
    { name: 'limit', value: 'N', help: 'matched events listed (default 1000; all are counted)' },
    { name: 'config', value: 'FILE', help: "configuration file (default: tripline.config.json found from the rule's folder upwards)" },
    { name: 'profile', value: 'NAME', help: 'Sigma: field-mapping profile, auto or a profile name (default samples.profile of the configuration)' },
    { name: 'rules', value: 'PATH', multi: true, help: 'Sigma: more rule files, for the rules a correlation names and the filters that apply' },
    { name: 'clock', value: 'ISO', help: 'KQL: now() for ago(); default the latest Timestamp/TimeGenerated in the samples' },
  ],
  run: async (args) => {
    const format = single(args, 'format') ?? 'text';
    const limitText = single(args, 'limit');
    const limit = limitText === undefined ? 1000 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 0) throw new UsageError(`--limit must be a whole number, not '${limitText}'`);
    if (args.positional.length !== 1)
      throw new UsageError(args.positional.length === 0 ? 'preview needs a RULE file' : `preview takes one RULE file, got ${args.positional.length}`);
    const samplePaths = args.options.get('samples') ?? [];
    if (samplePaths.length === 0) throw new UsageError('preview needs --samples PATH...');
    const rulePath = args.positional[0];
    const read = readRule(rulePath, 'preview');
    const engine = new Engine({ config: loadConfig(single(args, 'config'), resolve(rulePath, '..')) });
    const samples = collectSamples(samplePaths);
    const progress = process.stderr.isTTY ? progressPrinter() : undefined;
    let outcome;
    try {
      outcome = await engine.preview(
        { path: rulePath, text: read.text },
        {
          limit,
          samples,
          profile: single(args, 'profile'),
          clock: single(args, 'clock'),
          rules: args.options.get('rules') ?? [],
          onProgress: progress?.update,
        },
      );
    } catch (e) {
      if (e instanceof PreviewError)
        throw new InputError(e.at ? `${rulePath}:${e.at.line + 1}:${e.at.character + 1}: ${e.message}` : `${rulePath}: ${e.message}`);
      throw e;
    } finally {
      progress?.clear();
    }
    if (outcome.kind === 'kql') {
      await writeOut(format === 'json' ? JSON.stringify(kqlPreviewJson(outcome.result)) + '\n' : formatKqlPreviewText(outcome.result));
      return 0;
    }
    const result = outcome.result;
    if (format === 'json') await writeOut(JSON.stringify(toCliJson(result)) + '\n');
    else await writeOut(formatPreviewText(result));
    // Nothing read at all is an input problem (wrong folder, unreadable archives), not "no matches".
    if (eventsRead(result) === 0) {
      const why = result.skipped
        .filter((s) => s.index < 0)
        .slice(0, 5)
        .map((s) => `\n  ${s.source}: ${s.reason}`)
        .join('');
      const what =
        samples.length === 0
          ? `no telemetry files (.json, .ndjson, .csv, .zip...) in ${samplePaths.join(', ')}`
          : `no events read from ${samples.length} sample source${samples.length === 1 ? '' : 's'}${why}`;
      process.stderr.write(`tripline: ${what}\n`);
      return 2;
    }
    return 0;
  },
};

/** Events actually read: scanned records less the unreadable ones. */
function eventsRead(r: PreviewResult): number {
  return r.scanned - r.skipped.filter((s) => s.index >= 0).length;
}

function progressPrinter(): { update: (p: { scanned: number; matched: number; bytesRead: number; bytesTotal: number }) => void; clear: () => void } {
  let last = 0;
  let shown = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      const pct = p.bytesTotal > 0 ? ` (${Math.min(100, Math.round((p.bytesRead / p.bytesTotal) * 100))}%)` : '';
      process.stderr.write(`\rscanned ${p.scanned.toLocaleString('en-US')} events, ${p.matched.toLocaleString('en-US')} matches${pct}   `);
      shown = true;
    },
    clear() {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}
