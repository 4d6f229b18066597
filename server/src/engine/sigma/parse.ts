import type { Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { LineIndex, type Range } from '../core/position';
import { isMap, isScalar, isSeq, mapPairs, nodeRange, resolve, scalarText, type YamlDocument } from '../document/yaml';
import { parseCondition, type ConditionParse } from './condition';
import type { Detection, FieldGroup, FieldItem, Located, Logsource, SearchIdentifier, SigmaRule, SigmaRuleType, TopEntry, ValueEntry } from './model';

/** What kind of Sigma document a YAML document is, judged by content, not by file name. */
export function sigmaRuleType(doc: YamlDocument): SigmaRuleType | null {
  const contents = doc.contents;
  if (!isMap(contents)) return null;
  const keys = new Set<string>();
  for (const pair of mapPairs(contents)) {
    const k = scalarText(pair.key);
    if (k !== null) keys.add(k);
  }
  if (keys.has('correlation') && (keys.has('title') || keys.has('name'))) return 'correlation';
  if (keys.has('filter') && keys.has('logsource') && !keys.has('detection')) return 'filter';
  if (keys.has('detection') && keys.has('logsource')) return 'detection';
  // A rule being written: title plus one of the two sections is enough to start helping.
  if (keys.has('detection') && (keys.has('title') || keys.has('tags'))) return 'detection';
  if (keys.has('logsource') && keys.has('title') && keys.has('status')) return 'detection';
  return null;
}

function located(node: unknown, doc: YamlDocument, index: LineIndex): Located<string> | undefined {
  const n = resolve(node, doc);
  const text = scalarText(n);
  if (text === null || !n) return undefined;
  return { value: text, range: nodeRange(n, index) };
}

export function parseSigmaRule(doc: YamlDocument, docIndex: number, index: LineIndex, type: SigmaRuleType): SigmaRule {
  const root = doc.contents as YAMLMap;
  const entries = new Map<string, TopEntry>();
  const rule: SigmaRule = { type, docIndex, yaml: doc, range: nodeRange(root, index), entries, tags: [] };
  for (const pair of mapPairs(root)) {
    const key = scalarText(pair.key);
    if (key === null) continue;
    const keyNode = pair.key as Node;
    const valueNode = resolve(pair.value, doc);
    const keyRange = nodeRange(keyNode, index);
    const valueRange = valueNode ? nodeRange(valueNode, index) : keyRange;
    const value = valueNode ? valueNode.toJS(doc, { maxAliasCount: 1000 }) : null;
    const entry: TopEntry = { key, keyRange, valueRange, value };
    entries.set(key, entry);
    switch (key) {
      case 'title':
        rule.title = located(valueNode, doc, index);
        break;
      case 'id':
        rule.id = located(valueNode, doc, index);
        break;
      case 'tags':
        rule.tagsKeyRange = keyRange;
        if (valueNode && isSeq(valueNode)) {
          for (const item of (valueNode as YAMLSeq).items) {
            const tag = located(item, doc, index);
            if (tag) rule.tags.push(tag);
          }
        }
        break;
      case 'logsource':
        if (valueNode && isMap(valueNode)) rule.logsource = parseLogsource(valueNode as YAMLMap, keyRange, doc, index);
        break;
      case 'detection':
        if (valueNode && isMap(valueNode)) rule.detection = parseDetection(valueNode as YAMLMap, keyRange, doc, index);
        break;
      case 'correlation':
      case 'filter':
        rule.body = entry;
        break;
    }
  }
  return rule;
}

function parseLogsource(map: YAMLMap, keyRange: Range, doc: YamlDocument, index: LineIndex): Logsource {
  const ls: Logsource = { range: nodeRange(map, index), keyRange };
  for (const pair of mapPairs(map)) {
    const k = scalarText(pair.key);
    if (k === 'product' || k === 'category' || k === 'service' || k === 'definition') {
      const v = located(pair.value, doc, index);
      if (v) ls[k] = v;
    }
  }
  return ls;
}

function parseDetection(map: YAMLMap, keyRange: Range, doc: YamlDocument, index: LineIndex): Detection {
  const det: Detection = { range: nodeRange(map, index), keyRange, searches: [], conditions: [] };
  for (const pair of mapPairs(map)) {
    const name = scalarText(pair.key);
    if (name === null) continue;
    const nameRange = nodeRange(pair.key as Node, index);
    const value = resolve(pair.value, doc);
    if (name === 'condition') {
      det.conditionKeyRange = nameRange;
      const items = value && isSeq(value) ? (value as YAMLSeq).items.map((i) => resolve(i, doc)) : [value];
      for (const item of items) {
        if (item && isScalar(item) && typeof (item as Scalar).value === 'string') {
          det.conditions.push(conditionParse(item as Scalar, index));
        }
      }
      continue;
    }
    if (name === 'timeframe') {
      const tf = located(value, doc, index);
      if (tf) det.timeframe = tf;
      continue;
    }
    det.searches.push(parseSearch(name, nameRange, value, pair, doc, index));
  }
  return det;
}

function conditionParse(node: Scalar, index: LineIndex): ConditionParse {
  const text = String(node.value);
  const [start, end] = node.range ?? [0, 0];
  const source = index.text.slice(start, end);
  const map = alignOffsets(text, source, start);
  const parsed = parseCondition(text);
  return { text, map, ast: parsed.ast, tokens: parsed.tokens, error: parsed.error };
}

/**
 * Maps an offset in a scalar's value to an offset in the file, for plain, quoted, folded and
 * literal scalars alike: the value's characters appear in order in the source.
 */
function alignOffsets(value: string, source: string, base: number): (offset: number) => number {
  const direct = source.indexOf(value);
  if (direct >= 0) return (o) => base + direct + o;
  const table = new Int32Array(value.length + 1);
  let s = 0;
  for (let v = 0; v < value.length; v++) {
    const ch = value[v];
    let probe = s;
    while (probe < source.length && source[probe] !== ch) probe++;
    if (probe < source.length) s = probe;
    table[v] = s;
    if (probe < source.length) s++;
  }
  table[value.length] = s;
  return (o) => base + table[Math.max(0, Math.min(o, value.length))];
}

function parseSearch(name: string, nameRange: Range, value: Node | null, pair: Pair<unknown, unknown>, doc: YamlDocument, index: LineIndex): SearchIdentifier {
  const range = value ? nodeRange(value, index) : nameRange;
  const search: SearchIdentifier = { name, nameRange, range, shape: 'invalid', groups: [], keywords: [] };
  if (value && isMap(value)) {
    search.shape = 'map';
    search.groups.push(parseGroup(value as YAMLMap, doc, index));
  } else if (value && isSeq(value)) {
    const items = (value as YAMLSeq).items.map((i) => resolve(i, doc));
    if (items.length > 0 && items.every((i) => i && isMap(i))) {
      search.shape = 'maps';
      for (const i of items) search.groups.push(parseGroup(i as YAMLMap, doc, index));
    } else if (items.every((i) => !i || isScalar(i))) {
      search.shape = 'keywords';
      for (const i of items) search.keywords.push(valueEntry(i, doc, index, range));
    }
  } else if (value && isScalar(value)) {
    search.shape = 'keywords';
    search.keywords.push(valueEntry(value, doc, index, range));
  }
  void pair;
  return search;
}

function parseGroup(map: YAMLMap, doc: YamlDocument, index: LineIndex): FieldGroup {
  const group: FieldGroup = { range: nodeRange(map, index), items: [] };
  for (const pair of mapPairs(map)) {
    const keyNode = resolve(pair.key, doc);
    const key = scalarText(keyNode) ?? '';
    const keyRange = nodeRange(keyNode, index);
    const keyStart = keyNode?.range ? keyNode.range[0] : 0;
    const keySource = keyNode?.range ? index.text.slice(keyNode.range[0], keyNode.range[1]) : key;
    const map2 = alignOffsets(key, keySource, keyStart);
    const parts = key.split('|');
    const field = parts[0];
    const modifiers: Located<string>[] = [];
    let offset = field.length + 1;
    for (const m of parts.slice(1)) {
      modifiers.push({ value: m, range: index.range(map2(offset), map2(offset + m.length)) });
      offset += m.length + 1;
    }
    const value = resolve(pair.value, doc);
    const valueRange = value ? nodeRange(value, index) : keyRange;
    const item: FieldItem = {
      key,
      keyRange,
      field,
      fieldRange: index.range(map2(0), map2(field.length)),
      modifiers,
      values: [],
      valueIsList: false,
      valueRange,
    };
    if (value && isSeq(value)) {
      item.valueIsList = true;
      for (const v of (value as YAMLSeq).items) item.values.push(valueEntry(resolve(v, doc), doc, index, valueRange));
    } else {
      item.values.push(valueEntry(value, doc, index, valueRange));
    }
    group.items.push(item);
  }
  return group;
}

function valueEntry(node: Node | null, doc: YamlDocument, index: LineIndex, fallback: Range): ValueEntry {
  if (node && isScalar(node)) {
    const v = (node as Scalar).value;
    const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : v === null || v === undefined ? null : String(v);
    return { value, range: nodeRange(node, index, fallback) };
  }
  // Nested maps or lists inside a value are not valid Sigma; keep them as text so checks can say so.
  const js = node ? node.toJS(doc) : null;
  if (!node) return { value: null, range: fallback };
  return { value: JSON.stringify(js), range: nodeRange(node, index, fallback), nested: true };
}
