import type { TriplineConfig } from './config/config';
import type { SourceFile } from './document/source';
import { prepareKql } from './kql/analysis';

/**
 * Asynchronous steps that attach parsed forms to a file before checks run (the KQL parser loads
 * lazily, for example). Each format module adds its own step here.
 */
export type Preparer = (file: SourceFile, config: TriplineConfig) => Promise<void>;

export const PREPARERS: Preparer[] = [prepareKql];
