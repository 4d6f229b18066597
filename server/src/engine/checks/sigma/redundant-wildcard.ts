import type { Check } from '../check';
import { eachValue, innerRange } from './items';
import { isEscaped } from './wildcards';

/** Runs of two or more unescaped `*`: [start, end) offsets within the value. */
function starRuns(s: string): [number, number][] {
  const runs: [number, number][] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '*' || isEscaped(s, i)) continue;
    let j = i;
    while (j + 1 < s.length && s[j + 1] === '*') j++;
    if (j > i) runs.push([i, j + 1]);
    i = j;
  }
  return runs;
}

export const redundantWildcard: Check = {
  id: 'sigma/redundant-wildcard',
  defaultSeverity: 'information',
  doc: '`**` in a value is the same wildcard as `*` (Sigma has no recursive glob); it is usually a slip when joining two patterns, and some backends turn each `*` into a costly `.*`. The fix collapses the run to one `*`. Regular expressions (`|re`) are left to `sigma/invalid-regex`.',
  kinds: ['sigma'],
  messages: { collapse: 'A run of wildcards (data.run) that is one wildcard.' },
  run(ctx) {
    const index = ctx.file.index;
    eachValue(ctx, (v, item) => {
      if (typeof v.value !== 'string' || item?.modifiers.some((m) => m.value === 're')) return;
      const runs = starRuns(v.value);
      if (runs.length === 0) return;
      const inner = innerRange(index, v.range);
      const base = inner ? index.offset(inner.start) : -1;
      const literal = inner !== null && index.text.slice(base, index.offset(inner.end)) === v.value;
      for (const [s, e] of runs) {
        const range = literal ? index.range(base + s, base + e) : v.range;
        ctx.report({
          range,
          message: `'${'*'.repeat(e - s)}' is one wildcard: write '*'.`,
          fixes: literal ? [{ title: "Collapse to '*'", preferred: true, safe: true, edits: [{ range, newText: '*' }] }] : [],
          messageId: 'collapse',
          data: { run: '*'.repeat(e - s) },
        });
      }
    });
  },
};
