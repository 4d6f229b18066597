/**
 * Sample telemetry for the editor and the CLI: which files (`resolveSampleSources`: config globs
 * plus the bundled samples), what each domain entry hits in them (`SampleHitsService`, owned by
 * each Engine: a preparer that attaches `EntryHits` to the file for `domains/noisy-in-samples`, inlay hints and hovers), and
 * cached previews for the language server (`PreviewCache`).
 */
export { resolveSampleSources, bundledSamples } from './sources';
export { expandSamplePattern, globToRegExp } from './glob';
export { sampleFingerprint } from './fingerprint';
export { SampleIndex, DEFAULT_INDEX_FIELDS } from './value-index';
export { entryHits, describeHits, describeShare, describeSubject, describeDetails, percent, type EntryHits } from './entry-hits';
export { sampleHitsOf } from './file-hits';
export { PreviewCache } from './preview-cache';
