import { severityRank, type Diagnostic } from './core/diagnostic';

/**
 * One finding per entry: when several `domains/*` checks fire on the same value, the most severe
 * leads (ties: the order below, most specific problem first) and the others point at it with
 * `relatedTo`, so the editor shows one squiggle while JSON and SARIF keep every code.
 */
const LEAD_ORDER = [
  'domains/malformed',
  'domains/too-narrow',
  'domains/no-dot-boundary',
  'domains/public-suffix',
  'domains/noisy-in-samples',
  'domains/high-prevalence',
  'domains/short-substring',
  'domains/redundant',
];

const rank = (code: string): number => {
  const i = LEAD_ORDER.indexOf(code);
  return i < 0 ? LEAD_ORDER.length : i;
};

const key = (d: Diagnostic): string => `${d.range.start.line}:${d.range.start.character}:${d.range.end.line}:${d.range.end.character}`;

export function linkEntryFindings(diagnostics: Diagnostic[]): void {
  const byEntry = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (!d.code.startsWith('domains/')) continue;
    const k = key(d);
    const l = byEntry.get(k);
    if (l) l.push(d);
    else byEntry.set(k, [d]);
  }
  for (const group of byEntry.values()) {
    if (group.length < 2) continue;
    const lead = [...group].sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || rank(a.code) - rank(b.code))[0];
    for (const d of group) if (d !== lead) d.relatedTo = lead.code;
  }
}

/** How many distinct entries carry `domains/*` findings, and how many findings that is. */
export function entryCounts(diagnostics: readonly Diagnostic[]): { findings: number; entries: number } {
  const seen = new Set<string>();
  let findings = 0;
  for (const d of diagnostics) {
    if (!d.code.startsWith('domains/')) continue;
    findings++;
    seen.add(key(d));
  }
  return { findings, entries: seen.size };
}
