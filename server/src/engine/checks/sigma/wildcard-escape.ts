import type { Fix } from '../../core/diagnostic';
import type { Range } from '../../core/position';
import type { Check, CheckContext } from '../check';
import { eachValue, innerRange } from './items';
import { isEscaped } from './wildcards';

/** A character that ends a path segment (`temp` in `\temp\*.bin`), so a backslash after it is a separator. */
const SEGMENT_CHAR = /[A-Za-z0-9_.$%)}-]/;

/**
 * Offsets of backslashes that escape a wildcard although the value is a Windows path and the
 * backslash sits between a path segment and the wildcard: `\temp\*.bin` then means the literal
 * text `temp*.bin`. The author meant either `\temp\\*.bin` (separator, then any name) or
 * `\temp\\\*.bin` (separator, then a literal `*`); never "no separator".
 */
function swallowedSeparators(s: string): number[] {
  // Only values that are paths: some backslash there is a separator (not an escape of a wildcard or backslash).
  const separators = [...s].some((c, i) => c === '\\' && !isEscaped(s, i) && i + 1 < s.length && !'*?\\'.includes(s[i + 1]));
  if (!separators) return [];
  const out: number[] = [];
  for (let i = 1; i < s.length - 1; i++) {
    if (s[i] !== '\\' || !'*?'.includes(s[i + 1]) || isEscaped(s, i)) continue;
    if (SEGMENT_CHAR.test(s[i - 1])) out.push(i);
  }
  return out;
}

/** The path segment around the escape at `i`, as it reads literally: `temp\*.bin` → `temp*.bin`. */
function segment(s: string, i: number): string {
  const start = s.lastIndexOf('\\', i - 1) + 1;
  const rest = s.slice(i + 2);
  const end = rest.search(/[\\*?]/);
  return `${s.slice(start, i)}${s[i + 1]}${end < 0 ? rest : rest.slice(0, end)}`;
}

/** Offsets of `?` wildcards that open a URL query string (`/index.php?id=`): meant as a literal `?`. */
function queryMarks(s: string): number[] {
  const out: number[] = [];
  for (let i = 1; i < s.length; i++) {
    if (s[i] !== '?' || isEscaped(s, i) || !/[\w/.-]/.test(s[i - 1])) continue;
    if (/^\?[\w.-]+=/.test(s.slice(i))) out.push(i);
  }
  return out;
}

function report(ctx: CheckContext, range: Range, message: string, fixes: Fix[], severity?: 'information'): void {
  ctx.report({ range, message, fixes, ...(severity ? { severity } : {}) });
}

export const wildcardEscape: Check = {
  id: 'sigma/wildcard-escape',
  defaultSeverity: 'warning',
  doc: "Sigma's escape rules bite: `\\` escapes a following `*` or `?`. In a Windows path, `\\temp\\*.bin` therefore means the literal text `temp*.bin` (the separator is gone), which never matches; write `\\temp\\\\*.bin` for a wildcard or `\\temp\\\\\\*.bin` for a literal `*` (warning). The other way round, `?` is a single-character wildcard: in a URL query (`/index.php?id=`) it was meant literally, write `\\?` (information: it only over-matches).",
  kinds: ['sigma'],
  run(ctx) {
    const index = ctx.file.index;
    eachValue(ctx, (v, item) => {
      if (typeof v.value !== 'string' || v.nested || item?.modifiers.some((m) => m.value === 're')) return;
      const inner = innerRange(index, v.range);
      // Exact sub-ranges only when the source text is the value itself (no YAML escapes in between).
      const base = inner && index.text.slice(index.offset(inner.start), index.offset(inner.end)) === v.value ? index.offset(inner.start) : -1;
      const at = (i: number, n: number): Range => (base >= 0 ? index.range(base + i, base + i + n) : v.range);
      for (const i of swallowedSeparators(v.value)) {
        const w = v.value[i + 1];
        const fixes: Fix[] =
          base >= 0
            ? [
                { title: `Write '\\\\${w}' (a separator, then the wildcard)`, preferred: true, edits: [{ range: at(i, 0), newText: '\\' }] },
                { title: `Write '\\\\\\${w}' (a separator, then a literal '${w}')`, edits: [{ range: at(i, 0), newText: '\\\\' }] },
              ]
            : [];
        report(
          ctx,
          at(i, 2),
          `'\\${w}' escapes the wildcard, so this path has no separator here: it matches the literal text '${segment(v.value, i)}'. Write '\\\\${w}' for a separator and a wildcard.`,
          fixes,
        );
      }
      for (const i of queryMarks(v.value)) {
        const fixes: Fix[] = base >= 0 ? [{ title: "Escape it: '\\?'", preferred: true, edits: [{ range: at(i, 0), newText: '\\' }] }] : [];
        report(ctx, at(i, 1), "'?' is a single-character wildcard in Sigma; in this URL query it is meant literally: write '\\?'.", fixes, 'information');
      }
    });
  },
};
