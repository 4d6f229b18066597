import type { TriplineConfig } from './config/config';
import type { SourceFile } from './document/source';
import { prepareKql, warmUpKql } from './kql/analysis';
import { SAMPLE_HITS } from './samples/hits-service';

/**
 * Asynchronous steps that attach parsed forms to a file before checks run (the KQL parser loads
 * lazily, for example). Each format module adds its own step here.
 */
type Preparer = (file: SourceFile, config: TriplineConfig) => Promise<void>;

export const PREPARERS: Preparer[] = [prepareKql, (file, config) => SAMPLE_HITS.prepare(file, config)];

/**
 * Slow one-time loads a long-running front end (the language server) starts in the background once
 * it is up, so the first file that needs them does not wait. Each returns a line for the log.
 */
export const WARM_UPS: (() => Promise<string>)[] = [() => warmUpKql()];
