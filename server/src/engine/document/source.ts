import { LineIndex } from '../core/position';
import type { SigmaRule } from '../sigma/model';
import { parseSigmaRule, sigmaRuleType } from '../sigma/parse';
import { checkedPrefix, MAX_CHECKED_CHARS, type Truncation } from './limits';
import { parseYaml, topLevelKeys, type ParsedYaml, type YamlDocument } from './yaml';
import type { FileSlots } from './slots';

export type DocumentKind = 'sigma' | 'sentinel' | 'kql' | 'other';

/**
 * Callers need not read more of a file than this: the part beyond is not checked (document/limits.ts),
 * and the finding says where checking stopped.
 */
export const MAX_FILE_BYTES = MAX_CHECKED_CHARS;

/** What the reader knows about the bytes behind `text`. */
export interface TextFacts {
  /** Size on disk; larger than the text when the reader stopped at MAX_FILE_BYTES. */
  sizeBytes: number;
  /** The bytes were not valid UTF-8: every U+FFFD in the text stands for bytes that could not be decoded. */
  invalidUtf8?: boolean;
  /** Why the reader could not read the file at all (permission, vanished...): reported on the file. */
  unreadable?: string;
}

/**
 * One input file, parsed once and shared by every check. Format modules (KQL, Sentinel) attach
 * their parsed forms and per-file memos in `slots` (document/slots.ts), one typed slot each.
 */
export interface SourceFile {
  path: string;
  text: string;
  index: LineIndex;
  kind: DocumentKind;
  /** Why the file could not be read as text, if so (binary, too large). */
  unreadable?: { reason: string; offset: number };
  /** Where checking stopped, when the file is over a limit (size, documents, nesting). */
  truncated?: Truncation;
  /** Offsets of characters that stand for undecodable bytes (U+FFFD put there by the reader). */
  invalidUtf8?: number[];
  yaml?: ParsedYaml;
  sigma: SigmaRule[];
  /** The YAML documents judged to be Sentinel analytics rules. */
  sentinelDocs: YamlDocument[];
  slots: FileSlots;
}

const KQL_EXTENSIONS = /\.(kql|csl|kusto)$/i;

export function isKqlPath(path: string): boolean {
  return KQL_EXTENSIONS.test(path);
}

/** A Sentinel analytics rule or hunting query: a KQL `query` plus Sentinel's own fields. */
function isSentinelKeys(keys: Set<string>): boolean {
  if (!keys.has('query')) return false;
  return (
    keys.has('relevantTechniques') ||
    keys.has('queryFrequency') ||
    keys.has('triggerOperator') ||
    keys.has('requiredDataConnectors') ||
    (keys.has('tactics') && (keys.has('name') || keys.has('id')))
  );
}

/** Looks at raw text when the YAML is too broken to parse, so a broken rule is still recognised as one. */
function looksLikeRuleText(text: string): DocumentKind {
  if (/^detection\s*:/m.test(text) && /^(logsource|title)\s*:/m.test(text)) return 'sigma';
  if (/^query\s*:/m.test(text) && /^(relevantTechniques|queryFrequency|tactics)\s*:/m.test(text)) return 'sentinel';
  return 'other';
}

function firstNul(text: string): number {
  const limit = Math.min(text.length, 65536);
  for (let i = 0; i < limit; i++) if (text.charCodeAt(i) === 0) return i;
  return -1;
}

export function loadSource(path: string, text: string, facts: number | TextFacts = text.length): SourceFile {
  const { sizeBytes, invalidUtf8, unreadable } = typeof facts === 'number' ? { sizeBytes: facts, invalidUtf8: false, unreadable: undefined } : facts;
  const file: SourceFile = { path, text, index: new LineIndex(text), kind: 'other', sigma: [], sentinelDocs: [], slots: {} };
  if (unreadable !== undefined) {
    file.unreadable = { reason: unreadable, offset: 0 };
    return file;
  }
  const nul = firstNul(text);
  if (nul >= 0) {
    file.unreadable = { reason: `binary content (NUL byte at offset ${nul}): not a text rule file`, offset: nul };
    file.text = '';
    file.index = new LineIndex('');
    return file;
  }
  if (invalidUtf8) file.invalidUtf8 = replacementOffsets(text);
  const kql = isKqlPath(path);
  const { text: checked, truncation } = checkedPrefix(text, sizeBytes, !kql);
  // KQL is not cut mid-query (the parser would report the cut); an empty prefix leaves nothing to check.
  if (truncation && (kql || checked.trim() === '')) {
    file.unreadable = { reason: `${truncation.reason}: not checked`, offset: truncation.offset };
    return file;
  }
  if (kql) {
    file.kind = 'kql';
    return file;
  }
  file.truncated = truncation;
  const yaml = parseYaml(checked, file.index);
  file.yaml = yaml;
  yaml.docs.forEach((doc, i) => {
    const type = sigmaRuleType(doc);
    if (type) {
      file.sigma.push(parseSigmaRule(doc, i, file.index, type));
      return;
    }
    if (isSentinelKeys(topLevelKeys(doc))) file.sentinelDocs.push(doc);
  });
  if (file.sigma.length > 0) file.kind = 'sigma';
  else if (file.sentinelDocs.length > 0) file.kind = 'sentinel';
  else if (yaml.errors.length > 0 || truncation) file.kind = looksLikeRuleText(checked || text.slice(0, MAX_CHECKED_CHARS));
  return file;
}

function replacementOffsets(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) out.push(i);
  return out;
}
