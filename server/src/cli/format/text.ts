import { entryCounts, type CheckedFile, type CheckSummary } from '../../engine/index';

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
  let findings = 0;
  let entries = 0;
  for (const f of files) {
    const c = entryCounts(f.diagnostics);
    findings += c.findings;
    entries += c.entries;
  }
  // Several checks can fire on one entry: say how many entries need attention, not only how many findings.
  const domains = findings > 0 ? `; ${findings} domain finding${findings === 1 ? '' : 's'} on ${entries} entr${entries === 1 ? 'y' : 'ies'}` : '';
  lines.push(`${summary.files} files (${rules} rules): ${summary.errors} errors, ${summary.warnings} warnings${domains}`);
  return lines.join('\n');
}
