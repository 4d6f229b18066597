import { sampleHitsOf, type Diagnostic, type FileReport } from '../../engine/index';
import { hitHints } from './inlay';
import type { AnalysisSummary, LensInfo, SummaryDiagnostic } from './protocol';

/** CodeLens anchors: one per Sigma detection rule, on its title line. */
function lensesOf(report: FileReport): LensInfo[] {
  if (report.kind !== 'sigma') return [];
  // Correlation rules get a lens too: their preview counts correlations.
  return report.file.sigma
    .filter((r) => (r.type === 'detection' && r.detection) || r.type === 'correlation')
    .map((r) => ({ line: (r.title?.range.start ?? r.range.start).line, docIndex: r.docIndex }));
}

/**
 * The finding without its fixes (the worker keeps them: see SummaryDiagnostic). Copied key by key
 * so that fixes built on demand (runChecks) are not built for it: a finding that has `fixes` at all
 * is marked fixable.
 */
export function withoutFixes(d: Diagnostic): SummaryDiagnostic {
  const out: Partial<Record<keyof Diagnostic, unknown>> = {};
  for (const k of Object.keys(d) as (keyof Diagnostic)[]) if (k !== 'fixes') out[k] = d[k];
  return ('fixes' in d ? { ...out, fixable: true } : out) as SummaryDiagnostic;
}

export function summarize(report: FileReport): AnalysisSummary {
  return {
    kind: report.kind,
    diagnostics: report.diagnostics.map(withoutFixes),
    lenses: lensesOf(report),
    inlay: hitHints(sampleHitsOf(report.file), (line) => report.file.index.lineText(line)),
  };
}

/** The finding that replaces a file's diagnostics when analysing it failed (a bug of ours). */
export function crashSummary(kind: AnalysisSummary['kind'], error: unknown): AnalysisSummary {
  const e = error instanceof Error ? error : new Error(String(error));
  return {
    kind,
    diagnostics: [
      {
        code: 'tripline/internal-error',
        severity: 'warning',
        message: `Tripline could not check this file: ${e.message}. This is a bug in Tripline; the server log has the details. Please report it.`,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      },
    ],
    lenses: [],
    inlay: [],
    crash: e.stack ?? e.message,
  };
}

/** The finding for a file whose analysis ran past its time budget. */
export function budgetSummary(budgetMs: number): AnalysisSummary {
  return {
    kind: 'other',
    diagnostics: [
      {
        code: 'tripline/not-checked',
        severity: 'warning',
        message: `Not checked: analysis exceeded ${budgetMs / 1000} s. Tripline stopped it so the editor stays responsive; other files are checked as usual. Simplify or split the file (or report it if it is an ordinary rule).`,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      },
    ],
    lenses: [],
    inlay: [],
  };
}
