import { writeFileSync } from 'node:fs';
import type { FileReport } from '../analyze';
import type { TextFacts } from '../document/source';
import { fixText, type AppliedFix } from '../fix/apply';
import { unifiedDiff } from '../fix/diff';
import type { RuleFileRead } from '../workspace/files';
import type { RuleSetIndex } from '../workspace/rule-set';
import { checkedFile, readRun, summarize, type CheckedFile, type CheckResult } from './check';

/** Analyses one file's (possibly fixed) text with the run's rule-set context. */
type AnalyzeFixed = (
  path: string,
  text: string,
  facts: number | TextFacts,
  workspaceRules?: ReadonlySet<string>,
  ruleSet?: RuleSetIndex,
) => Promise<FileReport>;

/** What `--fix` did to one file. */
interface FileFixes {
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

/**
 * `tripline check --fix [--dry-run]`: applies every safe fix of each file in place (text edits
 * only), then reports what remains, exactly as `check` would on the fixed files.
 */
export async function fixFiles(paths: readonly string[], analyze: AnalyzeFixed, dryRun: boolean, contextPaths: readonly string[] = []): Promise<FixRun> {
  const { inputs, workspaceRules, ruleSet } = readRun(paths, contextPaths);
  const files: CheckedFile[] = [];
  const fixes: FileFixes[] = [];
  const failures: CheckResult['failures'] = [];
  for (const { path, read } of inputs) {
    const analyse = (text: string): Promise<FileReport> =>
      analyze(path, text, text === read.text ? read : { sizeBytes: Buffer.byteLength(text) }, workspaceRules, ruleSet);
    const blocked = unfixable(read);
    const outcome = blocked ? { text: read.text, applied: [], report: await analyse(read.text), reverted: undefined } : await fixText(read.text, analyse);
    const changed = outcome.text !== read.text;
    if (changed && !dryRun) writeFileSync(path, outcome.text);
    const note = outcome.reverted ?? (blocked && outcome.report.diagnostics.some((d) => d.fixes?.some((f) => f.safe)) ? `not fixed: ${blocked}` : undefined);
    if (outcome.applied.length > 0 || note)
      fixes.push({
        path,
        applied: outcome.applied,
        changed,
        ...(dryRun && changed ? { diff: unifiedDiff(path, read.text, outcome.text) } : {}),
        ...(note ? { note } : {}),
      });
    files.push(checkedFile(path, outcome.report));
    for (const failure of outcome.report.failures) failures.push({ path, failure });
  }
  return { files, summary: summarize(files), failures, fixes };
}
