import type { TextEdit } from '../core/diagnostic';
import type { Range } from '../core/position';
import type { TriplineConfig } from '../config/config';
import type { SourceFile } from '../document/source';
import { scalarText, type YamlDocument } from '../document/yaml';
import type { AttackCatalog } from './catalog';
import type { AttackDomain } from './data';
import { catalogFor } from './load';
import { logsourcePlatform, type PlatformFamily } from './platform';
import { ruleLogic, type RuleLogic } from './rule-logic';
import { parseSigmaTag, sentinelTacticName, sigmaTechniqueTag, type ParsedTag } from './tags';
import { appendToList, readList, topKeyRange, type ListItem } from './yaml-list';

type ListName = 'tags' | 'tactics' | 'relevantTechniques';

export interface MappedTag {
  item: ListItem;
  parsed: ParsedTag;
  list: ListName;
}

/**
 * A rule's ATT&CK mapping, the same shape for Sigma tags and Sentinel `tactics`/`relevantTechniques`,
 * so one check module serves both formats. Fixes are built here, in the rule's own spelling.
 */
export interface RuleMapping {
  format: 'sigma' | 'sentinel';
  title?: string;
  /** 0-based line where the rule starts. */
  line: number;
  tags: MappedTag[];
  techniques: MappedTag[];
  tactics: MappedTag[];
  platform: PlatformFamily;
  /** The rule reads the victim's telemetry (a detection rule or analytics query, not a correlation). */
  readsTelemetry: boolean;
  logic: RuleLogic;
  /** How this format writes a technique / tactic. */
  techniqueText(id: string): string;
  tacticText(shortname: string): string;
  addTechnique(id: string): TextEdit | null;
  addTactic(shortname: string): TextEdit | null;
  /** The domain the rule's own data implies (Mobile when its logsource is Android/iOS). */
  domainHint: AttackDomain | undefined;
}

export interface FileMappings {
  catalog: AttackCatalog;
  problem?: string;
  rules: RuleMapping[];
}

/** Built once per analysed file and shared by the checks and the editor features. */
export function attackMappings(file: SourceFile, config: TriplineConfig): FileMappings {
  const cached = file.slots.attack;
  if (cached) return cached;
  const { catalog, problem } = catalogFor(config);
  const rules: RuleMapping[] = [];
  if (file.kind === 'sigma') {
    for (const rule of file.sigma) {
      const list = readList(rule.yaml, 'tags', file.index);
      const anchor =
        topKeyRange(rule.yaml, 'logsource', file.index) ?? topKeyRange(rule.yaml, 'detection', file.index) ?? topKeyRange(rule.yaml, 'correlation', file.index);
      const tags = (list?.items ?? []).map((item): MappedTag => ({ item, parsed: parseSigmaTag(item.value, catalog), list: 'tags' }));
      const platform = rule.type === 'detection' ? logsourcePlatform(rule.logsource) : 'unknown';
      rules.push(
        finish({
          format: 'sigma',
          title: rule.title?.value,
          line: rule.range.start.line,
          tags,
          platform,
          readsTelemetry: rule.type === 'detection' && rule.detection !== undefined,
          logic: ruleLogic(file, rule),
          techniqueText: sigmaTechniqueTag,
          tacticText: (s) => `attack.${s}`,
          addTechnique: (id) => appendToList(file.index, list, 'tags', sigmaTechniqueTag(id), anchor, 4),
          addTactic: (s) => appendToList(file.index, list, 'tags', `attack.${s}`, anchor, 4),
          domainHint: platform === 'mobile' ? 'mobile-attack' : platform === 'desktop' ? 'enterprise-attack' : undefined,
        }),
      );
    }
  } else if (file.kind === 'sentinel') {
    for (const doc of file.sentinelDocs) rules.push(sentinelMapping(file, doc, catalog));
  }
  const out: FileMappings = { catalog, rules, ...(problem ? { problem } : {}) };
  file.slots.attack = out;
  return out;
}

function finish(m: Omit<RuleMapping, 'techniques' | 'tactics'>): RuleMapping {
  return { ...m, techniques: m.tags.filter((t) => t.parsed.kind === 'technique'), tactics: m.tags.filter((t) => t.parsed.kind === 'tactic') };
}

