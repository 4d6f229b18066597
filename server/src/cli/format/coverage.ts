import { DOMAIN_LABEL } from '../../engine/index';
import type { CoverageReport } from '../../engine/index';

/** Human-readable coverage: one line per technique, the rules under it. */
export function formatCoverageText(report: CoverageReport): string {
  const lines: string[] = [];
  for (const t of report.techniques) {
    const mark = t.covered ? `${t.rules.length} rule${t.rules.length === 1 ? '' : 's'}` : 'NOT COVERED';
    lines.push(`${t.id.padEnd(10)} ${t.name} [${DOMAIN_LABEL[t.domain]}: ${t.tactics.join(', ')}] — ${mark}`);
    for (const r of t.rules) lines.push(`             ${r.path}:${r.line + 1}  ${r.title}`);
  }
  for (const u of report.unknown) {
    lines.push(`${u.id.padEnd(10)} (not in the ATT&CK ${report.catalogVersion} catalog)`);
    for (const r of u.rules) lines.push(`             ${r.path}:${r.line + 1}  ${r.title}`);
  }
  const covered = report.techniques.filter((t) => t.covered).length;
  lines.push(
    '',
    `${report.rules} rules in ${report.files} files map to ${covered} techniques (ATT&CK ${report.catalogVersion}); ${report.techniques.length - covered} web-service techniques have no rule.`,
  );
  return lines.join('\n');
}
