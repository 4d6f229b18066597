import { createHash } from 'node:crypto';
import { LineIndex } from '../core/position';
import type { SourceFile } from '../document/source';
import type { DomainEntry } from '../domains/entry';
import { compileKql, fileTableName, tableOf, TIME_COLUMNS } from '../kql/preview';
import { identitySegment } from '../kql/segments';
import { Executor } from '../kql/preview/run';
import type { Row } from '../kql/preview/types';
import { asTime } from '../kql/preview/values';
import { readSample, type SampleSource } from '../preview';
import type { EntryHits } from './entry-hits';
import { entryQuery } from './kql-entry-query';

/**
 * KQL entries counted through the whole query (see kql-entry-query.ts): each entry's query runs in
 * the KQL preview evaluator over the sample tables, held in memory once per sample set. Results
 * are cached by query text, so re-checking an unchanged query while typing elsewhere costs
 * nothing; the evaluations of one file share a time budget, past which the remaining entries keep
 * their per-column count (and say so).
 */

interface TableRow {
  row: Row;
  source: string;
  index: number;
}

/** What one entry's query returned. */
interface KqlCount {
  hits: number;
  attackHits: number;
  /** Baseline rows of the query's tables that carry the entry's column (all of them when none does). */
  events: number;
  top: [string, number][];
}

/** Time the evaluations of one file may take before the rest fall back to per-column counts. */
export const KQL_FILE_BUDGET_MS = 1500;
const CACHE_MAX = 2048;

export class KqlSampleTables {
  private readonly tables = new Map<string, TableRow[]>();
  private readonly attackKeys = new Set<string>();
  /** Sample rows by source and index: the entry's column for "most often", when the query projected it away. */
  private readonly byKey = new Map<string, Row>();
  private readonly loading = new Map<string, Promise<void>>();
  private readonly present = new Set<string>();
  private first: Promise<void> | null = null;
  private readonly results = new Map<string, KqlCount | string>();

  constructor(
    private readonly sources: SampleSource[],
    private readonly attack: Map<string, Set<number>>,
  ) {}

  /**
   * Reads the rows of these tables (lower case, as the preview matches names) into memory, once.
   * Only the tables KQL queries name are held (DeviceNetworkEvents, typically), not the Sysmon or
   * proxy events. The first pass also learns which tables the samples have at all, so a query on
   * any other table (most of a Sentinel rule set) costs no further pass.
   */
  private load(tables: string[]): Promise<unknown> {
    const names = [...new Set(tables.map((t) => t.toLowerCase()))];
    const first = (this.first ??= this.readTables(new Set(names)));
    for (const t of names) {
      if (this.loading.has(t)) continue;
      this.loading.set(t, first.then(() => (this.present.has(t) && !this.tables.has(t) ? this.readTables(new Set([t])) : undefined)));
    }
    return Promise.all(names.map((t) => this.loading.get(t)));
  }

  private async readTables(wanted: Set<string>): Promise<void> {
    for (const t of wanted) this.tables.set(t, []);
    for (const src of this.sources) {
      const fileTable = fileTableName(src.source);
      const labelled = src.path ? this.attack.get(src.path) : undefined;
      try {
        for await (const item of readSample(src)) {
          if (item.kind !== 'event') continue;
          const t = tableOf(item.event, fileTable).toLowerCase();
          this.present.add(t);
          if (!wanted.has(t)) continue;
          const row: Row = { ...item.event };
          delete row.$table;
          this.tables.get(t)?.push({ row, source: src.source, index: item.index });
          this.byKey.set(`${src.source}\u0000${item.index}`, row);
          if (labelled?.has(item.index)) this.attackKeys.add(`${src.source}\u0000${item.index}`);
        }
      } catch {
        // An unreadable sample file: its rows are missing here as in the preview, which reports it.
      }
    }
  }

  /**
   * Compiles a query once (by text) and reads its tables: the rows they hold in the samples, or
   * why the preview cannot run it. Entries of a query on a table the samples lack need no
   * evaluation of their own (most of a Sentinel rule set).
   */
  async rowsFor(text: string): Promise<number | string> {
    const k = `base:${key(text, '')}`;
    const hit = this.results.get(k);
    if (typeof hit === 'string') return hit;
    if (hit) return hit.events;
    let result: number | string;
    try {
      const plan = compileKql({ ...identitySegment(text), index: new LineIndex(text) }, () => Date.now());
      await this.load(plan.ctx.state.tables);
      result = plan.ctx.state.tables.reduce((n, t) => n + this.rows(t).length, 0);
    } catch (e) {
      result = reasonOf(e);
    }
    this.remember(k, typeof result === 'string' ? result : { hits: 0, attackHits: 0, events: result, top: [] });
    return result;
  }

  /** `rowsFor`'s cached answer, or undefined. */
  peekRows(text: string): number | string | undefined {
    const hit = this.results.get(`base:${key(text, '')}`);
    return typeof hit === 'object' ? hit.events : hit;
  }

  /** A cached result: the count, a reason it could not be computed, or undefined when not run yet. */
  peek(text: string, field: string): KqlCount | string | undefined {
    return this.results.get(key(text, field));
  }

  private remember(k: string, v: KqlCount | string): void {
    this.results.set(k, v);
    if (this.results.size > CACHE_MAX) this.results.delete(this.results.keys().next().value as string);
  }

  /** Runs one entry query; the count, or why the evaluator could not run it. */
  async count(text: string, entry: DomainEntry): Promise<KqlCount | string> {
    const k = key(text, entry.field);
    const hit = this.results.get(k);
    if (hit !== undefined) return hit;
    let result: KqlCount | string;
    try {
      result = await this.run(text, entry.field);
    } catch (e) {
      result = reasonOf(e);
    }
    this.remember(k, result);
    return result;
  }