function parseSentinelTechnique(raw: string): ParsedTag {
  const m = /^\s*t(\d{4})(?:[._\-/](\d{3}))?\s*$/i.exec(raw);
  if (!m) return { kind: 'attack-other', raw };
  const id = `T${m[1]}${m[2] ? '.' + m[2] : ''}`;
  return {
    kind: 'technique',
    raw,
    techniqueId: id,
    ...(id !== raw ? { canonical: id, formatIssue: 'Sentinel technique ids are written T1234.001 (capital T, dot before the sub-technique)' } : {}),
  };
}

function parseSentinelTactic(raw: string, catalog: AttackCatalog, analytics: boolean): ParsedTag {
  const shortname = catalog.looseTactic(raw);
  if (!shortname) return { kind: 'attack-other', raw };
  const canonical = sentinelTacticName(shortname);
  if (canonical === raw) return { kind: 'tactic', raw, tactic: shortname };
  // Sentinel compares tactics without regard to case, so a case slip is cosmetic. Analytics rules
  // must use the PascalCase names; hunting queries are not validated, and many write "Initial access".
  const caseOnly = canonical.toLowerCase() === raw.toLowerCase();
  const cosmetic = caseOnly || !analytics;
  return {
    kind: 'tactic',
    raw,
    tactic: shortname,
    canonical,
    formatIssue: caseOnly ? 'Sentinel spells tactics in PascalCase' : 'Sentinel tactics are written in PascalCase without spaces',
    ...(cosmetic ? { formatSeverity: 'hint' as const } : {}),
  };
}

function sentinelMapping(file: SourceFile, doc: YamlDocument, catalog: AttackCatalog): RuleMapping {
  const techniques = readList(doc, 'relevantTechniques', file.index);
  const tactics = readList(doc, 'tactics', file.index);
  const analytics = docValue(doc, 'queryFrequency') !== null || docValue(doc, 'triggerOperator') !== null || docValue(doc, 'kind') !== null;
  const tags: MappedTag[] = [
    ...(tactics?.items ?? []).map((item): MappedTag => ({ item, parsed: parseSentinelTactic(item.value, catalog, analytics), list: 'tactics' })),
    ...(techniques?.items ?? []).map((item): MappedTag => ({ item, parsed: parseSentinelTechnique(item.value), list: 'relevantTechniques' })),
  ];
  const anchor = topKeyRange(doc, 'query', file.index);
  const titleNode = docValue(doc, 'name');
  const start = doc.contents?.range?.[0] ?? 0;
  return finish({
    format: 'sentinel',
    title: titleNode ?? undefined,
    line: file.index.position(start).line,
    tags,
    platform: 'unknown',
    readsTelemetry: docValue(doc, 'query') !== null,
    logic: ruleLogic(file, undefined, docValue(doc, 'query') ?? ''),
    techniqueText: (id) => id,
    tacticText: sentinelTacticName,
    addTechnique: (id) => appendToList(file.index, techniques, 'relevantTechniques', id, anchor, 2),
    addTactic: (s) => appendToList(file.index, tactics, 'tactics', sentinelTacticName(s), techniques?.keyRange ?? anchor, 2),
    domainHint: undefined,
  });
}

function docValue(doc: YamlDocument, key: string): string | null {
  const contents = doc.contents as { items?: { key: unknown; value: unknown }[] } | null;
  for (const pair of contents?.items ?? []) if (scalarText(pair.key) === key) return scalarText(pair.value);
  return null;
}

/** The tag (technique or tactic) under a position, for hover. */
export function tagAt(m: FileMappings, pos: { line: number; character: number }): { rule: RuleMapping; tag: MappedTag } | null {
  for (const rule of m.rules) {
    for (const tag of rule.tags) {
      const r: Range = tag.item.range;
      if (pos.line < r.start.line || pos.line > r.end.line) continue;
      if (pos.line === r.start.line && pos.character < r.start.character) continue;
      if (pos.line === r.end.line && pos.character > r.end.character) continue;
      return { rule, tag };
    }
  }
  return null;
}
