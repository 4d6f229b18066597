import type { YAMLMap, YAMLSeq } from 'yaml';
import type { LineIndex } from '../../core/position';
import { isMap, isSeq, mapPairs, nodeRange, resolve, scalarText } from '../../document/yaml';
import type { Located, SigmaRule } from '../../sigma/model';

/** The scalar items of a top-level list (`references:`, `fields:`…), with their ranges. */
export function listItems(rule: SigmaRule, key: string, index: LineIndex): Located<string>[] {
  const root = rule.yaml.contents;
  if (!isMap(root)) return [];
  const pair = mapPairs(root as YAMLMap).find((p) => scalarText(p.key) === key);
  const seq = pair ? resolve(pair.value, rule.yaml) : null;
  if (!seq || !isSeq(seq)) return [];
  const out: Located<string>[] = [];
  for (const item of (seq as YAMLSeq).items) {
    const node = resolve(item, rule.yaml);
    const text = scalarText(node);
    if (text !== null && node) out.push({ value: text, range: nodeRange(node, index) });
  }
  return out;
}

/** The key/value pairs of a top-level mapping (`logsource:`), keys with their ranges. */
export function mapKeys(rule: SigmaRule, key: string, index: LineIndex): Located<string>[] {
  const root = rule.yaml.contents;
  if (!isMap(root)) return [];
  const pair = mapPairs(root as YAMLMap).find((p) => scalarText(p.key) === key);
  const map = pair ? resolve(pair.value, rule.yaml) : null;
  if (!map || !isMap(map)) return [];
  const out: Located<string>[] = [];
  for (const p of mapPairs(map as YAMLMap)) {
    const k = resolve(p.key, rule.yaml);
    const text = scalarText(k);
    if (text !== null && k) out.push({ value: text, range: nodeRange(k, index) });
  }
  return out;
}
