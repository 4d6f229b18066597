import type { CheckedFile, CheckSummary, Diagnostic } from '../../engine/index';

function jsonDiagnostic(d: Diagnostic): object {
  return { code: d.code, severity: d.severity, message: d.message, range: d.range, ...(d.relatedTo ? { relatedTo: d.relatedTo } : {}) };
}

/** The shape the command-line contract (ARCHITECTURE.md) fixes for `tripline check --format json` (tests outside the project rely on it). */
export function formatJson(files: CheckedFile[], summary: CheckSummary): string {
  return JSON.stringify(
    {
      version: 1,
      files: files.map((f) => ({ path: f.path, kind: f.kind, diagnostics: f.diagnostics.map(jsonDiagnostic) })),
      summary,
    },
    null,
    2,
  );
}
