import type { Diagnostic } from './core/diagnostic';
import type { Check, CheckContext } from './checks/check';
import { ALL_CHECKS } from './checks/registry';
import { defaultConfig, type TriplineConfig } from './config/config';
import { loadSource, type SourceFile } from './document/source';
import { applySuppressions } from './suppress';
import { PREPARERS } from './prepare';
import { linkEntryFindings } from './link';

export interface FileReport {
  path: string;
  kind: SourceFile['kind'];
  diagnostics: Diagnostic[];
  file: SourceFile;
}

/**
 * The one function both front ends call: parse a file once, let format modules attach what they
 * need, run every applicable check, apply configuration and suppression comments.
 */
export async function analyzeText(path: string, text: string, config: TriplineConfig = defaultConfig(), checks: readonly Check[] = ALL_CHECKS, sizeBytes = text.length): Promise<FileReport> {
  const file = loadSource(path, text, sizeBytes);
  for (const prepare of PREPARERS) await prepare(file, config);
  return { path, kind: file.kind, diagnostics: runChecks(file, config, checks), file };
}

/** Synchronous part, for callers that already prepared the file. */
export function runChecks(file: SourceFile, config: TriplineConfig, checks: readonly Check[] = ALL_CHECKS): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const check of checks) {
    if (!check.kinds.includes(file.kind)) continue;
    const setting = config.checks[check.id];
    if (setting === 'off') continue;
    const ctx: CheckContext = {
      file,
      config,
      report(f) {
        out.push({
          code: check.id,
          severity: setting ?? f.severity ?? check.defaultSeverity,
          message: f.message,
          range: f.range,
          ...(f.fixes && f.fixes.length > 0 ? { fixes: f.fixes } : {}),
        });
      },
    };
    try {
      check.run(ctx);
    } catch (e) {
      // A bug in one check must not hide the others' findings or crash the editor.
      out.push({
        code: 'tripline/internal-error',
        severity: 'information',
        message: `Check ${check.id} failed on this file: ${(e as Error).message}. Please report it.`,
        range: file.index.range(0, 0),
      });
    }
  }
  const kept = applySuppressions(file, out);
  kept.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
  linkEntryFindings(kept);
  return kept;
}
