import { LineIndex } from '../core/position';
import type { SigmaRule } from '../sigma/model';
import { parseSigmaRule, sigmaRuleType } from '../sigma/parse';
import { parseYaml, topLevelKeys, type ParsedYaml, type YamlDocument } from './yaml';

export type DocumentKind = 'sigma' | 'sentinel' | 'kql' | 'other';

/** Files above this size are not parsed: they are reported, not silently skipped. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/**
 * One input file, parsed once and shared by every check. Format modules (KQL, Sentinel) attach
 * their parsed forms under `extra`, keyed by their own module name, so adding a format does not
 * touch this type.
 */
export interface SourceFile {
  path: string;
  text: string;
  index: LineIndex;
  kind: DocumentKind;
  /** Why the file could not be read as text, if so (binary, too large). */
  unreadable?: { reason: string; offset: number };
  yaml?: ParsedYaml;
  sigma: SigmaRule[];
  /** The YAML documents judged to be Sentinel analytics rules. */
  sentinelDocs: YamlDocument[];
  extra: Map<string, unknown>;
}

const KQL_EXTENSIONS = /\.(kql|csl|kusto)$/i;

export function isKqlPath(path: string): boolean {
  return KQL_EXTENSIONS.test(path);
}

/** A Sentinel analytics rule or hunting query: a KQL `query` plus Sentinel's own fields. */
export function isSentinelKeys(keys: Set<string>): boolean {
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

export function loadSource(path: string, text: string, sizeBytes = text.length): SourceFile {
  const file: SourceFile = { path, text, index: new LineIndex(text), kind: 'other', sigma: [], sentinelDocs: [], extra: new Map() };
  const nul = firstNul(text);
  if (nul >= 0) {
    file.unreadable = { reason: `binary content (NUL byte at offset ${nul}): not a text rule file`, offset: nul };
    file.text = '';
    file.index = new LineIndex('');
    return file;
  }
  if (sizeBytes > MAX_FILE_BYTES) {
    file.unreadable = { reason: `file is ${(sizeBytes / 1048576).toFixed(1)} MB, above the ${MAX_FILE_BYTES / 1048576} MB limit for rule files`, offset: 0 };
    return file;
  }
  if (isKqlPath(path)) {
    file.kind = 'kql';
    return file;
  }
  const yaml = parseYaml(text, file.index);
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
  else if (yaml.errors.length > 0) file.kind = looksLikeRuleText(text);
  return file;
}
