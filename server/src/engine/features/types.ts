import type { Position, Range } from '../core/position';
import type { TriplineConfig } from '../config/config';
import type { SourceFile } from '../document/source';

export interface FeatureContext {
  file: SourceFile;
  pos: Position;
  config: TriplineConfig;
  /** The text of the cursor's line up to the cursor: completion works on half-typed, invalid YAML too. */
  linePrefix: string;
}

export interface HoverResult {
  markdown: string;
  range: Range;
}

export type CompletionKind = 'modifier' | 'key' | 'value' | 'technique' | 'tactic' | 'tag' | 'field' | 'table' | 'operator' | 'identifier' | 'snippet';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
  insertText?: string;
  /** Text range the completion replaces (defaults to the word at the cursor). */
  range?: Range;
  sortText?: string;
  filterText?: string;
}

export type HoverProvider = (ctx: FeatureContext) => HoverResult | null;
export type CompletionProvider = (ctx: FeatureContext) => CompletionEntry[] | null;
