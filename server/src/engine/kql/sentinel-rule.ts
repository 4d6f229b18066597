import { isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { Range } from '../core/position';
import type { SourceFile } from '../document/source';
import { mapPairs, nodeRange, resolve, scalarText, type YamlDocument } from '../document/yaml';

/** One top-level field of a Sentinel rule, with the ranges checks point at. */
interface SentinelField {
  key: string;
  keyRange: Range;
  node: Node | null;
  /** Range of the value, or of the key when the value is empty. */
  valueRange: Range;
  /** The scalar value as text (null for lists, maps, empty values). */
  text: string | null;
}

interface SentinelItem {
  value: string | null;
  range: Range;
}

/**
 * A Sentinel YAML document. `analytics`: a scheduled or NRT analytics rule (it has scheduling or
 * trigger fields, or `kind`); `hunting`: a hunting query, which needs far fewer fields.
 */
export interface SentinelRule {
  doc: YamlDocument;
  docIndex: number;
  fields: Map<string, SentinelField>;
  type: 'analytics' | 'hunting';
  /** `kind` as written (Scheduled, NRT), if any. */
  kind: string | null;
  range: Range;
}

/**
 * What makes Sentinel run a query on its own: the scheduling and trigger fields, or `kind`
 * (Scheduled, NRT). `severity` and `entityMappings` do not: Microsoft's hunting queries carry them
 * too (entity mappings feed the hunting blade's bookmarks).
 */
const ANALYTICS_KEYS = ['queryFrequency', 'queryPeriod', 'triggerOperator', 'triggerThreshold', 'kind'];

/** Azure-Sentinel keeps hunting queries under `Hunting Queries/` (also in solutions); whatever they carry, they are not scheduled. */
const HUNTING_FOLDER = /(^|[\\/])Hunting[ _-]?Quer(y|ies)[\\/]/i;

function sentinelRuleType(path: string, keys: { has(k: string): boolean }): 'analytics' | 'hunting' {
  if (HUNTING_FOLDER.test(path)) return 'hunting';
  return ANALYTICS_KEYS.some((k) => keys.has(k)) ? 'analytics' : 'hunting';
}

export function sentinelRules(file: SourceFile): SentinelRule[] {
  const out: SentinelRule[] = [];
  for (const doc of file.sentinelDocs) {
    if (!isMap(doc.contents)) continue;
    const fields = new Map<string, SentinelField>();
    for (const pair of mapPairs(doc.contents)) {
      const key = scalarText(pair.key);
      if (key === null) continue;
      const keyRange = nodeRange(pair.key as Node, file.index);
      const node = resolve(pair.value, doc);
      const empty = node === null || (isScalar(node) && (node as Scalar).value === null);
      fields.set(key, { key, keyRange, node, valueRange: empty ? keyRange : nodeRange(node, file.index, keyRange), text: scalarText(node) });
    }
    const type = sentinelRuleType(file.path, fields);
    out.push({
      doc,
      docIndex: file.yaml?.docs.indexOf(doc) ?? 0,
      fields,
      type,
      kind: fields.get('kind')?.text ?? null,
      range: nodeRange(doc.contents as Node, file.index),
    });
  }
  return out;
}

/** Items of a list field (`tactics`, `relevantTechniques`); a lone scalar counts as one item. */
export function listItems(file: SourceFile, rule: SentinelRule, key: string): SentinelItem[] | null {
  const f = rule.fields.get(key);
  if (!f || !f.node) return null;
  if (isSeq(f.node)) {
    return f.node.items.map((n) => {
      const r = resolve(n, rule.doc);
      return { value: scalarText(r), range: nodeRange(r, file.index, f.keyRange) };
    });
  }
  if (isScalar(f.node)) return [{ value: f.text, range: f.valueRange }];
  return null;
}

/**
 * Reads a Sentinel duration in minutes: ISO 8601 (`PT5H`, `P1D`, `P1DT2H`) as the REST API writes
 * it, or a Kusto-style timespan (`5m`, `1h`, `14d`) as Azure-Sentinel's YAML templates write it.
 */
export function durationMinutes(text: string): number | null {
  const t = text.trim();
  const kusto = /^(\d+(?:\.\d+)?)\s*(m|min|h|d)$/i.exec(t);
  if (kusto) {
    const n = Number(kusto[1]);
    const unit = kusto[2].toLowerCase();
    return unit === 'd' ? n * 1440 : unit === 'h' ? n * 60 : n;
  }
  const iso = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(t);
  if (iso && t.length > 1 && !/T$/i.test(t)) {
    const [, w, d, h, m, s] = iso;
    if (!w && !d && !h && !m && !s) return null;
    return Number(w ?? 0) * 10080 + Number(d ?? 0) * 1440 + Number(h ?? 0) * 60 + Number(m ?? 0) + Number(s ?? 0) / 60;
  }
  return null;
}
