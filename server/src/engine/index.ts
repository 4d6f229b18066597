/**
 * The engine façade: the only module the front ends (server/src/lsp, server/src/cli) import. Each
 * front end constructs its `Engine` with the configuration and samples it knows and calls its
 * methods; the types and pure helpers a front end needs to translate results are re-exported here,
 * so the engine's inner layout can change without touching them (test/architecture checks it).
 */
export { Engine } from './facade/engine';
export { PreviewError, NO_SAMPLES_REASON, type KqlPreviewRunner } from './facade/preview';
export type { CheckedFile, CheckSummary } from './facade/check';
export type { FixRun } from './facade/fix';
export type { DomainRow } from './facade/domain-rows';

// Results and their parts.
export type { FileReport } from './analyze';
export type { Diagnostic, Fix, Severity } from './core/diagnostic';
export type { Position, Range } from './core/position';
export { rangesTouch } from './core/position';
export type { DocumentKind } from './document/source';
export type { CompletionEntry, CompletionKind, HoverResult } from './features/types';
export type { SymbolNode } from './features/symbols';
export type { CoverageReport } from './attack/coverage';
export type { CorrelationMatch, PreviewProgress, PreviewResult, SampleSource } from './preview/types';
export type { KqlPreviewResult } from './kql/preview';
export type { HighlightTerms } from './preview/highlight-terms';
export type { FileSampleHits } from './samples/file-hits';
export type { EntryHits } from './samples/entry-hits';
export type { SampleCount } from './samples/rule-count';

// Configuration and inputs.
export { ConfigError, defaultConfig, findConfigFile, loadConfigFile, mergeConfig, type TriplineConfig } from './config/config';
export { confinePaths, type PathPolicy } from './config/paths';
export { collectRuleFiles, InputError, readRuleFile, type RuleFileRead } from './workspace/files';
export { collectSamples } from './samples/collect';
export { isKqlPath } from './document/source';

// Presenting results (front ends format; the engine decides what the numbers are).
export { toCliJson } from './preview';
export { kqlPreviewJson, formatKqlPreviewText } from './kql/preview';
export { describeHits, sampleHitsOf } from './samples';
export { entryCounts } from './link';
export { ALL_CHECKS } from './checks/registry';
export { DOMAIN_LABEL } from './attack/catalog';
export { navigatorLayer } from './attack/navigator';
export { VALID_IDENTIFIER } from './features/identifiers';
export { TOOL_VERSION } from './version';
export { catalogVersionLine } from './attack/load';
export { kqlVersionLine } from './kql/version';

// Running engine work off a front end's thread under a time budget.
export { BudgetExceeded, BudgetPool, postEvent, serveTasks, TaskCancelled, WorkerTaskError } from './util/budget-pool';
