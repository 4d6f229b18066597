import type { SourceFile } from '../document/source';
import type { EntryHits } from './entry-hits';

/** Where the per-entry hit counts of a file live (`file.extra`), for checks, hints and hovers. */
export const SAMPLE_HITS_KEY = 'samples.entryHits';

export interface FileSampleHits {
  hits: EntryHits[];
  /** Sample files the counts come from. */
  sources: number;
  /** Baseline events across all samples. */
  baselineEvents: number;
}

export function sampleHitsOf(file: SourceFile): FileSampleHits | undefined {
  return file.extra.get(SAMPLE_HITS_KEY) as FileSampleHits | undefined;
}

