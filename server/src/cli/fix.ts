import { writeFileSync } from 'node:fs';
import { analyzeText, type FileReport } from '../engine/analyze';
import type { TriplineConfig } from '../engine/config/config';
import { fixText, type AppliedFix } from '../engine/fix/apply';
import { unifiedDiff } from '../engine/fix/diff';
import { declaredRuleRefs, mayReferToRules } from '../engine/sigma/rule-refs';
import { readRuleFile, type RuleFileRead } from '../engine/workspace/files';
import type { CheckedFile, CheckResult, CheckSummary } from './check';

/** What `--fix` did to one file. */
export interface FileFixes {
  path: string;
  applied: AppliedFix[];
  /** The fixed text differs from the file (written unless --dry-run). */
  changed: boolean;
  /** `--dry-run`: the unified diff of what would be written. */
  diff?: string;
  /** Why the file was left as it is although it had safe fixes. */
  note?: string;
}

export interface FixRun extends CheckResult {
  fixes: FileFixes[];
}

/** Files fixing must not rewrite: a partial read would truncate them, a lossy decode would corrupt them. */
function unfixable(read: RuleFileRead): string | null {
  if (read.unreadable) return 'it could not be read';
  if (read.invalidUtf8) return 'it is not valid UTF-8';
  if (read.sizeBytes > Buffer.byteLength(read.text)) return 'it is larger than Tripline reads';
  return null;
}

function rulesIn(report: FileReport): number {
  return report.kind === 'other' ? 0 : Math.max(1, report.file.sigma.length + report.file.sentinelDocs.length);
}

/**
 * `tripline check --fix [--dry-run]`: applies every safe fix of each file in place (text edits
 * only), then reports what remains, exactly as `check` would on the fixed files.
 */
export async function fixFiles(paths: string[], config: TriplineConfig, dryRun: boolean): Promise<FixRun> {
  const inputs = paths.map((path) => ({ path, read: readRuleFile(path) }));
  const workspaceRules = inputs.some((f) => mayReferToRules(f.read.text)) ? new Set(inputs.flatMap((f) => declaredRuleRefs(f.read.text))) : undefined;
  const files: CheckedFile[] = [];
  const fixes: FileFixes[] = [];
  const failures: CheckResult['failures'] = [];
  for (const { path, read } of inputs) {
    const analyse = (text: string): Promise<FileReport> => analyzeText(path, text, config, undefined, text === read.text ? read : { sizeBytes: Buffer.byteLength(text) }, workspaceRules);
    const blocked = unfixable(read);
    const outcome = blocked ? { text: read.text, applied: [], report: await analyse(read.text), reverted: undefined } : await fixText(read.text, analyse);
    const changed = outcome.text !== read.text;
    if (changed && !dryRun) writeFileSync(path, outcome.text);
    const note = outcome.reverted ?? (blocked && outcome.report.diagnostics.some((d) => d.fixes?.some((f) => f.safe)) ? `not fixed: ${blocked}` : undefined);
    if (outcome.applied.length > 0 || note) fixes.push({ path, applied: outcome.applied, changed, ...(dryRun && changed ? { diff: unifiedDiff(path, read.text, outcome.text) } : {}), ...(note ? { note } : {}) });
    const report = outcome.report;
    files.push({ path, kind: report.kind, diagnostics: report.diagnostics, rules: rulesIn(report) });
    for (const failure of report.failures) failures.push({ path, failure });
  }
  const summary: CheckSummary = { files: files.length, errors: 0, warnings: 0 };
  for (const d of files.flatMap((f) => f.diagnostics)) {
    if (d.severity === 'error') summary.errors++;
    else if (d.severity === 'warning') summary.warnings++;
  }
  return { files, summary, failures, fixes };
}

/** `fixed PATH:LINE:COL CODE TITLE` per fix (`would fix` with --dry-run), the diffs, then notes. */
export function formatFixesText(run: FixRun, dryRun: boolean): string {
  const lines: string[] = [];
  for (const f of run.fixes) {
    for (const a of f.applied) lines.push(`${dryRun ? 'would fix' : 'fixed'} ${f.path}:${a.range.start.line + 1}:${a.range.start.character + 1} ${a.code} ${a.title}`);
    if (f.note) lines.push(`${f.path}: ${f.note}`);
  }
  for (const f of run.fixes) if (f.diff) lines.push(f.diff.replace(/\n$/, ''));
  return lines.join('\n');
}

/** The check JSON with a `fixes` list per file (additive to the contract), and `dryRun`. */
export function addFixesToJson(json: string, run: FixRun, dryRun: boolean): string {
  const doc = JSON.parse(json) as { files: { path: string; fixes?: unknown; diff?: string; fixNote?: string }[]; dryRun?: boolean };
  const byPath = new Map(run.fixes.map((f) => [f.path, f]));
  for (const file of doc.files) {
    const f = byPath.get(file.path);
    file.fixes = (f?.applied ?? []).map((a) => ({ code: a.code, title: a.title, range: a.range, pass: a.pass }));
    if (f?.diff) file.diff = f.diff;
    if (f?.note) file.fixNote = f.note;
  }
  doc.dryRun = dryRun;
  return JSON.stringify(doc, null, 2);
}
