import { describeHits, percent, sampleHitsOf, type FileReport } from '../../engine/index';
import type { AnalysisSummary, InlayInfo, LensInfo } from './protocol';

const fmt = (n: number): string => n.toLocaleString('en-US');

/** CodeLens anchors: one per Sigma detection rule, on its title line. */
function lensesOf(report: FileReport): LensInfo[] {
  if (report.kind !== 'sigma') return [];
  // Correlation rules get a lens too: their preview counts correlations.
  return report.file.sigma.filter((r) => (r.type === 'detection' && r.detection) || r.type === 'correlation').map((r) => ({ line: (r.title?.range.start ?? r.range.start).line, docIndex: r.docIndex }));
}

/**
 * Per-entry hit counts on domain lists: after each entry, how many baseline sample events it
 * matches on its own ("3,425 hits · 12%"), with what it matches most in the tooltip.
 */
function inlayOf(report: FileReport): InlayInfo[] {
  const data = sampleHitsOf(report.file);
  if (!data) return [];
  return data.hits.map((h) => ({
    position: h.entry.range.end,
    label: `${fmt(h.hits)} hit${h.hits === 1 ? '' : 's'} · ${percent(h.hits, h.events)}${h.attackHits > 0 ? ` +${fmt(h.attackHits)} attack` : ''}`,
    tooltip: `Sample telemetry (${data.sources} file${data.sources === 1 ? '' : 's'}): '${h.entry.value}' matches ${describeHits(h)}.`,
  }));
}

export function summarize(report: FileReport): AnalysisSummary {
  return { kind: report.kind, diagnostics: report.diagnostics, lenses: lensesOf(report), inlay: inlayOf(report) };
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
