import { isAlias, isMap, isPair, isSeq, Scalar } from 'yaml';
import type { Alias, Node } from 'yaml';

/** More nodes than this once aliases are expanded is a "billion laughs" structure, not a rule. */
export const MAX_ALIAS_EXPANSION = 100_000;

interface AliasProblem {
  /** Source offsets of the alias the problem is reported on. */
  start: number;
  end: number;
  message: string;
  /** What to write instead (an unresolved alias meant as a value: the quoted text). */
  replacement?: string;
}

interface Slot {
  node: Alias;
  set(n: Node): void;
}

type Doc = { contents: unknown };

/**
 * Finds aliases the `yaml` package would throw on when a document is converted to plain values
 * (an alias with no anchor before it; expansion past MAX_ALIAS_EXPANSION) and replaces each alias
 * of such a document with a plain scalar of its own text. The document stays usable by every
 * check, the problem becomes a finding, and nothing later can throw on it. Iterative: documents
 * can be deep or wide.
 */
export function neutralizeAliases(doc: Doc, text: string): AliasProblem[] {
  const slots: Slot[] = [];
  const anchored = new Map<string, Node>();
  const problems: AliasProblem[] = [];
  const stack: { node: unknown; set: (n: Node) => void }[] = [{ node: doc.contents, set: (n) => (doc.contents = n) }];
  while (stack.length > 0) {
    const { node, set } = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    if (isAlias(node)) {
      slots.push({ node, set });
      if (!anchored.has(node.source)) problems.push(unresolved(node, text));
      continue;
    }
    const n = node as Node;
    if (n.anchor) anchored.set(n.anchor, n);
    const children: { node: unknown; set: (x: Node) => void }[] = [];
    if (isMap(node)) {
      for (const pair of node.items) {
        children.push({ node: pair.key, set: (x) => (pair.key = x) });
        children.push({ node: pair.value, set: (x) => (pair.value = x) });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        if (isPair(item)) {
          children.push({ node: item.key, set: (x) => (item.key = x) });
          children.push({ node: item.value, set: (x) => (item.value = x) });
        } else children.push({ node: item, set: (x) => (node.items[i] = x) });
      });
    }
    // Pushed in reverse so they are visited in source order: an anchor must come before its alias.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  if (slots.length === 0) return problems;
  if (problems.length === 0) {
    const bomb = expansionProblem(slots, anchored);
    if (bomb) problems.push(bomb);
  }
  // An unresolved `*foo*` was meant as the text itself; a bomb's aliases mean nothing worth checking.
  const unresolvedOnly = problems.every((p) => p.replacement !== undefined);
  if (problems.length > 0) for (const s of slots) s.set(plainScalar(s.node, unresolvedOnly ? text : null));
  return problems;
}

function unresolved(node: Alias, text: string): AliasProblem {
  const [start, end] = node.range ?? [0, 0];
  const written = text.slice(start, end).trimEnd() || `*${node.source}`;
  return {
    start,
    end: start + written.length,
    message: `${written} is read as a YAML alias, and no anchor &${node.source} comes before it: a value starting with \`*\` must be quoted ('${written.replace(/'/g, "''")}')`,
    replacement: `'${written.replace(/'/g, "''")}'`,
  };
}

/** Counts the nodes each anchor expands to (memoised per anchor) and reports the first alias past the limit. */
function expansionProblem(slots: Slot[], anchored: Map<string, Node>): AliasProblem | undefined {
  const size = new Map<Node, number>();
  // Aliases inside anchors inside anchors...: past this many levels it is an attack, not a rule.
  const sizeOf = (root: Node, depth: number): number => {
    const known = size.get(root);
    if (known !== undefined) return known;
    if (depth > 64) return MAX_ALIAS_EXPANSION + 1;
    size.set(root, MAX_ALIAS_EXPANSION + 1); // a cycle counts as unbounded
    let total = 0;
    const stack: unknown[] = [root];
    while (stack.length > 0 && total <= MAX_ALIAS_EXPANSION) {
      const n = stack.pop();
      if (!n || typeof n !== 'object') continue;
      total++;
      if (isAlias(n)) {
        const target = anchored.get(n.source);
        if (target) total += sizeOf(target, depth + 1);
      } else if (isMap(n) || isSeq(n)) {
        for (const item of n.items) {
          if (isPair(item)) stack.push(item.key, item.value);
          else stack.push(item);
        }
      }
    }
    size.set(root, total);
    return total;
  };
  let total = 0;
  for (const s of slots) {
    const target = anchored.get(s.node.source);
    total += target ? sizeOf(target, 0) : 1;
    if (total > MAX_ALIAS_EXPANSION) {
      const [start, end] = s.node.range ?? [0, 0];
      return {
        start,
        end,
        message: `YAML aliases expand to more than ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} values (a "billion laughs" structure): the aliases of this document are not expanded`,
      };
    }
  }
  return undefined;
}

function plainScalar(node: Alias, text: string | null): Scalar {
  const [start, end] = node.range ?? [0, 0];
  const s = new Scalar(text === null ? null : text.slice(start, end).trimEnd() || `*${node.source}`);
  s.type = Scalar.PLAIN;
  if (node.range) s.range = node.range;
  return s;
}
