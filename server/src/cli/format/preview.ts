import type { PreviewResult } from '../../engine/index';
import { formatCorrelationText } from './correlation';

function cell(v: unknown, width: number): string {
  const s = v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  const one = s.replace(/\s+/g, ' ');
  return one.length > width ? one.slice(0, width - 1) + '…' : one;
}

/** A readable table: one row per match with the fields the rule reads. */
export function formatPreviewText(r: PreviewResult): string {
  const lines: string[] = [];
  lines.push(`${r.rule}`);
  lines.push(
    `${r.matched.toLocaleString('en-US')} match${r.matched === 1 ? '' : 'es'} in ${r.scanned.toLocaleString('en-US')} event${r.scanned === 1 ? '' : 's'}${r.skipped.length ? `, ${r.skipped.length} unreadable` : ''}`,
  );
  if (r.matches.length > 0) {
    const rows = r.matches.map((m) => {
      const fields = Object.entries(m.fields ?? {})
        .map(([f, path]) => `${f}=${cell(lookupPath(m.event, path), 60)}`)
        .join('  ');
      return [cell(m.source, 40), String(m.index), m.selections.join(', '), fields];
    });
    const header = ['SOURCE', 'INDEX', 'SELECTIONS', 'FIELDS'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const fmt = (row: string[]): string =>
      row
        .map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i])))
        .join('  ')
        .trimEnd();
    lines.push('');
    lines.push(fmt(header));
    for (const row of rows) lines.push(fmt(row));
    if (r.matched > r.matches.length) lines.push(`… ${r.matched - r.matches.length} more (raise --limit)`);
  }
  if (r.skipped.length > 0) {
    lines.push('');
    lines.push('unreadable:');
    for (const s of r.skipped.slice(0, 20)) lines.push(`  ${s.source}${s.index >= 0 ? ` #${s.index}` : ''}: ${s.reason}`);
    if (r.skipped.length > 20) lines.push(`  … ${r.skipped.length - 20} more (use --format json)`);
  }
  lines.push(...formatCorrelationText(r));
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  for (const s of r.slowRegexes) lines.push(`warning: regex '${s.pattern}' (${s.selection}) exceeded ${s.budgetMs} ms on ${s.source} #${s.index}`);
  return lines.join('\n') + '\n';
}

function lookupPath(event: Record<string, unknown>, path: string): unknown {
  if (Object.prototype.hasOwnProperty.call(event, path)) return event[path];
  let cur: unknown = event;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}
