import type { Diagnostic, Fix, TextEdit } from '../core/diagnostic';
import { LineIndex, type Range } from '../core/position';

/** One fix `--fix` or "Fix all" applied: which finding it answered, and where (in the text of its pass). */
export interface AppliedFix {
  code: string;
  title: string;
  range: Range;
  /** 1 for fixes on the original text; later passes fix what earlier fixes uncovered. */
  pass: number;
}

interface FixOutcome<R> {
  /** The fixed text (the original when nothing was safe to fix, or when fixing was undone). */
  text: string;
  applied: AppliedFix[];
  /** The analysis of `text`: what remains. */
  report: R;
  /** Set when the fixes were undone because they made the file worse (a new error): why. */
  reverted?: string;
}

type Analyse<R extends { diagnostics: Diagnostic[] }> = (text: string) => Promise<R>;

/** Fixes can uncover others (a duplicate removed, then a collapsed list); a few passes settle it. */
const MAX_PASSES = 5;

interface Chosen {
  diagnostic: Diagnostic;
  fix: Fix;
  spans: [number, number][];
}

/** The first safe fix of a diagnostic that is a pure text edit, if any. */
function safeFix(d: Diagnostic): Fix | undefined {
  return d.fixes?.find((f) => f.safe === true && f.edits.length > 0 && !f.command);
}

/** Spans touch or overlap: two edits there could not both be applied as written. */
function clash(a: [number, number][], b: [number, number][]): boolean {
  return a.some(([s, e]) => b.some(([s2, e2]) => s <= e2 && s2 <= e));
}

/**
 * The safe fixes of one analysis that can be applied together: one per diagnostic, identical fixes
 * (several findings on one token) once, and none touching text another one edits; the rest wait
 * for the next pass, on the re-analysed text.
 */
export function selectSafeFixes(diagnostics: readonly Diagnostic[], index: LineIndex): Chosen[] {
  const chosen: Chosen[] = [];
  const seen = new Set<string>();
  for (const diagnostic of diagnostics) {
    const fix = safeFix(diagnostic);
    if (!fix) continue;
    const key = JSON.stringify(fix.edits);
    if (seen.has(key)) continue;
    seen.add(key);
    const spans = fix.edits.map((e): [number, number] => [index.offset(e.range.start), index.offset(e.range.end)]);
    if (chosen.some((c) => clash(c.spans, spans))) continue;
    chosen.push({ diagnostic, fix, spans });
  }
  return chosen;
}

/** Applies non-overlapping edits from the end of the text, so earlier offsets stay valid. */
export function applyEdits(text: string, index: LineIndex, edits: readonly TextEdit[]): string {
  const located = edits.map((e) => ({ start: index.offset(e.range.start), end: index.offset(e.range.end), newText: e.newText }));
  located.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of located) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** Error-severity findings per code: fixing must never add one. */
function errorCounts(diagnostics: readonly Diagnostic[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of diagnostics) if (d.severity === 'error') counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
  return counts;
}

function newError(before: readonly Diagnostic[], after: readonly Diagnostic[]): string | null {
  const was = errorCounts(before);
  for (const [code, n] of errorCounts(after)) if (n > (was.get(code) ?? 0)) return code;
  return null;
}

/**
 * Applies every safe fix of a file: analyse, apply the safe fixes that do not overlap, re-analyse,
 * until none remains or MAX_PASSES. Text edits only, so comments, key order and quoting elsewhere
 * are untouched. If the result has an error the original did not, every fix is undone: a safe fix
 * must never make a rule worse.
 */
export async function fixText<R extends { diagnostics: Diagnostic[] }>(original: string, analyse: Analyse<R>, maxPasses = MAX_PASSES): Promise<FixOutcome<R>> {
  const first = await analyse(original);
  let text = original;
  let report = first;
  const applied: AppliedFix[] = [];
  const seen = new Set<string>([original]);
  for (let pass = 1; pass <= maxPasses; pass++) {
    const index = new LineIndex(text);
    const chosen = selectSafeFixes(report.diagnostics, index);
    if (chosen.length === 0) break;
    const next = applyEdits(
      text,
      index,
      chosen.flatMap((c) => c.fix.edits),
    );
    // A fix that undoes another would loop: stop at the first repeated text.
    if (seen.has(next)) break;
    seen.add(next);
    for (const c of chosen) applied.push({ code: c.diagnostic.code, title: c.fix.title, range: c.diagnostic.range, pass });
    text = next;
    report = await analyse(text);
  }
  const worse = newError(first.diagnostics, report.diagnostics);
  if (worse) return { text: original, applied: [], report: first, reverted: `the fixes would have added a ${worse} error` };
  return { text, applied, report };
}

/** One edit turning `before` into `after`: the changed middle, so the editor keeps the cursor and folds elsewhere. */
export function minimalEdit(before: string, after: string): TextEdit | null {
  if (before === after) return null;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  // Never split a CRLF or a surrogate pair between the kept and the replaced text.
  while (start > 0 && (before[start - 1] === '\r' || /[\uD800-\uDBFF]/.test(before[start - 1]))) start--;
  while (end > 0 && (/[\uDC00-\uDFFF]/.test(before[before.length - end]) || before[before.length - end] === '\n')) end--;
  const index = new LineIndex(before);
  return { range: index.range(start, before.length - end), newText: after.slice(start, after.length - end) };
}
