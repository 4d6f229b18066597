import { patternToRegExp, type ConditionNode } from '../sigma/condition';
import type { SearchIdentifier, SigmaRule } from '../sigma/model';
import { isNarrowingField } from './fields';

/**
 * How each search identifier takes part in a rule's condition: does a hit make the rule fire or
 * exclude the event, and which narrow (process or application) selections must hold with it.
 */
interface SearchRole {
  polarity: 'match' | 'exclude' | 'unknown';
  /** Names of searches that are always ANDed with this one, positively. */
  andedWith: Set<string>;
}

export function searchRoles(rule: SigmaRule): Map<string, SearchRole> {
  const out = new Map<string, SearchRole>();
  const det = rule.detection;
  if (!det) return out;
  const names = det.searches.map((s) => s.name);
  const resolve = (pattern: string): string[] => {
    const re = patternToRegExp(pattern);
    return names.filter((n) => re.test(n));
  };
  const targets = (n: Extract<ConditionNode, { type: 'of' }>): string[] =>
    n.target.kind === 'them' ? names.filter((x) => !x.startsWith('_')) : resolve(n.target.pattern);
  /** Searches that must all be true for `n` to be true (positively), used to describe narrowing. */
  const required = (n: ConditionNode): string[] => {
    switch (n.type) {
      case 'id':
        return [n.name];
      case 'and':
        return [...required(n.left), ...required(n.right)];
      case 'of': {
        const t = targets(n);
        if (n.quantifier === 'all') return t;
        return t.length === 1 ? t : [];
      }
      default:
        return []; // or / not: nothing is guaranteed
    }
  };
  const visit = (n: ConditionNode, negated: boolean, anded: string[]): void => {
    const note = (name: string, extra: string[]): void => {
      const role: SearchRole = out.get(name) ?? { polarity: negated ? 'exclude' : 'match', andedWith: new Set() };
      // A search used both ways counts as a match: its broad entries can still make the rule fire.
      if (!negated) role.polarity = 'match';
      if (!negated) for (const a of [...anded, ...extra]) if (a !== name) role.andedWith.add(a);
      out.set(name, role);
    };
    switch (n.type) {
      case 'id':
        note(n.name, []);
        return;
      case 'of': {
        const t = targets(n);
        for (const name of t) note(name, n.quantifier === 'all' ? t : []);
        return;
      }
      case 'not':
        visit(n.operand, !negated, []);
        return;
      case 'and':
        visit(n.left, negated, negated ? [] : [...anded, ...required(n.right)]);
        visit(n.right, negated, negated ? [] : [...anded, ...required(n.left)]);
        return;
      case 'or':
        visit(n.left, negated, anded);
        visit(n.right, negated, anded);
        return;
    }
  };
  for (const c of det.conditions) if (c.ast) visit(c.ast, false, []);
  if (det.conditions.length === 0 || det.conditions.some((c) => !c.ast)) {
    for (const name of names) if (!out.has(name)) out.set(name, { polarity: 'unknown', andedWith: new Set() });
  }
  return out;
}

/**
 * Describes the narrow selections of a search: "Image|endswith in selection_img" when every
 * alternative (group) of that search tests a process or application field.
 */
export function narrowingOf(search: SearchIdentifier): string | null {
  if (search.shape !== 'map' && search.shape !== 'maps') return null;
  if (search.groups.length === 0) return null;
  const keys: string[] = [];
  for (const g of search.groups) {
    const item = g.items.find((i) => isNarrowingField(i.field) && i.values.some((v) => v.value !== null && v.value !== ''));
    if (!item) return null;
    if (!keys.includes(item.key)) keys.push(item.key);
  }
  return `${keys.slice(0, 2).join(', ')} in ${search.name}`;
}
