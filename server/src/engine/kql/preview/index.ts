/**
 * KQL preview: evaluates the subset of KQL detection queries use (see SUBSET in plan.ts) over
 * sample tables. A sample file is one table named after the file (`DeviceNetworkEvents.ndjson`),
 * unless its events carry a `$table` or `Type` field. Files are read with the preview helper's
 * readers (NDJSON, JSON, CSV...). `ago()` and `now()` use a preview clock: by default the latest
 * `Timestamp`/`TimeGenerated` of the table's sample rows, so bundled samples keep matching
 * whatever today's date is; the result states it.
 */
import { basename } from 'node:path';
import type { LineIndex } from '../../core/position';
import type { TriplineConfig } from '../../config/config';
import { loadSource } from '../../document/source';
import { readSample } from '../../preview/readers';
import type { SampleSource, SkippedRecord } from '../../preview/types';
import { kusto, kustoLoadError } from '../library';
import { identitySegment, kqlFileSegmentAt, kqlSegments, type KqlSegment } from '../segments';
import { toPlainTree } from '../tree';
import { compileTabular, planQuery, SUBSET, type KqlPlan } from './plan';
import { RegexBudgetError } from './regex-guard';
import { Executor } from './run';
import { KqlUnsupportedError, type Row } from './types';
import { asTime, toJson } from './values';

interface KqlPreviewOptions {
  /** Keep at most this many result rows (default 1000); `matched` counts them all. */
  limit?: number;
  /** Preview clock for ago()/now(): ISO date-time; default the latest timestamp in the samples. */
  clock?: string;
  signal?: AbortSignal;
  /**
   * Offset in a `.kql`/`.csl` file of the query to preview (the editor's cursor): a file holds
   * several queries separated by blank lines, as Log Analytics and ADX run the one under the
   * cursor. Default: the first query.
   */
  at?: number;
}

interface KqlPreviewMatch {
  source: string;
  index: number;
  event: Record<string, unknown>;
  selections: string[];
}

export interface KqlPreviewResult {
  rule: string;
  table: string;
  /** Rows of the query's table read from the samples. */
  scanned: number;
  /** Rows the query returns. */
  matched: number;
  matches: KqlPreviewMatch[];
  skipped: SkippedRecord[];
  /** The clock ago()/now() used, and where it came from; null when the query reads no clock. */
  clock: { time: string; origin: string } | null;
  /** Output columns in order (from the first result row). */
  columns: string[];
  warnings: string[];
  /** Tables found in the samples, with their row counts. */
  tables: Record<string, number>;
}

/** Raised for a query that cannot be previewed; `line`/`character` are 0-based file positions. */
export class KqlPreviewError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly character: number,
  ) {
    super(message);
  }
}

export const TIME_COLUMNS = ['Timestamp', 'TimeGenerated'];

export function tableOf(event: Record<string, unknown>, fileTable: string): string {
  const t = event.$table ?? event.Type;
  return typeof t === 'string' && t ? t : fileTable;
}

export function fileTableName(source: string): string {
  return basename(source)
    .replace(/\.[^.]+$/, '')
    .replace(/\.[^.]+$/, '');
}

/** Where rows are read from; the first full pass over the samples fills `tables` and `skipped`. */
interface SampleScan {
  samples: SampleSource[];
  skipped: SkippedRecord[];
  tables: Record<string, number>;
  counted: boolean;
  signal?: AbortSignal;
}

