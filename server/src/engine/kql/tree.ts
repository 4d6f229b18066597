import type { KElement, KustoApi } from './library';

/**
 * Kusto's syntax tree copied into plain objects: the rest of the engine (domain extraction,
 * preview, completion) reads this, typed, without touching the Bridge.NET objects.
 * Offsets are into the query text; `start` excludes leading trivia (spaces, comments).
 */
export interface KqlNode {
  /** Kusto SyntaxKind name: `HasAnyExpression`, `StringLiteralToken`, `FilterOperator`... */
  kind: string;
  /** The child's name in its parent (`Left`, `Operator`, `Right`, `Expression`...), or ''. */
  role: string;
  start: number;
  end: number;
  token: boolean;
  /** Inserted by the parser to recover from an error. */
  missing: boolean;
  /** Tokens: the source text. */
  text?: string;
  /** String literal tokens: the value (quotes and escapes resolved). */
  value?: string;
  children: KqlNode[];
  parent: KqlNode | null;
}

export function toPlainTree(api: KustoApi, root: KElement): KqlNode {
  const convert = (e: KElement, parent: KqlNode | null): KqlNode => {
    const node: KqlNode = {
      kind: api.kindName(e.Kind),
      role: e.NameInParent ?? '',
      start: e.TextStart,
      end: e.End,
      token: e.IsToken,
      missing: e.IsMissing,
      children: [],
      parent,
    };
    if (e.IsToken) {
      node.text = e.Text ?? '';
      if (node.kind === 'StringLiteralToken') node.value = e.ValueText ?? '';
      return node;
    }
    for (let i = 0; i < e.ChildCount; i++) {
      const c = e.GetChild(i);
      if (c) node.children.push(convert(c, node));
    }
    return node;
  };
  return convert(root, null);
}

export function child(node: KqlNode, role: string): KqlNode | undefined {
  return node.children.find((c) => c.role === role);
}

export function walk(node: KqlNode, visit: (n: KqlNode) => void | false): void {
  if (visit(node) === false) return;
  for (const c of node.children) walk(c, visit);
}

/** All descendants (and the node itself) of a kind. */
export function descendants(node: KqlNode, kind: string | ((k: string) => boolean)): KqlNode[] {
  const out: KqlNode[] = [];
  const test = typeof kind === 'string' ? (k: string) => k === kind : kind;
  walk(node, (n) => {
    if (test(n.kind)) out.push(n);
  });
  return out;
}

/** The source text of a node (from the query text). */
export function nodeText(text: string, node: KqlNode): string {
  return text.slice(node.start, node.end);
}

/** The deepest node containing an offset. */
export function nodeAt(root: KqlNode, offset: number): KqlNode {
  let cur = root;
  for (;;) {
    // Prefer the child that strictly contains the offset; at a boundary, the one ending there.
    const next =
      cur.children.find((c) => c.start <= offset && offset < c.end) ?? cur.children.find((c) => c.start <= offset && offset <= c.end && c.end > c.start);
    if (!next) return cur;
    cur = next;
  }
}

/**
 * Elements of a parenthesised or bracketed list: `(a, b)`, `dynamic([a, b])` — the
 * `SeparatedElement` wrappers removed. Given a `List` node, its own elements.
 */
export function listItems(node: KqlNode): KqlNode[] {
  const list = node.kind === 'List' ? node : node.children.find((c) => c.kind === 'List');
  if (!list) return [];
  return list.children
    .map((sep) => (sep.kind === 'SeparatedElement' ? sep.children.find((c) => !c.token || c.kind !== 'CommaToken') : sep))
    .filter((x): x is KqlNode => !!x);
}
