import type { Diagnostic } from '../engine/core/diagnostic';
import { analyzeText } from '../engine/analyze';
import type { TriplineConfig } from '../engine/config/config';
import type { DocumentKind } from '../engine/document/source';
import { readRuleFile } from '../engine/workspace/files';
import { declaredRuleRefs, mayReferToRules } from '../engine/sigma/rule-refs';

export interface CheckedFile {
  path: string;
  kind: DocumentKind;
  diagnostics: Diagnostic[];
}

export interface CheckSummary {
  files: number;
  errors: number;
  warnings: number;
}

export async function checkFiles(paths: string[], config: TriplineConfig): Promise<{ files: CheckedFile[]; summary: CheckSummary }> {
  const files: CheckedFile[] = [];
  const inputs = paths.map((path) => ({ path, ...readRuleFile(path) }));
  // Correlation and filter rules name rules in other files: give them the ids and names of the run.
  const workspaceRules = inputs.some((f) => mayReferToRules(f.text)) ? new Set(inputs.flatMap((f) => declaredRuleRefs(f.text))) : undefined;
  for (const { path, text, size } of inputs) {
    const report = await analyzeText(path, text, config, undefined, size, workspaceRules);
    files.push({ path, kind: report.kind, diagnostics: report.diagnostics });
  }
  const summary: CheckSummary = { files: files.length, errors: 0, warnings: 0 };
  for (const f of files)
    for (const d of f.diagnostics) {
      if (d.severity === 'error') summary.errors++;
      else if (d.severity === 'warning') summary.warnings++;
    }
  return { files, summary };
}
