import type { Node, Scalar, YAMLSeq } from 'yaml';
import type { TextEdit } from '../core/diagnostic';
import type { LineIndex, Range } from '../core/position';
import { isMap, isScalar, isSeq, mapPairs, nodeRange, resolve, scalarText, type YamlDocument } from '../document/yaml';

export interface ListItem {
  value: string;
  /** The whole scalar, quotes included. */
  range: Range;
  /** The text inside quotes: what a fix replaces, so quoting style is kept. */
  inner: Range;
}

/** A top-level YAML list (tags, tactics, relevantTechniques) with what is needed to edit it. */
interface YamlList {
  key: string;
  keyRange?: Range;
  items: ListItem[];
  flow: boolean;
  /** The value node, when present. */
  valueRange?: Range;
  /** The value is a single scalar rather than a list. */
  scalar: boolean;
}

function itemOf(node: unknown, doc: YamlDocument, index: LineIndex): ListItem | undefined {
  const n = resolve(node, doc);
  const value = scalarText(n);
  if (value === null || !n?.range) return undefined;
  const [start, end] = n.range;
  const quoted = isScalar(n) && ((n as Scalar).type === 'QUOTE_DOUBLE' || (n as Scalar).type === 'QUOTE_SINGLE');
  return { value, range: index.range(start, end), inner: quoted ? index.range(start + 1, Math.max(start + 1, end - 1)) : index.range(start, end) };
}

export function readList(doc: YamlDocument, key: string, index: LineIndex): YamlList | undefined {
  if (!isMap(doc.contents)) return undefined;
  for (const pair of mapPairs(doc.contents)) {
    if (scalarText(pair.key) !== key) continue;
    const keyRange = nodeRange(pair.key as Node, index);
    const value = resolve(pair.value, doc);
    const list: YamlList = { key, keyRange, items: [], flow: false, scalar: false };
    if (!value) return list;
    list.valueRange = nodeRange(value, index);
    if (isSeq(value)) {
      list.flow = (value as YAMLSeq).flow === true;
      for (const item of (value as YAMLSeq).items) {
        const it = itemOf(item, doc, index);
        if (it) list.items.push(it);
      }
    } else if (isScalar(value)) {
      const it = itemOf(value, doc, index);
      if (it && it.value.trim() !== '') {
        list.items.push(it);
        list.scalar = true;
      }
    }
    return list;
  }
  return undefined;
}

/** Top-level key range of a document, to insert a missing list before it. */
export function topKeyRange(doc: YamlDocument, key: string, index: LineIndex): Range | undefined {
  if (!isMap(doc.contents)) return undefined;
  for (const pair of mapPairs(doc.contents)) if (scalarText(pair.key) === key) return nodeRange(pair.key as Node, index);
  return undefined;
}

/**
 * The edit that appends `text` to a list, in the list's own style (block or flow, same indent).
 * A missing list is created before `anchor` (a top-level key line). Null when no safe edit exists.
 */
export function appendToList(
  index: LineIndex,
  list: YamlList | undefined,
  key: string,
  text: string,
  anchor: Range | undefined,
  indentWidth: number,
): TextEdit | null {
  if (list && list.scalar) return null;
  if (list && list.items.length > 0) {
    const last = list.items[list.items.length - 1];
    if (list.flow) return { range: { start: last.range.end, end: last.range.end }, newText: `, ${text}` };
    const lineText = index.lineText(last.range.start.line);
    const dash = lineText.slice(0, last.range.start.character).lastIndexOf('-');
    if (dash < 0) return null;
    const at = index.position(index.lineEnd(last.range.end.line));
    return { range: { start: at, end: at }, newText: `\n${lineText.slice(0, dash)}- ${text}` };
  }
  if (list && list.flow && list.valueRange) {
    const inside = { line: list.valueRange.start.line, character: list.valueRange.start.character + 1 };
    return { range: { start: inside, end: inside }, newText: text };
  }
  if (list?.keyRange) {
    const at = index.position(index.lineEnd(list.keyRange.start.line));
    const pad = ' '.repeat(list.keyRange.start.character + indentWidth);
    return { range: { start: at, end: at }, newText: `\n${pad}- ${text}` };
  }
  if (anchor) {
    const at = { line: anchor.start.line, character: 0 };
    const pad = ' '.repeat(anchor.start.character);
    return { range: { start: at, end: at }, newText: `${pad}${key}:\n${pad}${' '.repeat(indentWidth)}- ${text}\n` };
  }
  return null;
}
