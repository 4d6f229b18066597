import { describeHits, type EntryHits, type FileSampleHits } from '../../engine/index';
import type { InlayInfo } from './protocol';

/**
 * A hint after a line this long would be cut off in a split editor and crowds the entry; the
 * domain hover shows the same numbers there.
 */
export const MAX_HINT_LINE = 80;

/** 7 → "7", 3425 → "3.4k", 1250000 → "1.3M": a hint must stay a few characters wide. */
export function compactCount(n: number): string {
  if (n < 1000) return String(n);
  const [v, unit] = n < 1_000_000 ? [n / 1000, 'k'] : [n / 1_000_000, 'M'];
  return `${v < 10 ? v.toFixed(1).replace(/\.0$/, '') : Math.round(v)}${unit}`;
}

/** "12 hits", or "2 attack" for an entry that matches only labelled attack events. */
function hintLabel(h: EntryHits): string {
  if (h.hits > 0) return `${compactCount(h.hits)} hit${h.hits === 1 ? '' : 's'}`;
  return `${compactCount(h.attackHits)} attack`;
}

/**
 * Per-entry hit counts on domain lists: a short label after each entry that matches something in
 * the samples (entries with no hits stay bare), with the share and what it matches in the tooltip.
 */
export function hitHints(data: FileSampleHits | undefined, lineText: (line: number) => string): InlayInfo[] {
  if (!data) return [];
  return data.hits
    .filter((h) => (h.hits > 0 || h.attackHits > 0) && lineText(h.entry.range.end.line).length <= MAX_HINT_LINE)
    .map((h) => ({
      position: h.entry.range.end,
      label: hintLabel(h),
      tooltip: `Sample telemetry (${data.sources} file${data.sources === 1 ? '' : 's'}): '${h.entry.value}' matches ${describeHits(h)}.`,
    }));
}
