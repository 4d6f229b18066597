import type { Diagnostic } from '../engine/core/diagnostic';
import { analyzeText, type InternalFailure } from '../engine/analyze';
import type { TriplineConfig } from '../engine/config/config';
import type { DocumentKind } from '../engine/document/source';
import { readRuleFile } from '../engine/workspace/files';
import { declaredRuleRefs, mayReferToRules } from '../engine/sigma/rule-refs';

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

interface CheckResult {
  files: CheckedFile[];
  summary: CheckSummary;
  /** Bugs of ours, per file (each is also a `tripline/internal-error` diagnostic on its file). */
  failures: { path: string; failure: InternalFailure }[];
}

/** Checks every file on its own: a file that cannot be read or trips a bug of ours is reported on, never the end of the run. */
export async function checkFiles(paths: string[], config: TriplineConfig): Promise<CheckResult> {
  const files: CheckedFile[] = [];
  const failures: CheckResult['failures'] = [];
  const inputs = paths.map((path) => ({ path, read: readRuleFile(path) }));
  // Correlation and filter rules name rules in other files: give them the ids and names of the run.
  const workspaceRules = inputs.some((f) => mayReferToRules(f.read.text)) ? new Set(inputs.flatMap((f) => declaredRuleRefs(f.read.text))) : undefined;
  for (const { path, read } of inputs) {
    const report = await analyzeText(path, read.text, config, undefined, read, workspaceRules);
    // A rule too broken to parse still counts as one.
    const rules = report.kind === 'other' ? 0 : Math.max(1, report.file.sigma.length + report.file.sentinelDocs.length);
    files.push({ path, kind: report.kind, diagnostics: report.diagnostics, rules });
    for (const failure of report.failures) failures.push({ path, failure });
  }
  const summary: CheckSummary = { files: files.length, errors: 0, warnings: 0 };
  for (const f of files)
    for (const d of f.diagnostics) {
      if (d.severity === 'error') summary.errors++;
      else if (d.severity === 'warning') summary.warnings++;
    }
  return { files, summary, failures };
}
