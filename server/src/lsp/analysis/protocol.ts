import type {
  CompletionEntry,
  CoverageReport,
  Diagnostic,
  DocumentKind,
  Fix,
  HoverResult,
  KqlPreviewResult,
  Position,
  Range,
  SampleCount,
  SampleSource,
  SymbolNode,
  TriplineConfig,
} from '../../engine/index';

/**
 * Messages between the language server's main thread and its analysis workers. Everything here is
 * plain data (structured-cloneable): parse trees and Kusto objects stay in the worker that built them.
 */

/** Worker state set by the main thread (`BudgetPool.setState`). */
export interface WorkerSettings {
  config: TriplineConfig;
  workspaceRoot: string | null;
  /** The client's storage folder for sample indexes kept between sessions (null: memory only). */
  indexStore: string | null;
}
export const SETTINGS_STATE = 'settings';

/** A document version as the main thread knows it. */
export interface DocRef {
  uri: string;
  path: string;
  version: number;
  text: string;
  /** Analyse again even if this version was analysed (sample counts became ready, for example). */
  fresh?: boolean;
}

export type FeatureRequest =
  | { op: 'hover'; pos: Position; linePrefix: string }
  | { op: 'completion'; pos: Position; linePrefix: string }
  | { op: 'symbols' }
  | { op: 'definition'; pos: Position }
  | { op: 'prepareRename'; pos: Position }
  | { op: 'rename'; pos: Position; newName: string }
  | { op: 'fixAll' }
  /** The fixes of the findings that touch `range` (the light bulb and the quick-fix menu). */
  | { op: 'quickFixes'; range: Range }
  /** A detection rule's CodeLens count from the worker's sample index (null: the full preview must answer). */
  | { op: 'sampleCount'; docIndex: number };

/** Heavy requests the main thread hands to a worker whole (issue 10: the server's thread only speaks LSP). */
export type OffThreadTask =
  | { op: 'previewKql'; path: string; text: string; samples: SampleSource[]; limit: number; at?: number; clock?: string }
  /** Rule files under `roots`; `open` holds the editor's texts (unsaved edits) by path. */
  | { op: 'coverage'; roots: string[]; open: Record<string, string> };

export type AnalysisTask = ({ op: 'analyze' } & DocRef) | ({ op: 'feature'; request: FeatureRequest } & DocRef) | OffThreadTask;

/** A KQL preview's answer: the result, or why the query cannot be previewed (plain data, not an Error). */
export type KqlPreviewAnswer = { ok: true; result: KqlPreviewResult } | { ok: false; message: string; at?: { line: number; character: number } };

/** The report, or why the paths could not be read (a missing folder...). */
export type CoverageAnswer = { ok: true; report: CoverageReport; catalogProblem?: string } | { ok: false; inputError: string };

/** What the worker answers for each feature (`null`: nothing there). */
export interface FeatureResults {
  hover: HoverResult | null;
  completion: CompletionEntry[];
  symbols: SymbolNode[];
  definition: Range[] | null;
  prepareRename: { range: Range; placeholder: string } | null;
  rename: { range: Range; newText: string }[] | null;
  /** Every safe fix of the document as one edit (null: nothing to fix), and how many fixes it holds. */
  fixAll: { edit: { range: Range; newText: string } | null; fixes: number };
  quickFixes: { diagnostic: SummaryDiagnostic; fixes: Fix[] }[];
  sampleCount: SampleCount | null;
}

export interface LensInfo {
  line: number;
  docIndex: number;
}

export interface InlayInfo {
  position: Position;
  label: string;
  tooltip: string;
}

/** One analysis, reduced to what the main thread serves without asking the worker again. */
/**
 * A finding as the main thread holds it: without its fixes, which the worker keeps and sends only
 * when the editor asks for the fixes at a place (`quickFixes`). Fixes are most of a report's size
 * (323 of 365 kB for the 272-line dead-drop rule, where each entry's fix rewrites its whole list),
 * and copying them between threads on every keystroke cost more than the analysis's checks.
 */
export type SummaryDiagnostic = Omit<Diagnostic, 'fixes'> & { fixable?: true };

export interface AnalysisSummary {
  kind: DocumentKind;
  diagnostics: SummaryDiagnostic[];
  /** Sigma detection rules that get a preview CodeLens. */
  lenses: LensInfo[];
  /** Per-entry sample hit counts, once the sample index is ready. */
  inlay: InlayInfo[];
  /** Set when the analysis threw (a bug of ours): the stack, for the server log. */
  crash?: string;
}

/** Events a worker sends outside tasks. */
export type WorkerEvent = { type: 'samples-updated' } | { type: 'log'; message: string };
