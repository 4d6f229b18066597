import type { FileReport, InternalFailure } from '../analyze';
import type { Diagnostic } from '../core/diagnostic';
import type { DocumentKind } from '../document/source';
import { declaredRuleRefs, mayReferToRules } from '../sigma/rule-refs';
import { readRuleFile, type RuleFileRead } from '../workspace/files';
import { buildRuleSetIndex, type RuleSetIndex } from '../workspace/rule-set';

export interface CheckedFile {
  path: string;
  kind: DocumentKind;
  diagnostics: Diagnostic[];
  /** Rules in the file: one per Sigma or Sentinel YAML document, one for a KQL file. */
  rules: number;
}

export interface CheckSummary {
  files: number;
  errors: number;
  warnings: number;
}

export interface CheckResult {
  files: CheckedFile[];
  summary: CheckSummary;
  /** Bugs of ours, per file (each is also a `tripline/internal-error` diagnostic on its file). */
  failures: { path: string; failure: InternalFailure }[];
}

type AnalyzeRead = (path: string, read: RuleFileRead, workspaceRules?: ReadonlySet<string>, ruleSet?: RuleSetIndex) => Promise<FileReport>;

/**
 * Checks every file on its own: a file that cannot be read or trips a bug of ours is reported on,
 * never the end of the run. `contextPaths` are more files of the same rule set that are not
 * reported on (the editor checks a workspace in batches): rules the inputs refer to, and
 * duplicates across the whole set, are looked up in them too.
 */
export async function checkFiles(paths: readonly string[], analyze: AnalyzeRead, contextPaths: readonly string[] = []): Promise<CheckResult> {
  const files: CheckedFile[] = [];
  const failures: CheckResult['failures'] = [];
  const { inputs, workspaceRules, ruleSet } = readRun(paths, contextPaths);
  for (const { path, read } of inputs) {
    const report = await analyze(path, read, workspaceRules, ruleSet);
    files.push(checkedFile(path, report));
    for (const failure of report.failures) failures.push({ path, failure });
  }
  return { files, summary: summarize(files), failures };
}

/** The files of one run, read once, with what the rules of the whole set tell each other. */
export function readRun(
  paths: readonly string[],
  contextPaths: readonly string[],
): {
  inputs: { path: string; read: RuleFileRead }[];
  workspaceRules: ReadonlySet<string> | undefined;
  ruleSet: RuleSetIndex;
} {
  const inputs = paths.map((path) => ({ path, read: readRuleFile(path) }));
  const given = new Set(paths);
  const set = [
    ...inputs.map((f) => ({ path: f.path, text: f.read.text })),
    ...contextPaths.filter((p) => !given.has(p)).map((path) => ({ path, text: readRuleFile(path).text })),
  ];
  // Correlation and filter rules name rules in other files: give them the ids and names of the run.
  const workspaceRules = inputs.some((f) => mayReferToRules(f.read.text)) ? new Set(set.flatMap((f) => declaredRuleRefs(f.text))) : undefined;
  return { inputs, workspaceRules, ruleSet: buildRuleSetIndex(set) };
}

/** One file's line in the report; a rule too broken to parse still counts as one. */
export function checkedFile(path: string, report: FileReport): CheckedFile {
  const rules = report.kind === 'other' ? 0 : Math.max(1, report.file.sigma.length + report.file.sentinelDocs.length);
  return { path, kind: report.kind, diagnostics: report.diagnostics, rules };
}

export function summarize(files: readonly CheckedFile[]): CheckSummary {
  const summary: CheckSummary = { files: files.length, errors: 0, warnings: 0 };
  for (const f of files)
    for (const d of f.diagnostics) {
      if (d.severity === 'error') summary.errors++;
      else if (d.severity === 'warning') summary.warnings++;
    }
  return summary;
}
