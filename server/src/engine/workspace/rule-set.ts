import { basename } from 'node:path';

/**
 * What the rule files of one run declare at top level (ids, titles, file names), read cheaply
 * from text like `declaredRuleRefs`, so checks can find duplicates across a rule set without
 * parsing every file twice. Built by the CLI from its inputs (and from `--workspace-files`, the
 * editor's whole workspace when it checks in batches).
 */
export interface RuleSetPlace {
  path: string;
  /** 0-based line of the declaration. */
  line: number;
  /** The file's rule is `status: deprecated` or `unsupported`: kept for history, not deployed. */
  retired: boolean;
}

export interface RuleSetIndex {
  ids: ReadonlyMap<string, readonly RuleSetPlace[]>;
  titles: ReadonlyMap<string, readonly RuleSetPlace[]>;
  fileNames: ReadonlyMap<string, readonly RuleSetPlace[]>;
}

export type RuleSetKey = keyof RuleSetIndex;

const TOP_LEVEL = /^(id|title)[ \t]*:[ \t]*(['"]?)([^\r\n]*?)\2[ \t]*(?:#.*)?$/gm;
/** A Sigma rule, correlation or filter document: the only files the set is about. */
const SIGMA_BODY = /^(?:detection|correlation|filter)[ \t]*:/m;
const RETIRED = /^status[ \t]*:[ \t]*['"]?(?:deprecated|unsupported)\b/m;

/** How two declarations are compared: ids and titles ignoring case and runs of spaces, file names ignoring case. */
function ruleSetKey(kind: RuleSetKey, value: string): string {
  const v = kind === 'fileNames' ? basename(value) : value;
  return v.trim().replace(/\s+/g, ' ').toLowerCase();
}

function add(map: Map<string, RuleSetPlace[]>, key: string, place: RuleSetPlace): void {
  if (key === '') return;
  const list = map.get(key) ?? [];
  list.push(place);
  map.set(key, list);
}

function lineAt(text: string, offset: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export function buildRuleSetIndex(files: Iterable<{ path: string; text: string }>): RuleSetIndex {
  const ids = new Map<string, RuleSetPlace[]>();
  const titles = new Map<string, RuleSetPlace[]>();
  const fileNames = new Map<string, RuleSetPlace[]>();
  const seen = new Set<string>();
  for (const { path, text } of files) {
    // A file given twice (inputs and --workspace-files) counts once.
    if (seen.has(path) || !SIGMA_BODY.test(text)) continue;
    seen.add(path);
    const retired = RETIRED.test(text);
    add(fileNames, ruleSetKey('fileNames', path), { path, line: 0, retired });
    for (const m of text.matchAll(TOP_LEVEL))
      add(m[1] === 'id' ? ids : titles, ruleSetKey(m[1] === 'id' ? 'ids' : 'titles', m[3]), { path, line: lineAt(text, m.index ?? 0), retired });
  }
  return { ids, titles, fileNames };
}

/** The other places that declare the same key: every place but `self` (same path and line). */
export function otherPlaces(index: RuleSetIndex, kind: RuleSetKey, value: string, self: Omit<RuleSetPlace, 'retired'>): RuleSetPlace[] {
  const places = index[kind].get(ruleSetKey(kind, value)) ?? [];
  return places.filter((p) => !(p.path === self.path && (kind === 'fileNames' || p.line === self.line)));
}