async function* tableRows(scan: SampleScan, table: string): AsyncGenerator<{ row: Row; source: string; index: number }> {
  const { samples, signal } = scan;
  const count = !scan.counted;
  scan.counted = true;
  const skipped: SkippedRecord[] = count ? scan.skipped : [];
  const tables: Record<string, number> = count ? scan.tables : {};
  // Kusto resolves table names case-sensitively; sample file names are matched ignoring case.
  const want = table.toLowerCase();
  for (const src of samples) {
    const fileTable = fileTableName(src.source);
    try {
      for await (const item of readSample(src, signal)) {
        if (item.kind === 'skipped') {
          skipped.push({ source: src.source, index: item.index, reason: item.reason });
          continue;
        }
        const t = tableOf(item.event, fileTable);
        tables[t] = (tables[t] ?? 0) + 1;
        if (t.toLowerCase() !== want) continue;
        const row: Row = { ...item.event };
        delete row.$table;
        yield { row, source: src.source, index: item.index };
      }
    } catch (e) {
      if (signal?.aborted) throw e;
      skipped.push({ source: src.source, index: -1, reason: (e as Error).message });
    }
  }
}

/** The KQL of a rule file: a .kql/.csl file, or the `query` of the first Sentinel document. */
function kqlOfRuleFile(path: string, text: string, at = 0): KqlSegment & { index: LineIndex } {
  const file = loadSource(path, text);
  if (file.kind === 'kql') return { ...(kqlFileSegmentAt(file.text, at) ?? identitySegment(file.text)), index: file.index };
  const seg = kqlSegments(file)[0];
  if (!seg) throw new KqlPreviewError(file.kind === 'sentinel' ? 'the Sentinel rule has no query to preview' : 'not a KQL file or Sentinel rule', 0, 0);
  return { ...seg, index: file.index };
}

export function compileKql(seg: KqlSegment & { index: LineIndex }, clock: () => number): KqlPlan {
  const api = kusto();
  if (!api) throw new KqlPreviewError(kustoLoadError() ?? 'the KQL parser is not available', 0, 0);
  const code = api.parse(seg.text);
  const diags = code.GetSyntaxDiagnostics();
  if (diags.Count > 0) {
    const d = diags.getItem(0);
    const p = seg.index.position(seg.map(d.Start));
    throw new KqlPreviewError(`the query does not parse: ${d.Message} (Kusto ${d.Code})`, p.line, p.character);
  }
  try {
    return planQuery(toPlainTree(api, code.Syntax), {
      text: seg.text,
      lets: new Map(),
      clock,
      state: { usesClock: false, subqueries: [], tables: [] },
      compileTabular,
    });
  } catch (e) {
    if (e instanceof KqlUnsupportedError) {
      const p = seg.index.position(seg.map(e.offset));
      throw new KqlPreviewError(`${e.message}. The preview evaluates ${SUBSET}.`, p.line, p.character);
    }
    throw e;
  }
}