  private rows(table: string): TableRow[] {
    return this.tables.get(table.toLowerCase()) ?? [];
  }

  private async run(text: string, field: string): Promise<KqlCount> {
    let clock: number | null = null;
    const plan = compileKql({ ...identitySegment(text), index: new LineIndex(text) }, () => clock ?? Date.now());
    const tables = plan.ctx.state.tables;
    await this.load(tables);
    if (plan.ctx.state.usesClock) {
      // As the preview: "now" is the latest timestamp of the query's tables.
      for (const t of tables) for (const { row } of this.rows(t)) for (const c of TIME_COLUMNS) {
        const v = asTime(row[c]);
        if (v !== null && (clock === null || v > clock)) clock = v;
      }
    }
    const rows = this.rows.bind(this);
    const executor = new Executor(async function* (table) {
      // Copies: stages such as extend must not change the shared rows.
      for (const r of rows(table)) yield { ...r, row: { ...r.row } };
    });
    await executor.subqueries(plan.ctx.state.subqueries);
    const out = await executor.run(plan.plan);
    let hits = 0;
    let attackHits = 0;
    const tally = new Map<string, number>();
    for (const r of out) {
      const k = `${r.source}\u0000${r.index}`;
      if (this.attackKeys.has(k)) {
        attackHits++;
        continue;
      }
      hits++;
      const v = r.vals[field] ?? this.byKey.get(k)?.[field];
      if (typeof v === 'string' && v) tally.set(v, (tally.get(v) ?? 0) + 1);
    }
    let events = 0;
    let all = 0;
    for (const t of new Set(tables.map((x) => x.toLowerCase()))) {
      for (const r of this.rows(t)) {
        if (this.attackKeys.has(`${r.source}\u0000${r.index}`)) continue;
        all++;
        if (r.row[field] !== undefined && r.row[field] !== null && r.row[field] !== '') events++;
      }
    }
    const top = [...tally.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3);
    return { hits, attackHits, events: events > 0 ? events : all, top };
  }
}

/** "unsupported: externaldata (...). The preview evaluates <the subset>." → "externaldata (...)". */
function reasonOf(e: unknown): string {
  return (e as Error).message.replace(/\. The preview evaluates [^]*$/, '').replace(/^unsupported: /, '').replace(/\.$/, '');
}

const key = (text: string, field: string): string => `${createHash('sha1').update(text).digest('hex')}:${field}`;

/** Why an entry keeps its per-column count, for messages. */
export type KqlFallback = string;

/**
 * Counts of a KQL file's selecting entries through their queries. `sync`: only what the cache
 * already holds (the editor never waits); otherwise evaluates what is missing within the budget.
 * Entries absent from the result are the ones still to compute (sync mode).
 */
export async function kqlEntryHits(file: SourceFile, entries: readonly DomainEntry[], tables: KqlSampleTables, budgetMs = KQL_FILE_BUDGET_MS): Promise<Map<DomainEntry, EntryHits | KqlFallback>> {
  const deadline = Date.now() + budgetMs;
  const out = new Map<DomainEntry, EntryHits | KqlFallback>();
  for (const entry of kqlCountable(entries)) {
    const q = entryQuery(file, entry);
    if (q.text === null) {
      out.set(entry, q.reason);
      continue;
    }
    if (tables.peek(q.text, entry.field) === undefined && Date.now() > deadline) {
      out.set(entry, 'the time budget for evaluating this file ran out');
      continue;
    }
    const rows = await tables.rowsFor(q.base);
    if (typeof rows === 'string' || rows === 0) {
      out.set(entry, toHits(entry, typeof rows === 'string' ? rows : { hits: 0, attackHits: 0, events: 0, top: [] }, q.until));
      continue;
    }
    const c = await tables.count(q.text, entry);
    out.set(entry, toHits(entry, c, q.until));
  }
  return out;
}

/** The cached counts only (no evaluation): null when some entry still needs one. */
export function kqlEntryHitsCached(file: SourceFile, entries: readonly DomainEntry[], tables: KqlSampleTables): Map<DomainEntry, EntryHits | KqlFallback> | null {
  const out = new Map<DomainEntry, EntryHits | KqlFallback>();
  for (const entry of kqlCountable(entries)) {
    const q = entryQuery(file, entry);
    if (q.text === null) {
      out.set(entry, q.reason);
      continue;
    }
    const base = tables.peekRows(q.base);
    if (base === undefined) return null;
    if (typeof base === 'string' || base === 0) {
      out.set(entry, toHits(entry, typeof base === 'string' ? base : { hits: 0, attackHits: 0, events: 0, top: [] }, q.until));
      continue;
    }
    const c = tables.peek(q.text, entry.field);
    if (c === undefined) return null;
    out.set(entry, toHits(entry, c, q.until));
  }
  return out;
}

/** Entries whose count the query decides: KQL, selecting, naming a host. */
export function kqlCountable(entries: readonly DomainEntry[]): DomainEntry[] {
  return entries.filter((e) => e.format === 'kql' && e.field && e.host !== null && e.context.polarity === 'match');
}

function toHits(entry: DomainEntry, c: KqlCount | string, until: string | null): EntryHits | KqlFallback {
  if (typeof c === 'string') return `the preview cannot run its query: ${c.length > 120 ? `${c.slice(0, 119)}…` : c}`;
  return { entry, hits: c.hits, attackHits: c.attackHits, events: c.events, top: c.top, scope: 'rule', overBudget: 0, until };
}
