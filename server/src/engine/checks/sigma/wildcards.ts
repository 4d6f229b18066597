/** Wildcard helpers: Sigma values use `*` and `?` as wildcards, `\` escapes them. */

/** True when the character at `i` is preceded by an odd number of backslashes. */
export function isEscaped(s: string, i: number): boolean {
  let n = 0;
  for (let j = i - 1; j >= 0 && s[j] === '\\'; j--) n++;
  return n % 2 === 1;
}

/** Offsets of the unescaped wildcards (`*`, `?`) of a value. */
export function wildcardOffsets(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) if ((s[i] === '*' || s[i] === '?') && !isEscaped(s, i)) out.push(i);
  return out;
}
