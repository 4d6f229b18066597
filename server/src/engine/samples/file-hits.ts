import type { SourceFile } from '../document/source';
import type { EntryHits } from './entry-hits';

/** The per-entry hit counts attached to a file (`file.slots.sampleHits`), for checks, hints and hovers. */
export interface FileSampleHits {
  hits: EntryHits[];
  /** Sample files the counts come from. */
  sources: number;
  /** Baseline events across all samples. */
  baselineEvents: number;
}

export function sampleHitsOf(file: SourceFile): FileSampleHits | undefined {
  return file.slots.sampleHits;
}
