/** Damerau-free Levenshtein distance, bounded: returns max+1 as soon as the distance exceeds max. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** The closest candidate within `max` edits (ties: the first), or null. */
export function nearest(word: string, candidates: readonly string[], max = 2): string | null {
  let best: string | null = null;
  let bestD = max + 1;
  for (const c of candidates) {
    const d = editDistance(word, c, bestD);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/**
 * The closest candidate within `max` edits when no other candidate is as close, or null: a typo
 * fix is applied without asking only when its intent is unambiguous.
 */
export function nearestUnique(word: string, candidates: readonly string[], max = 2): string | null {
  const best = nearest(word, candidates, max);
  if (best === null) return null;
  const d = editDistance(word, best, max);
  return candidates.some((c) => c !== best && editDistance(word, c, d) <= d) ? null : best;
}

/** The two spellings differ only in case and punctuation (`attack.T1102_002` and `attack.t1102.002`). */
export function sameSpelling(a: string, b: string): boolean {
  const norm = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  return norm(a) === norm(b);
}
