import type { Range } from '../core/position';

/** One telemetry event as read from a sample: a JSON object (CSV rows become objects of strings). */
export type TelemetryEvent = Record<string, unknown>;

/**
 * A sample source: a file on disk (`path`), or text held in memory (an unsaved editor buffer),
 * shown under `source` in results. `format` forces a reader instead of detecting one.
 */
export interface SampleSource {
  source: string;
  path?: string;
  text?: string;
  format?: SampleFormat;
}

export type SampleFormat = 'ndjson' | 'json' | 'csv' | 'tsv' | 'text' | 'evtx';

/** A record that could not be read; `index` is the record's 0-based position in its source. */
export interface SkippedRecord {
  source: string;
  index: number;
  reason: string;
}

export interface PreviewMatch {
  source: string;
  /** 0-based index of the event in its source (the same numbering as `skipped`). */
  index: number;
  event: TelemetryEvent;
  /** Search identifiers that matched this event and lead to the match (not those under `not`). */
  selections: string[];
  /**
   * Where each rule field was found in the event (`Image` → `Event.EventData.Image`), for
   * highlighting. Fields the event lacks are left out. Not part of the CLI's JSON.
   */
  fields?: Record<string, string>;
}

/** A `|re` value whose evaluation exceeded the per-event time budget (worker only). */
export interface SlowRegex {
  selection: string;
  field: string;
  pattern: string;
  /** Where the value sits in the rule file. */
  range: Range;
  source: string;
  index: number;
  budgetMs: number;
}

/**
 * Per-entry hit counts (with `entryStats`): how many scanned events (after logsource filtering)
 * have the item's field match this single value, regardless of the rest of the rule. This is what
 * inlay hints on domain lists and `domains/noisy-in-samples` need.
 */
export interface EntryStat {
  selection: string;
  /** Index of the map within a list of maps (0 for a plain map). */
  group: number;
  /** Index of the field item within the map. */
  item: number;
  /** Index of the value within the item's list. */
  value: number;
  field: string;
  range: Range;
  hits: number;
}

export interface SourceSummary {
  source: string;
  format: SampleFormat | 'unknown';
  scanned: number;
  matched: number;
  skipped: number;
}

/** One event behind a correlation, as the CLI's `matches` and `skipped` number them. */
export interface EventRef {
  source: string;
  index: number;
}

/**
 * One firing of a correlation rule (semantics: correlation/index.ts): the group it
 * fired for, the time window of its events, and the aggregate that met the condition.
 */
export interface CorrelationMatch {
  /** Title (or name, or id) of the correlation rule. */
  rule: string;
  /** The `group-by` fields (alias names as written in the rule) and their values. */
  group: Record<string, unknown>;
  /** ISO 8601 times of the window's first and last event. */
  window: { start: string; end: string };
  /** event_count, temporal, temporal_ordered: events or rules counted. */
  count?: number;
  /** value_count (distinct values), value_sum, value_avg, value_median, value_percentile. */
  value?: number;
  events: EventRef[];
}

/** A rule a correlation refers to, and how many events it matched on its own. */
export interface ReferencedRule {
  /** The reference as written in `rules:` (an id or a name). */
  ref: string;
  title: string;
  type: 'detection' | 'correlation';
  /** Events the detection rule matched (filters applied); correlation matches for a correlation. */
  matched: number;
  /** `generate: true`: the rule also alerts on its own, not only through the correlation. */
  standalone: boolean;
}

export interface PreviewResult {
  rule: string;
  scanned: number;
  matched: number;
  /** At most `limit` matches, in reading order. `matched` counts them all. */
  matches: PreviewMatch[];
  /** Unreadable records and unreadable sources (index -1 for a whole source). */
  skipped: SkippedRecord[];
  slowRegexes: SlowRegex[];
  entryStats?: EntryStat[];
  /** Things the user should know: unconfigured placeholders, unsupported rule types... */
  warnings: string[];
  sources: SourceSummary[];
  cancelled: boolean;
  /** Correlation rules only: each firing of the correlation on the samples. */
  correlations?: CorrelationMatch[];
  /** Correlation rules only: the rules it refers to, resolved. */
  referenced?: ReferencedRule[];
  /** Titles of the Sigma filters applied to the rule (and, for a correlation, to its rules). */
  filters?: string[];
}

export interface PreviewProgress {
  source: string;
  scanned: number;
  matched: number;
  /** Bytes read so far across all sources, and their total when known. */
  bytesRead: number;
  bytesTotal: number;
}

export interface PreviewOptions {
  /** Keep at most this many matches (default 1000). Counting continues past the limit. */
  limit?: number;
  signal?: AbortSignal;
  /** Field-mapping profile: `auto` (default) chooses per event; a name forces one (see field-profiles.json). */
  profile?: string;
  /** Values for `|expand` placeholders, keyed without the percent signs (`Servers` → [...]). */
  placeholders?: Record<string, string[]>;
  /** Count hits per value entry (disables the raw-line pre-filter: every event is evaluated). */
  entryStats?: boolean;
  /** Disable the raw-line pre-filter (every line is parsed; malformed lines are always reported). */
  strict?: boolean;
  /** Worker only: milliseconds one event may take before its evaluation is abandoned (default 2000). */
  eventBudgetMs?: number;
  onProgress?: (p: PreviewProgress) => void;
  /** Keep matched events in the result (default true). */
  includeEvents?: boolean;
  /** Worker only: threads to share large sample sets among (default: one per core, at most 8). */
  workers?: number;
  /** Worker only: samples smaller than this many bytes in all are not shared among threads (default 24 MiB; the benchmark sets it to find where sharing pays). */
  splitMinBytes?: number;
}