/** Evaluates a KQL query or Sentinel rule over sample tables. Throws KqlPreviewError when it cannot. */
export async function previewKql(
  rulePath: string,
  ruleText: string,
  samples: SampleSource[],
  options: KqlPreviewOptions = {},
  _config?: TriplineConfig,
): Promise<KqlPreviewResult> {
  const seg = kqlOfRuleFile(rulePath, ruleText, options.at);
  let clockMs: number | null = null;
  let clockOrigin = '';
  if (options.clock !== undefined) {
    clockMs = asTime(options.clock);
    if (clockMs === null) throw new KqlPreviewError(`--clock ${options.clock} is not a date-time`, 0, 0);
    clockOrigin = 'given';
  }
  const plan = compileKql(seg, () => clockMs ?? Date.now());
  const scan: SampleScan = { samples, skipped: [], tables: {}, counted: false, signal: options.signal };
  const warnings: string[] = [];
  const queryTables = plan.ctx.state.tables;

  if (plan.ctx.state.usesClock && clockMs === null) {
    // First pass: the latest timestamp of the query's tables is "now" for ago().
    let latest: number | null = null;
    let column = '';
    for (const table of queryTables) {
      for await (const { row } of tableRows(scan, table)) {
        for (const c of TIME_COLUMNS) {
          const t = asTime(row[c]);
          if (t !== null && (latest === null || t > latest)) {
            latest = t;
            column = c;
          }
        }
      }
    }
    const names = queryTables.join('/') || 'query';
    if (latest === null) {
      clockMs = Date.now();
      clockOrigin = `the current time: no ${TIME_COLUMNS.join('/')} in the ${names} samples`;
    } else {
      clockMs = latest;
      clockOrigin = `the latest ${column} in the ${names} samples`;
    }
  }

  const read = new Map<string, number>();
  const executor = new Executor(async function* (table) {
    let n = 0;
    for await (const item of tableRows(scan, table)) {
      n++;
      yield item;
    }
    read.set(table, n);
  });
  let rows;
  try {
    await executor.subqueries(plan.ctx.state.subqueries);
    rows = await executor.run(plan.plan);
  } catch (e) {
    if (!(e instanceof RegexBudgetError)) throw e;
    const p = seg.index.position(seg.map(e.offset));
    throw new KqlPreviewError(e.message, p.line, p.character);
  }
  const scanned = [...read.values()].reduce((a, b) => a + b, 0);
  const { skipped, tables } = scan;
  for (const t of queryTables) {
    if (read.get(t)) continue;
    const found = Object.keys(tables);
    warnings.push(
      `no sample rows for table ${t}${found.length ? ` (tables in the samples: ${found.join(', ')})` : ''}; name the file after the table or give each event a $table or Type field`,
    );
  }
  const limit = options.limit ?? 1000;
  const matches = rows.slice(0, limit).map((r) => ({
    source: r.source,
    index: r.index,
    event: Object.fromEntries(Object.entries(r.vals).map(([k, v]) => [k, toJson(v)])),
    selections: r.flags,
  }));
  return {
    rule: rulePath,
    table: plan.table,
    scanned,
    matched: rows.length,
    matches,
    skipped,
    clock: plan.ctx.state.usesClock && clockMs !== null ? { time: new Date(clockMs).toISOString(), origin: clockOrigin } : null,
    columns: [...new Set(rows.slice(0, limit).flatMap((r) => Object.keys(r.vals)))],
    warnings,
    tables,
  };
}

/** The CLI's JSON: the contract's preview shape (ARCHITECTURE.md) plus `table` and `clock`. */
export function kqlPreviewJson(r: KqlPreviewResult): Record<string, unknown> {
  return { rule: r.rule, scanned: r.scanned, matched: r.matched, matches: r.matches, skipped: r.skipped, table: r.table, clock: r.clock, warnings: r.warnings };
}

function cell(v: unknown, width: number): string {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  const one = s.replace(/\s+/g, ' ');
  return one.length > width ? one.slice(0, width - 1) + '…' : one;
}

/** Text output: the result rows as a table of the query's output columns. */
export function formatKqlPreviewText(r: KqlPreviewResult): string {
  const lines: string[] = [r.rule];
  lines.push(
    `${r.matched.toLocaleString('en-US')} row${r.matched === 1 ? '' : 's'} from ${r.scanned.toLocaleString('en-US')} ${r.table ? `${r.table} ` : 'sample '}row${r.scanned === 1 ? '' : 's'}${r.skipped.length ? `, ${r.skipped.length} unreadable` : ''}`,
  );
  if (r.clock) lines.push(`clock: ${r.clock.time} (${r.clock.origin}); ago() counts back from it`);
  if (r.matches.length > 0) {
    const cols = ['SOURCE', 'INDEX', ...r.columns.slice(0, 8)];
    const rows = r.matches.map((m) => [
      cell(m.source ? basename(m.source) : '', 30),
      m.source ? String(m.index) : '',
      ...r.columns.slice(0, 8).map((c) => cell(m.event[c], 48)),
    ]);
    const widths = cols.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const fmt = (row: string[]): string =>
      row
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd();
    lines.push('', fmt(cols), ...rows.map(fmt));
    if (r.matched > r.matches.length) lines.push(`… ${r.matched - r.matches.length} more (raise --limit)`);
  }
  for (const s of r.skipped.slice(0, 20)) lines.push(`unreadable: ${s.source}${s.index >= 0 ? ` #${s.index}` : ''}: ${s.reason}`);
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n') + '\n';
}
