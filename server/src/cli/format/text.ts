import type { CheckSummary, CheckedFile } from '../check';

/** `path:line:col: severity message [code]`, 1-based like compilers print, so editors can jump to it. */
export function formatText(files: CheckedFile[], summary: CheckSummary): string {
  const lines: string[] = [];
  for (const f of files) {
    for (const d of f.diagnostics) {
      lines.push(`${f.path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity} ${d.message} [${d.code}]`);
    }
  }
  // A file can hold several rules (a multi-document Sigma file): count documents, not files.
  const rules = files.reduce((n, f) => n + f.rules, 0);
  lines.push(`${summary.files} files (${rules} rules): ${summary.errors} errors, ${summary.warnings} warnings`);
  return lines.join('\n');
}
