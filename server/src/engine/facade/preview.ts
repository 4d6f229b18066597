/**
 * The one preview path of both front ends: Sigma or KQL is decided here from the file, the samples
 * come from the Engine (configured set, or the files a command line names), errors become one typed
 * `PreviewError`. The CLI prints the outcome, the language server answers it as JSON.
 */
import type { TriplineConfig } from '../config/config';
import { loadSource, type DocumentKind } from '../document/source';
import { KqlPreviewError, previewKql, type KqlPreviewResult } from '../kql/preview';
import { highlightTerms, type HighlightTerms } from '../preview/highlight-terms';
import { RuleCompileError, ruleContextFiles, type PreviewProgress, type PreviewResult, type SampleSource } from '../preview';
import type { PreviewCache } from '../samples/preview-cache';
import type { SampleSet } from '../samples/sources';

/** The rule to preview: a file's path and text, and its kind when the caller already knows it. */
export interface PreviewRule {
  path: string;
  text: string;
  kind?: DocumentKind;
}

export interface PreviewParams {
  /** Matched events (rows) kept; all are counted. */
  limit: number;
  /** KQL: offset of the query to run in a file of several (the editor's cursor). */
  at?: number;
  /** Sigma: the YAML document of the rule; default the file's first detection rule. */
  docIndex?: number;
  signal?: AbortSignal;
  onProgress?: (p: PreviewProgress) => void;
  /** Sample files named by the caller (`--samples`); default the configured samples. */
  samples?: SampleSource[];
  /** Sigma: field-mapping profile; default `samples.profile` of the configuration. */
  profile?: string;
  /** KQL: the preview clock (ISO date-time) for ago()/now(). */
  clock?: string;
  /** Sigma: more rule files for correlations and filters (`--rules`). */
  rules?: readonly string[];
  /** Sigma: the selection terms the editor highlights. */
  terms?: boolean;
}

export type PreviewOutcome =
  { kind: 'sigma'; result: PreviewResult; terms?: HighlightTerms; noSamples: boolean } | { kind: 'kql'; result: KqlPreviewResult; noSamples: boolean };

/** Why a rule cannot be previewed: its Sigma cannot be evaluated, or its KQL query (with where). */
export class PreviewError extends Error {
  constructor(
    message: string,
    readonly reason: 'rule' | 'kql-query',
    /** 0-based position in the file, for KQL queries. */
    readonly at?: { line: number; character: number },
  ) {
    super(message);
  }
}

export const NO_SAMPLES_REASON = 'no sample telemetry: set tripline.samples.paths or turn tripline.samples.bundled on';

/** Runs a KQL preview (in this thread, or elsewhere for the language server). */
export type KqlPreviewRunner = (
  rule: PreviewRule,
  samples: SampleSource[],
  params: Pick<PreviewParams, 'limit' | 'at' | 'clock' | 'signal'>,
) => Promise<KqlPreviewResult>;

/** A KQL preview in the calling thread, its query errors mapped to PreviewError. */
export const previewKqlHere: KqlPreviewRunner = async (rule, samples, p) => {
  try {
    return await previewKql(rule.path, rule.text, samples, { limit: p.limit, at: p.at, clock: p.clock, signal: p.signal });
  } catch (e) {
    if (e instanceof KqlPreviewError) throw new PreviewError(e.message, 'kql-query', { line: e.line, character: e.character });
    throw e;
  }
};

interface PreviewDeps {
  config: TriplineConfig;
  samples(): SampleSet;
  previews: PreviewCache;
  runKql: KqlPreviewRunner;
}

function isKqlKind(kind: DocumentKind): boolean {
  return kind === 'kql' || kind === 'sentinel';
}

export async function runPreview(deps: PreviewDeps, rule: PreviewRule, p: PreviewParams): Promise<PreviewOutcome> {
  const kind = rule.kind ?? loadSource(rule.path, rule.text).kind;
  const configured = p.samples ? undefined : deps.samples();
  const samples = p.samples ?? configured?.sources ?? [];
  const noSamples = configured !== undefined && samples.length === 0;
  if (isKqlKind(kind)) {
    const result = noSamples ? emptyKql() : await deps.runKql(rule, samples, p);
    return { kind: 'kql', result, noSamples };
  }
  const terms = p.terms ? { terms: highlightTerms(loadSource(rule.path, rule.text)) } : {};
  if (noSamples) {
    const skipped = [...(configured?.problems ?? []), NO_SAMPLES_REASON].map((reason) => ({ source: '', index: -1, reason }));
    return {
      kind: 'sigma',
      result: { rule: '', scanned: 0, matched: 0, matches: [], skipped, slowRegexes: [], warnings: [], sources: [], cancelled: false },
      noSamples,
      ...terms,
    };
  }
  const { config } = deps;
  try {
    const result = await deps.previews.run({
      ruleText: rule.text,
      rulePath: rule.path,
      docIndex: p.docIndex ?? -1,
      samples,
      limit: p.limit,
      signal: p.signal,
      onProgress: p.onProgress,
      context: ruleContextFiles(rule.path, rule.text, config, p.rules ?? []),
      timeFields: config.samples.timeFields,
      profile: p.profile ?? config.samples.profile,
      placeholders: config.samples.placeholders,
    });
    return { kind: 'sigma', result, noSamples, ...terms };
  } catch (e) {
    if (e instanceof RuleCompileError) throw new PreviewError(e.message, 'rule');
    throw e;
  }
}

function emptyKql(): KqlPreviewResult {
  return { rule: '', table: '', scanned: 0, matched: 0, matches: [], skipped: [], clock: null, columns: [], warnings: [], tables: {} };
}
