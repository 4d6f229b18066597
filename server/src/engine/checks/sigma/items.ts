import type { TextEdit } from '../../core/diagnostic';
import type { LineIndex, Range } from '../../core/position';
import type { FieldItem, Located, SearchIdentifier, SigmaRule, ValueEntry } from '../../sigma/model';
import type { CheckContext } from '../check';

/** Calls `fn` for every field item (`Field|mods: values`) of every detection in the file. */
export function eachItem(ctx: CheckContext, fn: (item: FieldItem, rule: SigmaRule, search: SearchIdentifier) => void): void {
  for (const rule of ctx.file.sigma) {
    for (const search of rule.detection?.searches ?? []) {
      for (const group of search.groups) for (const item of group.items) fn(item, rule, search);
    }
  }
}

/** Every scalar value of a detection (field values and keywords), with the item it belongs to if any. */
export function eachValue(ctx: CheckContext, fn: (value: ValueEntry, item: FieldItem | null) => void): void {
  for (const rule of ctx.file.sigma) {
    for (const search of rule.detection?.searches ?? []) {
      for (const kw of search.keywords) fn(kw, null);
      for (const group of search.groups) for (const item of group.items) for (const v of item.values) fn(v, item);
    }
  }
}

/** Deletes `|name` from a key: the modifier and the pipe before it. */
export function removeModifier(index: LineIndex, m: Located<string>): TextEdit {
  const start = index.offset(m.range.start) - 1;
  return { range: index.range(start, index.offset(m.range.end)), newText: '' };
}

/** The range of a scalar without its quotes; null for block scalars (`|`, `>`), where edits are not worth the risk. */
export function innerRange(index: LineIndex, range: Range): Range | null {
  const start = index.offset(range.start);
  const end = index.offset(range.end);
  const first = index.text[start];
  if (first === '|' || first === '>') return null;
  if ((first === "'" || first === '"') && end - start >= 2 && index.text[end - 1] === first) return index.range(start + 1, end - 1);
  return range;
}

/** Deletes a one-line block-list item with its line; null when the item is not alone on its line. */
export function removeListLine(index: LineIndex, range: Range): TextEdit | null {
  const line = range.start.line;
  if (range.end.line !== line || !/^\s*-\s/.test(index.lineText(line))) return null;
  const start = index.lineStart(line);
  const end = line + 1 < index.lineCount ? index.lineStart(line + 1) : index.lineEnd(line);
  return { range: index.range(start, end), newText: '' };
}
