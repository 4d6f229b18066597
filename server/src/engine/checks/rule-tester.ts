/**
 * A check test harness in the style of ESLint's RuleTester: a check's valid and invalid cases,
 * run through the real analysis (analyzeText: parsing, the check, suppressions, severities) with
 * every other check off. Findings are compared by their stable `messageId` and `data`, not by
 * prose; a case's fixes are applied and the result checked again.
 *
 *   ruleTester(unusedSelection, {
 *     valid: [rule(SEL)],
 *     invalid: [{ code: rule(TWO), errors: [{ messageId: 'unused', data: { name: 'filter' }, line: 12 }] }],
 *   });
 *
 * Lines and columns are 1-based, as editors show them (diagnostics are 0-based, as in LSP).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../analyze';
import type { Diagnostic, Fix, Severity, TextEdit } from '../core/diagnostic';
import { defaultConfig, mergeConfig } from '../config/config';
import type { Check, MessageData } from './check';
import { ALL_CHECKS } from './registry';
import { applyEdits, slice } from './testing';
import { LineIndex } from '../core/position';

interface CaseOptions {
  /** The file's path: decides the document kind (`.kql`, `.yml`). Default `rule.yml`. */
  path?: string;
  /** Configuration merged over the defaults, as a user would write it in tripline.config.json. */
  config?: Record<string, unknown>;
  /** Test name; default the detection on one line, shortened. */
  name?: string;
}

/** @public For test files that build their cases in a typed array. */
export interface ValidCase extends CaseOptions {
  code: string;
}

/** @public */
export interface ExpectedError {
  messageId: string;
  data?: MessageData;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  severity?: Severity;
  /** The exact text the finding's range covers. */
  text?: string;
  /**
   * The text after applying each of the finding's fixes alone, in order. Required when it offers
   * a fix that "fix all" does not apply (not preferred): such a fix is only ever applied by hand.
   */
  suggestions?: readonly string[];
}

/** @public */
export interface InvalidCase extends CaseOptions {
  code: string;
  /** The findings in document order, or just how many there are. */
  errors: readonly ExpectedError[] | number;
  /**
   * The text after "fix all": each finding's preferred fix applied; null when no finding may offer
   * one. Required when a finding has a preferred fix: an untested fix is a broken fix.
   */
  output?: string | null;
}

/** @public */
export interface RuleTests {
  valid: readonly (string | ValidCase)[];
  invalid: readonly InvalidCase[];
}

/** The diagnostics this one check reports on a text, through the same analysis the front ends run. */
async function runOne(check: Check, text: string, opts: CaseOptions = {}): Promise<Diagnostic[]> {
  const others = Object.fromEntries(ALL_CHECKS.filter((c) => c.id !== check.id).map((c) => [c.id, 'off']));
  const own = (opts.config?.checks ?? {}) as Record<string, unknown>;
  const config = mergeConfig(defaultConfig(), { ...opts.config, checks: { ...others, ...own } }, 'test');
  const report = await analyzeText(opts.path ?? 'rule.yml', text, config);
  return report.diagnostics.filter((d) => d.code === check.id);
}

const textFixes = (d: Diagnostic): Fix[] => (d.fixes ?? []).filter((f) => f.edits.length > 0);

/** The fix "fix all" applies for a finding: its preferred text fix, if it has one. */
function chosenFix(d: Diagnostic): Fix | undefined {
  return textFixes(d).find((f) => f.preferred);
}

/** Applies the preferred fix of every finding, skipping edits that overlap an earlier one (as ESLint does). */
function applyFixes(text: string, diagnostics: readonly Diagnostic[]): string {
  const index = new LineIndex(text);
  const edits: TextEdit[] = [];
  const taken: [number, number][] = [];
  for (const d of diagnostics) {
    const fix = chosenFix(d);
    if (!fix) continue;
    const spans = fix.edits.map((e): [number, number] => [index.offset(e.range.start), index.offset(e.range.end)]);
    if (spans.some(([s, e]) => taken.some(([ts, te]) => s < te && ts < e))) continue;
    taken.push(...spans);
    edits.push(...fix.edits);
  }
  return applyEdits(text, edits);
}

function caseName(kind: string, c: CaseOptions & { code: string }, i: number): string {
  if (c.name) return `${kind} ${i + 1}: ${c.name}`;
  // Unnamed: what tells the cases apart is usually the detection, so show it on one line.
  const at = c.code.indexOf('\ndetection:');
  const shown = (at >= 0 ? c.code.slice(at + '\ndetection:'.length).replace(/\nlevel: .*$/s, '') : c.code).replace(/\s+/g, ' ').trim();
  return `${kind} ${i + 1}: ${shown.slice(0, 70)}`;
}

function describeFinding(d: Diagnostic): string {
  return `${d.messageId ?? '(no messageId)'} ${JSON.stringify(d.data ?? {})} at ${d.range.start.line + 1}:${d.range.start.character + 1} "${d.message}"`;
}

