// Pure (no `vscode` import): shared with scripts/bench-workspace-check.mjs and unit-tested.

/**
 * Files per CLI run. Each run costs about a second of start-up (catalogs, parsers), so batches grow:
 * the first answers quickly, later ones amortise the start-up (scripts/bench-workspace-check.mjs:
 * 3,141 SigmaHQ rules in 15 s with growing batches against 34 s in batches of 200).
 */
export function batchSizes(total: number, first = 250, max = 2000): number[] {
  const out: number[] = [];
  for (let done = 0, size = first; done < total; done += size, size = Math.min(size * 2, max)) out.push(Math.min(size, total - done));
  return out;
}
