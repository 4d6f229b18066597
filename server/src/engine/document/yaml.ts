import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { Document, Node, ParsedNode, Pair, Scalar, YAMLMap } from 'yaml';
import { LineIndex, type Range } from '../core/position';
import { neutralizeAliases } from './aliases';

export type YamlDocument = Document.Parsed<ParsedNode>;

interface YamlProblem {
  message: string;
  range: Range;
  code: string;
  /** Text that fixes the problem when written over `range` (offered as a quick fix). */
  replacement?: string;
}

export interface ParsedYaml {
  docs: YamlDocument[];
  errors: YamlProblem[];
  warnings: YamlProblem[];
}

/**
 * Parses every YAML document of a file, keeping source offsets on each node. `text` may be a
 * prefix of `index.text` (the part within the limits); offsets are the same in both. Never throws
 * on input: alias problems and parser failures become errors, and aliases that would throw when a
 * document is converted to values are neutralised (document/aliases.ts).
 */
export function parseYaml(text: string, index: LineIndex): ParsedYaml {
  let docs;
  try {
    docs = parseDocuments(text);
  } catch (e) {
    // The limits (document/limits.ts) keep the parser's recursion shallow; this is the last line.
    const message = e instanceof RangeError ? 'the YAML is too deeply nested or too large to parse' : `the YAML parser failed: ${(e as Error).message}`;
    return { docs: [], errors: [{ message, code: 'PARSER_FAILED', range: index.range(0, 0) }], warnings: [] };
  }
  const list = (Array.isArray(docs) ? docs : [docs]) as YamlDocument[];
  const errors: YamlProblem[] = [];
  const warnings: YamlProblem[] = [];
  for (const doc of list) {
    for (const e of doc.errors) errors.push(problem(e.message, e.code, e.pos, index));
    for (const w of doc.warnings) warnings.push(problem(w.message, w.code, w.pos, index));
    for (const a of neutralizeAliases(doc, index.text))
      errors.push({ message: a.message, code: 'BAD_ALIAS', range: index.range(a.start, a.end), ...(a.replacement ? { replacement: a.replacement } : {}) });
  }
  return { docs: list, errors, warnings };
}

function parseDocuments(text: string): ReturnType<typeof parseAllDocuments> {
  return parseAllDocuments(text, {
    lineCounter: new LineCounter(),
    prettyErrors: false,
    uniqueKeys: true,
    keepSourceTokens: false,
  });
}

function problem(message: string, code: string, pos: [number, number], index: LineIndex): YamlProblem {
  const first = message.split('\n')[0];
  const end = pos[1] > pos[0] ? pos[1] : pos[0] + 1;
  return { message: first, code, range: index.range(pos[0], Math.min(end, index.text.length)) };
}

/** Follows aliases so an `*anchor` is read as the node it names. */
export function resolve(node: unknown, doc: YamlDocument): Node | null {
  let n = node as Node | null | undefined;
  let guard = 0;
  while (n && isAlias(n) && guard++ < 32) n = n.resolve(doc) as Node | undefined;
  return n ?? null;
}

export function nodeRange(node: Node | null | undefined, index: LineIndex, fallback?: Range): Range {
  if (node?.range) return index.range(node.range[0], node.range[1]);
  return fallback ?? index.range(0, 0);
}

export function mapPairs(map: YAMLMap): Pair<unknown, unknown>[] {
  return map.items as Pair<unknown, unknown>[];
}

export function scalarText(node: unknown): string | null {
  if (isScalar(node)) {
    const v = (node as Scalar).value;
    if (v === null || v === undefined) return null;
    return typeof v === 'string' ? v : String(v);
  }
  return null;
}

/** Top-level keys of a mapping document, plain JS, for cheap classification. */
export function topLevelKeys(doc: YamlDocument): Set<string> {
  const keys = new Set<string>();
  if (isMap(doc.contents)) {
    for (const pair of mapPairs(doc.contents)) {
      const k = scalarText(pair.key);
      if (k !== null) keys.add(k);
    }
  }
  return keys;
}

export { isMap, isScalar, isSeq };
