import type { RuleSetIndex } from './workspace/rule-set';
import type { TriplineConfig } from './config/config';
import type { SourceFile } from './document/source';
import { prepareKql, warmUpKql } from './kql/analysis';
import type { SampleHitsService } from './samples/hits-service';

/**
 * What an analysis may use beyond the file and its configuration, owned by the caller (each
 * front end's Engine): never module-level state, so two engines never see each other's samples.
 */
export interface AnalyzeEnv {
  /** Per-entry sample hit counts (`domains/noisy-in-samples`, inlay hints, hovers); none without it. */
  sampleHits?: SampleHitsService;
  /** Ids, titles and file names of the whole rule set (duplicates across files); none for a lone file. */
  ruleSet?: RuleSetIndex;
}

/**
 * Asynchronous steps that attach parsed forms to a file before checks run (the KQL parser loads
 * lazily, for example). Each format module adds its own step here.
 */
type Preparer = (file: SourceFile, config: TriplineConfig, env: AnalyzeEnv) => Promise<void>;

const prepareSampleHits: Preparer = async (file, config, env) => env.sampleHits?.prepare(file, config);

export const PREPARERS: Preparer[] = [prepareKql, prepareSampleHits];

/**
 * Slow one-time loads a long-running front end (the language server) starts in the background once
 * it is up, so the first file that needs them does not wait. Each returns a line for the log.
 */
export const WARM_UPS: (() => Promise<string>)[] = [() => warmUpKql()];
