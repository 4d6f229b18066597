/**
 * Custom requests the Tripline language server answers, beyond standard LSP. The shapes mirror
 * the CLI's JSON (DESIGN.md), so the editor shows exactly what `tripline preview` prints.
 * No `vscode` import here: the preview renderer and its tests use these types in plain Node.
 */

export const PREVIEW_REQUEST = 'tripline/preview';
export const COVERAGE_REQUEST = 'tripline/coverage';

export interface PreviewParams {
  uri: string;
  limit?: number;
}

export interface PreviewMatch {
  source: string;
  index: number;
  event: Record<string, unknown>;
  selections: string[];
}

export interface PreviewSkipped {
  source: string;
  index: number;
  reason: string;
}

export interface PreviewResult {
  rule: string;
  scanned: number;
  matched: number;
  matches: PreviewMatch[];
  skipped: PreviewSkipped[];
}

export interface CoverageParams {
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
  /** False for PRE techniques (outside the victim's view). Absent from older servers: treat as true. */
  observable?: boolean;
  /** For a PRE infrastructure technique: the techniques through which its use is seen. */
  observedThrough?: string[];
  rules: CoverageRule[];
}

export interface CoverageResult {
  catalogVersion: string;
  techniques: CoverageTechnique[];
}
