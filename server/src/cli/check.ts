import type { Diagnostic } from '../engine/core/diagnostic';
import { analyzeText } from '../engine/analyze';
import type { TriplineConfig } from '../engine/config/config';
import type { DocumentKind } from '../engine/document/source';
import { readRuleFile } from '../engine/workspace/files';

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
  for (const path of paths) {
    const { text, size } = readRuleFile(path);
    const report = await analyzeText(path, text, config, undefined, size);
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
