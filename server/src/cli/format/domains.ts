import type { DomainRow } from '../../engine/index';

function cell(s: string, width: number): string {
  return s.length > width ? s.slice(0, width - 1) + '…' : s.padEnd(width);
}

/** `tripline domains` as a table: one row per entry with what it matches and its verdicts. */
export function formatDomainTable(path: string, rows: readonly DomainRow[]): string {
  if (rows.length === 0) return `${path}: no host, domain or URL entries`;
  const head = `${'line'.padEnd(6)}${cell('entry', 30)} ${cell('field', 30)} ${cell('matches', 52)} ${cell('service / category', 34)} verdict`;
  const out = [`${path}: ${rows.length} domain entr${rows.length === 1 ? 'y' : 'ies'}`, head];
  for (const r of rows) {
    const field = [r.field || 'keyword', ...r.modifiers].join('|');
    const svc = r.service ? `${r.service} (${r.category})` : r.publicSuffix && r.host === r.publicSuffix ? 'public suffix' : '-';
    const verdict = r.verdict.length === 0 ? 'ok' : r.verdict.map((v) => `${v.code.replace('domains/', '')} (${v.severity})`).join(', ');
    out.push(`${String(r.line + 1).padEnd(6)}${cell(r.value, 30)} ${cell(field, 30)} ${cell(r.matches, 52)} ${cell(svc, 34)} ${verdict}`);
  }
  return out.join('\n');
}
