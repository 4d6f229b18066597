import type { Range } from '../core/position';
import type { SourceFile } from '../document/source';

export interface SymbolNode {
  name: string;
  detail?: string;
  kind: 'rule' | 'section' | 'selection' | 'filter' | 'condition' | 'field' | 'query';
  range: Range;
  selectionRange: Range;
  children: SymbolNode[];
}

/** Outline of a Sigma file: the rule, its detection, each search identifier (fields inside), the condition. */
export function documentSymbols(file: SourceFile): SymbolNode[] {
  const out: SymbolNode[] = [];
  for (const rule of file.sigma) {
    const children: SymbolNode[] = [];
    if (rule.logsource) {
      const ls = rule.logsource;
      const detail = [ls.product?.value, ls.category?.value, ls.service?.value].filter(Boolean).join(' / ');
      children.push({
        name: 'logsource',
        detail,
        kind: 'section',
        range: { start: ls.keyRange.start, end: ls.range.end },
        selectionRange: ls.keyRange,
        children: [],
      });
    }
    const det = rule.detection;
    if (det) {
      const detChildren: SymbolNode[] = det.searches.map((s) => ({
        name: s.name,
        kind: /^filter/i.test(s.name) ? 'filter' : 'selection',
        detail: s.shape === 'keywords' ? `${s.keywords.length} keywords` : s.groups.flatMap((g) => g.items.map((i) => i.key)).join(', '),
        range: { start: s.nameRange.start, end: s.range.end },
        selectionRange: s.nameRange,
        children: s.groups.flatMap((g) =>
          g.items.map((i): SymbolNode => ({
            name: i.key,
            kind: 'field',
            detail: `${i.values.length} value${i.values.length === 1 ? '' : 's'}`,
            range: { start: i.keyRange.start, end: i.valueRange.end },
            selectionRange: i.keyRange,
            children: [],
          })),
        ),
      }));
      for (const c of det.conditions) {
        const start = file.index.position(c.map(0));
        const end = file.index.position(c.map(c.text.length));
        // The range must contain the selection range (VS Code rejects the whole outline otherwise): start at the key.
        const key = det.conditionKeyRange;
        const from = key && (key.start.line < start.line || (key.start.line === start.line && key.start.character <= start.character)) ? key.start : start;
        detChildren.push({
          name: 'condition',
          detail: c.text,
          kind: 'condition',
          range: { start: from, end },
          selectionRange: key && from === key.start ? key : { start, end },
          children: [],
        });
      }
      children.push({
        name: 'detection',
        kind: 'section',
        range: { start: det.keyRange.start, end: det.range.end },
        selectionRange: det.keyRange,
        children: detChildren,
      });
    }
    const name = rule.title?.value ?? '(untitled rule)';
    out.push({
      name,
      detail: rule.type === 'detection' ? 'Sigma rule' : `Sigma ${rule.type}`,
      kind: 'rule',
      range: rule.range,
      selectionRange: rule.title?.range ?? rule.range,
      children,
    });
  }
  return out;
}
