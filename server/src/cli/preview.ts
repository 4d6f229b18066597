/**
 * `tripline preview RULE --samples PATH... [--format text|json] [--limit N] [--config FILE] [--rules PATH...]`:
 * evaluates one Sigma rule against sample telemetry files or folders. JSON output is exactly the
 * DESIGN.md shape; text output is a table. Exit 0 after a scan (matches or not), 2 on usage or
 * I/O problems (unreadable rule, missing sample path, rule that cannot be evaluated, samples that
 * held no readable event at all: the output is still written, and stderr says why).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { previewInContext, previewInWorker, RuleCompileError, ruleContextFiles, toCliJson, type PreviewResult, type SampleSource } from '../engine/preview';
import { isSampleFile } from '../engine/preview/readers/extensions';
import { InputError } from '../engine/workspace/files';
import { formatCorrelationText } from './preview-correlation';
import { parseArgs, single, UsageError } from './args';
import { loadConfig, writeOut } from './main';
import { isKqlRule, runKqlPreview } from './preview-kql';


export async function runPreview(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['format', 'limit', 'config', 'profile', 'clock'], multi: ['samples', 'rules'], flags: [] });
  const format = single(args, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not '${format}'`);
  const limitText = single(args, 'limit');
  const limit = limitText === undefined ? 1000 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 0) throw new UsageError(`--limit must be a whole number, not '${limitText}'`);
  if (args.positional.length !== 1) throw new UsageError(args.positional.length === 0 ? 'preview needs a RULE file' : `preview takes one RULE file, got ${args.positional.length}`);
  const samplePaths = args.options.get('samples') ?? [];
  if (samplePaths.length === 0) throw new UsageError('preview needs --samples PATH...');

  const rulePath = args.positional[0];
  let ruleText: string;
  try {
    ruleText = readFileSync(rulePath, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read rule ${rulePath}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const config = loadConfig(single(args, 'config'), resolve(rulePath, '..'));
  const samples = collectSamples(samplePaths);
  // KQL files and Sentinel rules are evaluated by the KQL preview (engine/kql/preview).
  if (isKqlRule(rulePath, ruleText)) return runKqlPreview(rulePath, ruleText, samples, { format, limit, clock: single(args, 'clock') });

  const progress = process.stderr.isTTY ? progressPrinter() : undefined;
  let result: PreviewResult;
  try {
    result = await previewInContext({ ruleText, rulePath }, samples, {
      run: previewInWorker,
      context: ruleContextFiles(rulePath, ruleText, config, args.options.get('rules') ?? []),
      timeFields: config.samples.timeFields,
      limit,
      profile: single(args, 'profile') ?? config.samples.profile,
      placeholders: config.samples.placeholders,
      onProgress: progress?.update,
    });
  } catch (e) {
    if (e instanceof RuleCompileError) throw new InputError(`${rulePath}: ${e.message}`);
    throw e;
  } finally {
    progress?.clear();
  }
  if (format === 'json') await writeOut(JSON.stringify(toCliJson(result)) + '\n');
  else await writeOut(formatPreviewText(result));
  // Nothing read at all is an input problem (wrong folder, unreadable archives), not "no matches".
  if (eventsRead(result) === 0) {
    const why = result.skipped.filter((s) => s.index < 0).slice(0, 5).map((s) => `\n  ${s.source}: ${s.reason}`).join('');
    const what = samples.length === 0 ? `no telemetry files (.json, .ndjson, .csv, .zip...) in ${samplePaths.join(', ')}` : `no events read from ${samples.length} sample source${samples.length === 1 ? '' : 's'}${why}`;
    process.stderr.write(`tripline: ${what}\n`);
    return 2;
  }
  return 0;
}

/** Events actually read: scanned records less the unreadable ones. */
function eventsRead(r: PreviewResult): number {
  return r.scanned - r.skipped.filter((s) => s.index >= 0).length;
}

function collectSamples(paths: string[]): SampleSource[] {
  const out: SampleSource[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && isSampleFile(name)) out.push({ source: p, path: p });
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      throw new InputError(`cannot read samples ${p}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    if (st.isDirectory()) walk(p);
    else out.push({ source: p, path: p });
  }
  return out;
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

function cell(v: unknown, width: number): string {
  const s = v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  const one = s.replace(/\s+/g, ' ');
  return one.length > width ? one.slice(0, width - 1) + '…' : one;
}

/** A readable table: one row per match with the fields the rule reads. */
function formatPreviewText(r: PreviewResult): string {
  const lines: string[] = [];
  lines.push(`${r.rule}`);
  lines.push(`${r.matched.toLocaleString('en-US')} match${r.matched === 1 ? '' : 'es'} in ${r.scanned.toLocaleString('en-US')} event${r.scanned === 1 ? '' : 's'}${r.skipped.length ? `, ${r.skipped.length} unreadable` : ''}`);
  if (r.matches.length > 0) {
    const rows = r.matches.map((m) => {
      const fields = Object.entries(m.fields ?? {})
        .map(([f, path]) => `${f}=${cell(lookupPath(m.event, path), 60)}`)
        .join('  ');
      return [cell(m.source, 40), String(m.index), m.selections.join(', '), fields];
    });
    const header = ['SOURCE', 'INDEX', 'SELECTIONS', 'FIELDS'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const fmt = (row: string[]): string => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
    lines.push('');
    lines.push(fmt(header));
    for (const row of rows) lines.push(fmt(row));
    if (r.matched > r.matches.length) lines.push(`… ${r.matched - r.matches.length} more (raise --limit)`);
  }
  if (r.skipped.length > 0) {
    lines.push('');
    lines.push('unreadable:');
    for (const s of r.skipped.slice(0, 20)) lines.push(`  ${s.source}${s.index >= 0 ? ` #${s.index}` : ''}: ${s.reason}`);
    if (r.skipped.length > 20) lines.push(`  … ${r.skipped.length - 20} more (use --format json)`);
  }
  lines.push(...formatCorrelationText(r));
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  for (const s of r.slowRegexes) lines.push(`warning: regex '${s.pattern}' (${s.selection}) exceeded ${s.budgetMs} ms on ${s.source} #${s.index}`);
  return lines.join('\n') + '\n';
}

function lookupPath(event: Record<string, unknown>, path: string): unknown {
  if (Object.prototype.hasOwnProperty.call(event, path)) return event[path];
  let cur: unknown = event;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}
