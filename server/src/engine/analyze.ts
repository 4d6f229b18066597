import type { Diagnostic, Fix } from './core/diagnostic';
import { LineIndex } from './core/position';
import type { Check, CheckContext } from './checks/check';
import { ALL_CHECKS } from './checks/registry';
import { defaultConfig, type TriplineConfig } from './config/config';
import { checkSetting, profileSeverity } from './config/profiles';
import { ABSENCE_CODES } from './document/limits';
import { loadSource, type SourceFile, type TextFacts } from './document/source';
import { applySuppressions } from './suppress';
import { PREPARERS, type AnalyzeEnv } from './prepare';
import { linkEntryFindings } from './link';
import type { RuleSetIndex } from './workspace/rule-set';

export const INTERNAL_ERROR = 'tripline/internal-error';

/** A bug of Tripline's caught while analysing one file: where, and the error with its stack. */
export interface InternalFailure {
  stage: string;
  error: unknown;
}

export interface FileReport {
  path: string;
  kind: SourceFile['kind'];
  diagnostics: Diagnostic[];
  file: SourceFile;
  /** Bugs of ours caught on this file (each also a `tripline/internal-error` diagnostic); front ends log the stacks. */
  failures: InternalFailure[];
}

/**
 * The one function both front ends call: parse a file once, let format modules attach what they
 * need, run every applicable check, apply configuration and suppression comments. Sample hit counts
 * come from `env.sampleHits` (the Engine's); without it `domains/noisy-in-samples` has nothing to
 * judge. Never rejects:
 * whatever a step throws on this file becomes a `tripline/internal-error` diagnostic on it, and
 * the steps that did not fail still report.
 */
export async function analyzeText(
  path: string,
  text: string,
  config: TriplineConfig = defaultConfig(),
  checks: readonly Check[] = ALL_CHECKS,
  facts: number | TextFacts = text.length,
  workspaceRules?: ReadonlySet<string>,
  env: AnalyzeEnv = {},
): Promise<FileReport> {
  const failures: InternalFailure[] = [];
  let file: SourceFile;
  try {
    file = loadSource(path, text, facts);
  } catch (error) {
    failures.push({ stage: 'reading the file', error });
    file = { path, text, index: new LineIndex(text), kind: 'other', sigma: [], sentinelDocs: [], slots: {} };
  }
  for (const [i, prepare] of PREPARERS.entries()) {
    try {
      await prepare(file, config, env);
    } catch (error) {
      failures.push({ stage: `preparing the file (step ${i + 1}: ${prepare.name || 'anonymous'})`, error });
    }
  }
  const diagnostics = runChecks(file, config, checks, failures, workspaceRules, env.ruleSet);
  return { path, kind: file.kind, diagnostics, file, failures };
}

/** The diagnostic a front end shows for a bug of ours on a file (the stack goes to its log). */
export function internalErrorDiagnostic(stage: string, error: unknown, index?: LineIndex): Diagnostic {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    code: INTERNAL_ERROR,
    // Not an error: the rule may well be right. A warning, because part of it went unchecked.
    severity: 'warning',
    message: `Tripline failed while ${stage}: ${reason.split('\n')[0]}. The rest of the file was checked; please report this.`,
    range: (index ?? new LineIndex('')).range(0, 0),
  };
}

/** Synchronous part, for callers that already prepared the file. Failures of checks are added to `failures`. */
/**
 * `d.fixes` built by `build` the first time it is read, then kept. An ordinary enumerable property
 * for every reader (spread, JSON, structured clone all read it); only code that never reads it
 * (the editor's per-keystroke summary) never pays for it.
 */
function fixesWhenRead(d: Diagnostic, build: () => Fix[]): void {
  let built: Fix[] | undefined;
  Object.defineProperty(d, 'fixes', {
    enumerable: true,
    configurable: true,
    get: () => (built ??= build()),
    set: (v: Fix[] | undefined) => (built = v),
  });
}

export function runChecks(
  file: SourceFile,
  config: TriplineConfig,
  checks: readonly Check[] = ALL_CHECKS,
  failures: InternalFailure[] = [],
  workspaceRules?: ReadonlySet<string>,
  ruleSet?: RuleSetIndex,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const check of checks) {
    if (!check.kinds.includes(file.kind)) continue;
    const setting = checkSetting(config, check.id);
    if (setting === 'off') continue;
    const ctx: CheckContext = {
      file,
      config,
      workspaceRules,
      ruleSet,
      report(f) {
        const d: Diagnostic = {
          code: check.id,
          severity: setting ?? profileSeverity(config, check.id, f.severity ?? check.defaultSeverity),
          message: f.message,
          range: f.range,
          ...(Array.isArray(f.fixes) && f.fixes.length > 0 ? { fixes: f.fixes } : {}),
          ...(f.messageId !== undefined ? { messageId: f.messageId } : {}),
          ...(f.data !== undefined ? { data: f.data } : {}),
        };
        if (typeof f.fixes === 'function') fixesWhenRead(d, f.fixes);
        out.push(d);
      },
    };
    try {
      check.run(ctx);
    } catch (error) {
      // A bug in one check must not hide the others' findings or crash the editor.
      failures.push({ stage: `running check ${check.id}`, error });
    }
  }
  for (const f of failures) out.push(internalErrorDiagnostic(f.stage, f.error, file.index));
  let kept = withoutCutAbsences(file, out);
  try {
    kept = applySuppressions(file, kept);
  } catch (error) {
    failures.push({ stage: 'reading suppression comments', error });
    kept.push(internalErrorDiagnostic('reading suppression comments', error, file.index));
  }
  kept.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
  linkEntryFindings(kept);
  return kept;
}

/** Drops "X is missing" findings in the document where a limit cut the file: X may lie beyond the cut. */
function withoutCutAbsences(file: SourceFile, diags: Diagnostic[]): Diagnostic[] {
  const docs = file.yaml?.docs ?? [];
  if (!file.truncated || docs.length === 0) return diags;
  const start = file.index.position(docs[docs.length - 1].range[0]);
  const inLast = (d: Diagnostic): boolean =>
    d.range.start.line > start.line || (d.range.start.line === start.line && d.range.start.character >= start.character);
  return diags.filter((d) => !(ABSENCE_CODES.has(d.code) && inLast(d)));
}