function compareError(check: Check, text: string, d: Diagnostic, want: ExpectedError, n: number): void {
  const where = `finding ${n + 1} (${describeFinding(d)})`;
  assert.ok(d.messageId !== undefined, `${where}: ${check.id} reports no messageId`);
  assert.ok(check.messages && d.messageId in check.messages, `${where}: messageId '${d.messageId}' is not in ${check.id}.messages`);
  assert.equal(d.messageId, want.messageId, `${where}: messageId`);
  if (want.data !== undefined) assert.deepEqual(d.data ?? {}, want.data, `${where}: data`);
  if (want.line !== undefined) assert.equal(d.range.start.line + 1, want.line, `${where}: line`);
  if (want.column !== undefined) assert.equal(d.range.start.character + 1, want.column, `${where}: column`);
  if (want.endLine !== undefined) assert.equal(d.range.end.line + 1, want.endLine, `${where}: endLine`);
  if (want.endColumn !== undefined) assert.equal(d.range.end.character + 1, want.endColumn, `${where}: endColumn`);
  if (want.severity !== undefined) assert.equal(d.severity, want.severity, `${where}: severity`);
  if (want.text !== undefined) assert.equal(slice(new LineIndex(text), d.range), want.text, `${where}: text`);
}

/** Each fix of a finding applied alone gives the stated text, and the finding is gone from it. */
async function checkSuggestions(check: Check, c: InvalidCase, d: Diagnostic, want: ExpectedError, n: number): Promise<void> {
  const fixes = textFixes(d);
  if (want.suggestions === undefined) {
    assert.ok(
      fixes.every((f) => f.preferred),
      `finding ${n + 1} offers a fix "fix all" does not apply: state its \`suggestions\``,
    );
    return;
  }
  const outputs = fixes.map((f) => applyEdits(c.code, f.edits));
  assert.deepEqual(outputs, want.suggestions, `finding ${n + 1}: the text after each of its fixes`);
  const before = (await runOne(check, c.code, c)).length;
  for (const out of outputs) assert.ok((await runOne(check, out, c)).length < before, `finding ${n + 1}: a fix that leaves every finding in place:\n${out}`);
}

async function checkInvalid(check: Check, c: InvalidCase): Promise<void> {
  const found = await runOne(check, c.code, c);
  const count = typeof c.errors === 'number' ? c.errors : c.errors.length;
  assert.ok(count > 0, 'an invalid case expects at least one finding (put it in valid otherwise)');
  assert.equal(found.length, count, `expected ${count} finding(s), got:\n${found.map(describeFinding).join('\n') || '(none)'}`);
  if (typeof c.errors !== 'number') {
    for (const [n, want] of c.errors.entries()) {
      compareError(check, c.code, found[n], want, n);
      await checkSuggestions(check, c, found[n], want, n);
    }
  } else
    found.forEach((d, n) =>
      assert.ok(d.messageId && check.messages && d.messageId in check.messages, `finding ${n + 1}: messageId '${d.messageId}' not in ${check.id}.messages`),
    );
  const fixable = found.filter((d) => chosenFix(d) !== undefined);
  if (c.output === undefined) {
    assert.equal(fixable.length, 0, 'a finding offers a fix: state the expected `output` (null if none is expected)');
    return;
  }
  if (c.output === null) {
    assert.equal(fixable.length, 0, 'expected no fix, but a finding offers one');
    return;
  }
  assert.ok(fixable.length > 0, 'expected an output, but no finding offers a fix');
  const fixed = applyFixes(c.code, found);
  assert.equal(fixed, c.output, 'the text after applying the fixes');
  // Re-checked: what the fixes addressed is gone, and nothing left offers a fix the pass skipped.
  const after = await runOne(check, fixed, c);
  assert.ok(after.length < found.length, `the fixes left every finding in place:\n${after.map(describeFinding).join('\n')}`);
  assert.deepEqual(after.filter((d) => chosenFix(d) !== undefined).map(describeFinding), [], 'the fixed text still has fixable findings');
}

/** Declares the node:test suite of one check: one test per case. */
export function ruleTester(check: Check, tests: RuleTests): void {
  describe(check.id, () => {
    it('is registered, so the front ends run it', () => {
      assert.ok(ALL_CHECKS.includes(check), `${check.id} is not in ALL_CHECKS`);
    });
    tests.valid.forEach((v, i) => {
      const c: ValidCase = typeof v === 'string' ? { code: v } : v;
      it(caseName('valid', c, i), async () => {
        const found = await runOne(check, c.code, c);
        assert.deepEqual(found.map(describeFinding), [], 'a valid case gets no finding');
      });
    });
    tests.invalid.forEach((c, i) => {
      it(caseName('invalid', c, i), () => checkInvalid(check, c));
    });
  });
}
