import { catalogFor } from '../attack/load';
import { coverageOf, type CoverageReport } from '../attack/coverage';
import type { AttackCatalog } from '../attack/catalog';
import type { TriplineConfig } from '../config/config';
import { loadSource, type SourceFile } from '../document/source';
import { readRuleFile } from '../workspace/files';

export interface CoverageInput {
  path: string;
  /** The text when the caller has it (an open editor document, unsaved edits included); else read from disk. */
  text?: string;
}

export interface CoverageOutcome {
  report: CoverageReport;
  catalog: AttackCatalog;
  /** Why the configured ATT&CK bundles were not used, if so. */
  catalogProblem?: string;
  /** Files that could not be read (reported, not counted). */
  unreadable: { path: string; reason: string }[];
  /** Bugs of ours on a file (the others are still counted). */
  failures: { path: string; error: unknown }[];
}

/** Which rules map to which ATT&CK technique, over files read with the one rule reader. */
export function coverageOfFiles(inputs: readonly CoverageInput[], config: TriplineConfig): CoverageOutcome {
  const files: SourceFile[] = [];
  const unreadable: CoverageOutcome['unreadable'] = [];
  const failures: CoverageOutcome['failures'] = [];
  for (const input of inputs) {
    const read = input.text !== undefined ? undefined : readRuleFile(input.path);
    if (read?.unreadable) unreadable.push({ path: input.path, reason: read.unreadable });
    try {
      files.push(read ? loadSource(input.path, read.text, read) : loadSource(input.path, input.text ?? ''));
    } catch (error) {
      failures.push({ path: input.path, error });
    }
  }
  const { catalog, problem } = catalogFor(config);
  return { report: coverageOf(files, config, catalog), catalog, ...(problem ? { catalogProblem: problem } : {}), unreadable, failures };
}
