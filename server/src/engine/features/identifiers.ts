import { rangeContains, type Position, type Range } from '../core/position';
import type { SourceFile } from '../document/source';
import { conditionReferences, patternToRegExp } from '../sigma/condition';
import type { SigmaRule } from '../sigma/model';

interface IdentifierHit {
  rule: SigmaRule;
  name: string;
  pattern: boolean;
  range: Range;
}

/** Every place a search identifier is named: its definition and each condition reference. */
function identifierOccurrences(file: SourceFile, rule: SigmaRule): { name: string; pattern: boolean; range: Range; definition: boolean }[] {
  const out: { name: string; pattern: boolean; range: Range; definition: boolean }[] = [];
  const det = rule.detection;
  if (!det) return out;
  for (const s of det.searches) out.push({ name: s.name, pattern: false, range: s.nameRange, definition: true });
  for (const c of det.conditions) {
    for (const ref of conditionReferences(c.ast)) {
      out.push({ name: ref.name, pattern: ref.pattern, range: file.index.range(c.map(ref.span.start), c.map(ref.span.end)), definition: false });
    }
  }
  return out;
}

export function identifierAt(file: SourceFile, pos: Position): IdentifierHit | null {
  for (const rule of file.sigma) {
    for (const o of identifierOccurrences(file, rule)) {
      if (rangeContains(o.range, pos)) return { rule, name: o.name, pattern: o.pattern, range: o.range };
    }
  }
  return null;
}

/** Definitions of the identifier (or all identifiers a pattern covers). */
export function definitionsOf(hit: IdentifierHit): Range[] {
  const searches = hit.rule.detection?.searches ?? [];
  if (hit.pattern) {
    const re = patternToRegExp(hit.name);
    return searches.filter((s) => re.test(s.name)).map((s) => s.nameRange);
  }
  return searches.filter((s) => s.name === hit.name).map((s) => s.nameRange);
}

/** Edits renaming a search identifier everywhere it is named exactly (patterns are left alone). */
export function renameEdits(file: SourceFile, hit: IdentifierHit, newName: string): { range: Range; newText: string }[] | null {
  if (hit.pattern) return null;
  return identifierOccurrences(file, hit.rule)
    .filter((o) => !o.pattern && o.name === hit.name)
    .map((o) => ({ range: o.range, newText: newName }));
}

export const VALID_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
