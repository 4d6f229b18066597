/** A unified diff of two texts (`--dry-run`), line by line with three lines of context. */

const CONTEXT = 3;
/** Above this many cells the middle is shown as one replaced block rather than aligned. */
const MAX_CELLS = 4_000_000;

type Op = { kind: ' ' | '-' | '+'; line: string; a: number; b: number };

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Longest-common-subsequence alignment of the lines between the common head and tail. */
function align(a: string[], b: string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops: Op[] = [];
  for (let i = 0; i < head; i++) ops.push({ kind: ' ', line: a[i], a: i, b: i });
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  if (am.length * bm.length > MAX_CELLS) {
    am.forEach((line, i) => ops.push({ kind: '-', line, a: head + i, b: head }));
    bm.forEach((line, j) => ops.push({ kind: '+', line, a: head + am.length, b: head + j }));
  } else {
    const w = bm.length + 1;
    const lcs = new Uint32Array((am.length + 1) * w);
    for (let i = am.length - 1; i >= 0; i--)
      for (let j = bm.length - 1; j >= 0; j--)
        lcs[i * w + j] = am[i] === bm[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
    let i = 0;
    let j = 0;
    while (i < am.length || j < bm.length) {
      if (i < am.length && j < bm.length && am[i] === bm[j]) ops.push({ kind: ' ', line: am[i++], a: head + i - 1, b: head + j++ });
      else if (j < bm.length && (i === am.length || lcs[i * w + j + 1] > lcs[(i + 1) * w + j]))
        ops.push({ kind: '+', line: bm[j++], a: head + i, b: head + j - 1 });
      else ops.push({ kind: '-', line: am[i++], a: head + i - 1, b: head + j });
    }
  }
  for (let k = tail; k > 0; k--) ops.push({ kind: ' ', line: a[a.length - k], a: a.length - k, b: b.length - k });
  return ops;
}

/** `--- a/PATH`, `+++ b/PATH` and `@@` hunks; empty when the texts are equal. */
export function unifiedDiff(path: string, before: string, after: string): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = align(a, b);
  const out = [`--- a/${path}`, `+++ b/${path}`];
  let k = 0;
  while (k < ops.length) {
    while (k < ops.length && ops[k].kind === ' ') k++;
    if (k >= ops.length) break;
    const start = Math.max(0, k - CONTEXT);
    let end = k;
    // Extend the hunk while the next change is within two contexts.
    for (;;) {
      while (end < ops.length && ops[end].kind !== ' ') end++;
      let next = end;
      while (next < ops.length && ops[next].kind === ' ') next++;
      if (next < ops.length && next - end <= 2 * CONTEXT) end = next;
      else break;
    }
    const stop = Math.min(ops.length, end + CONTEXT);
    const hunk = ops.slice(start, stop);
    const aLen = hunk.filter((o) => o.kind !== '+').length;
    const bLen = hunk.filter((o) => o.kind !== '-').length;
    const aStart = aLen === 0 ? hunk[0].a : hunk[0].a + 1;
    const bStart = bLen === 0 ? hunk[0].b : hunk[0].b + 1;
    out.push(`@@ -${aStart},${aLen} +${bStart},${bLen} @@`);
    for (const o of hunk) out.push(`${o.kind}${o.line.replace(/\r$/, '')}`);
    k = stop;
  }
  return out.join('\n') + '\n';
}
