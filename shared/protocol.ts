/**
 * Custom requests the Tripline language server answers, beyond standard LSP: one declaration that
 * the server (server/src/lsp) and the extension (client/src) both import, so the two cannot drift.
 * The shapes mirror the CLI's JSON, so the editor shows exactly what `tripline preview` prints.
 * No imports: plain types and constants, usable in Node tests, the server bundle and the client bundle.
 */

/** Project configuration file names, searched in this order. */
export const CONFIG_FILE_NAMES = ['tripline.config.json', '.tripline.json'];

export const PREVIEW_REQUEST = 'tripline/preview';
export const COVERAGE_REQUEST = 'tripline/coverage';
export const EFFECTIVE_CONFIG_REQUEST = 'tripline/effectiveConfig';

export interface PreviewParams {
  uri: string;
  /** Matched events to return (counting goes on past it). Default 200. */
  limit?: number;
  /** YAML document index of the rule in a multi-document file (default: the first detection rule). */
  rule?: number;
  /** The cursor: in a `.kql` file of several queries, the one to preview (default: the first). */
  position?: { line: number; character: number };
}

export interface PreviewMatch {
  source: string;
  index: number;
  event: Record<string, unknown>;
  selections: string[];
}

interface PreviewSkipped {
  source: string;
  index: number;
  reason: string;
}

/** What one selection of a rule tests: a field (empty for keywords) and the literal parts of its values. */
export interface SelectionTerm {
  field: string;
  /** Lower-cased literal pieces of the values, wildcards removed. */
  pieces: string[];
}

/** Search identifier → what it tests: what the preview panel highlights. */
export type PreviewHighlightTerms = Record<string, SelectionTerm[]>;

/** One firing of a correlation rule (the CLI's `correlations` entries). */
export interface PreviewCorrelation {
  rule: string;
  /** The `group-by` fields (as written in the rule) and their values. */
  group: Record<string, unknown>;
  /** ISO 8601 times of the window's first and last event. */
  window: { start: string; end: string };
  /** event_count, temporal, temporal_ordered: events or rules counted. */
  count?: number;
  /** value_count, value_sum, value_avg...: the aggregated value. */
  value?: number;
  events: { source: string; index: number }[];
}

export interface PreviewResult {
  rule: string;
  scanned: number;
  matched: number;
  matches: PreviewMatch[];
  skipped: PreviewSkipped[];
  /** Correlation rules only: each firing on the samples. */
  correlations?: PreviewCorrelation[];
  /** Editor only: what the rule's selections test, for highlighting (Sigma rules). */
  terms?: PreviewHighlightTerms;
}

export interface CoverageParams {
  /** Files or folders (paths or file: URIs); default: the workspace folders. */
  paths?: string[];
}

export interface CoverageRule {
  uri: string;
  title: string;
  /** 0-based line of the rule (or of its tag) in the file. */
  line: number;
}

export interface CoverageTechnique {
  id: string;
  name: string;
  domain: string;
  tactics: string[];
  covered: boolean;
  /** False for PRE techniques (outside the victim's view). */
  observable: boolean;
  /** For a PRE infrastructure technique: the techniques through which its use is seen. */
  observedThrough?: string[];
  rules: CoverageRule[];
}

export interface CoverageResult {
  catalogVersion: string;
  techniques: CoverageTechnique[];
}

/**
 * `tripline/effectiveConfig`: the configuration the server checks with (project file and settings
 * merged, paths absolute), as JSON the CLI's `--config` reads: Check Workspace hands it to the
 * CLI so both judge the same way.
 */
export interface EffectiveConfigResult {
  config: Record<string, unknown>;
  /** The project configuration file in use, if any (where the allowlist fix writes). */
  configFile: string | null;
}
