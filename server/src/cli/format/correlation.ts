/** Text output of `tripline preview` for correlation rules and applied filters. */
import type { CorrelationMatch, PreviewResult } from '../../engine/index';

const MAX_ROWS = 50;

function groupText(g: Record<string, unknown>): string {
  const parts = Object.entries(g).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return parts.length > 0 ? parts.join(' ') : '(all events)';
}

function eventsText(c: CorrelationMatch): string {
  const shown = c.events.slice(0, 4).map((e) => `${e.source} #${e.index}`);
  return `${shown.join(', ')}${c.events.length > 4 ? `, … (${c.events.length} events)` : ''}`;
}

export function formatCorrelationText(r: PreviewResult): string[] {
  const lines: string[] = [];
  if (r.filters && r.filters.length > 0) lines.push('', `filters applied: ${r.filters.join(', ')}`);
  if (r.referenced) {
    lines.push('', 'referenced rules:');
    for (const x of r.referenced)
      lines.push(
        `  ${x.ref} (${x.title}): ${x.matched.toLocaleString('en-US')} ${x.type === 'correlation' ? (x.matched === 1 ? 'firing' : 'firings') : x.matched === 1 ? 'match' : 'matches'}${x.standalone ? ' — also alerts on its own (generate: true)' : ''}`,
      );
  }
  if (!r.correlations) return lines;
  const n = r.correlations.length;
  lines.push('', `${n.toLocaleString('en-US')} correlation${n === 1 ? '' : 's'}`);
  for (const c of r.correlations.slice(0, MAX_ROWS)) {
    const measure = c.count !== undefined ? `count ${c.count}` : `value ${Number.isInteger(c.value) ? c.value : c.value?.toFixed(2)}`;
    lines.push(`  ${groupText(c.group)}  ${c.window.start} … ${c.window.end}  ${measure}  ${eventsText(c)}`);
  }
  if (n > MAX_ROWS) lines.push(`  … ${n - MAX_ROWS} more (use --format json)`);
  return lines;
}
