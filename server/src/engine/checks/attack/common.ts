import type { Fix, TextEdit } from '../../core/diagnostic';
import type { LineIndex } from '../../core/position';
import type { AttackCatalog, Technique } from '../../attack/catalog';
import { DOMAIN_LABEL } from '../../attack/catalog';
import { attackMappings, type FileMappings, type MappedTag, type RuleMapping } from '../../attack/mapping';
import type { CheckContext } from '../check';

/** Runs `fn` for every rule of the file that has an ATT&CK mapping (Sigma or Sentinel). */
export function eachRule(ctx: CheckContext, fn: (rule: RuleMapping, m: FileMappings) => void): void {
  const m = attackMappings(ctx.file, ctx.config);
  for (const rule of m.rules) fn(rule, m);
}

/** `T1102.002 Web Service: Bidirectional Communication` */
export function label(catalog: AttackCatalog, t: Technique): string {
  return `${t.id} ${catalog.displayName(t)}`;
}

export function tacticList(catalog: AttackCatalog, t: Technique): string {
  return t.tactics.map((s) => `${s} (${catalog.tactic(t.domain, s)?.id ?? '?'})`).join(', ') + `, ${DOMAIN_LABEL[t.domain]}`;
}

export function replaceTag(tag: MappedTag, text: string): TextEdit {
  return { range: tag.item.inner, newText: text };
}

/** Deletes a block-list item with its line; null for flow lists, where a safe edit is harder than it is worth. */
export function removeTag(index: LineIndex, rule: RuleMapping, tag: MappedTag): TextEdit | null {
  const line = tag.item.range.start.line;
  const text = index.lineText(line);
  if (!/^\s*-\s/.test(text) || tag.item.range.end.line !== line) return null;
  if (rule.tags.filter((t) => t.list === tag.list).length <= 1) return null;
  const start = index.lineStart(line);
  const end = line + 1 < index.lineCount ? index.lineStart(line + 1) : index.lineEnd(line);
  return { range: index.range(start, end), newText: '' };
}

/** TA ids the rule tags, read in one domain. */
export function ruleTacticIds(catalog: AttackCatalog, rule: RuleMapping, t: Technique): Set<string> {
  const ids = new Set<string>();
  for (const tag of rule.tactics) {
    for (const id of tag.parsed.tactic ? catalog.tacticIds(t.domain, tag.parsed.tactic) : []) ids.add(id);
  }
  return ids;
}

/** Edits that add the tactics of `t` the rule lacks (first one only: one tactic is enough to agree). */
export function addMissingTactic(catalog: AttackCatalog, rule: RuleMapping, t: Technique): TextEdit[] {
  const have = ruleTacticIds(catalog, rule, t);
  if (catalog.techniqueTacticIds(t).some((id) => have.has(id))) return [];
  const first = t.tactics[0];
  const edit = first ? rule.addTactic(first) : null;
  return edit ? [edit] : [];
}

/**
 * Joins inserts at the same position into one edit: clients differ in how they order several
 * inserts at one point, one edit has one reading.
 */
export function mergeInserts(edits: TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const same = out.find(
      (o) =>
        o.range.start.line === e.range.start.line &&
        o.range.start.character === e.range.start.character &&
        o.range.end.line === e.range.end.line &&
        o.range.end.character === e.range.end.character &&
        o.range.start.line === o.range.end.line &&
        o.range.start.character === o.range.end.character,
    );
    if (same) same.newText += e.newText;
    else out.push({ ...e });
  }
  return out;
}

/** Fix that swaps a tag to another technique and, if needed, adds that technique's tactic. */
export function swapFix(catalog: AttackCatalog, rule: RuleMapping, tag: MappedTag, to: Technique, title: string, preferred = true): Fix {
  return { title, preferred, edits: mergeInserts([replaceTag(tag, rule.techniqueText(to.id)), ...addMissingTactic(catalog, rule, to)]) };
}
