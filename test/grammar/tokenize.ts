/**
 * Tokenizes text with Tripline's grammars on top of VS Code's own YAML grammar (the files VS Code
 * 1.139 ships, vendored under fixtures/vscode-yaml), using the same engine as VS Code:
 * vscode-textmate with the Oniguruma WebAssembly build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as onig from 'vscode-oniguruma';
import * as tm from 'vscode-textmate';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURES = join(ROOT, 'test', 'grammar', 'fixtures', 'vscode-yaml');

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { grammars: Array<{ scopeName: string; path: string; injectTo?: string[] }> };
};

const FILES: Record<string, string> = {
  'source.yaml': join(FIXTURES, 'yaml.tmLanguage.json'),
  'source.yaml.1.3': join(FIXTURES, 'yaml-1.3.tmLanguage.json'),
  'source.yaml.1.2': join(FIXTURES, 'yaml-1.2.tmLanguage.json'),
  'source.yaml.1.1': join(FIXTURES, 'yaml-1.1.tmLanguage.json'),
  'source.yaml.1.0': join(FIXTURES, 'yaml-1.0.tmLanguage.json'),
  'source.yaml.embedded': join(FIXTURES, 'yaml-embedded.tmLanguage.json'),
};
// Tripline's grammars and injections exactly as package.json contributes them.
for (const g of pkg.contributes.grammars) FILES[g.scopeName] = join(ROOT, g.path);
const INJECTIONS = new Map<string, string[]>();
for (const g of pkg.contributes.grammars) for (const target of g.injectTo ?? []) INJECTIONS.set(target, [...(INJECTIONS.get(target) ?? []), g.scopeName]);

let wasmLoaded: Promise<void> | undefined;
const registries = new Map<boolean, tm.Registry>();

async function getRegistry(injections: boolean): Promise<tm.Registry> {
  wasmLoaded ??= (async () => {
    const wasm = readFileSync(join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  })();
  await wasmLoaded;
  let reg = registries.get(injections);
  if (!reg) {
    reg = new tm.Registry({
      onigLib: Promise.resolve({ createOnigScanner: (s: string[]) => new onig.OnigScanner(s), createOnigString: (s: string) => new onig.OnigString(s) }),
      loadGrammar: async (scope) => (FILES[scope] ? tm.parseRawGrammar(readFileSync(FILES[scope], 'utf8'), FILES[scope]) : null),
      getInjections: (scope) => (injections ? INJECTIONS.get(scope) : undefined),
    });
    registries.set(injections, reg);
  }
  return reg;
}

interface Token {
  /** 0-based line. */
  line: number;
  text: string;
  scopes: string[];
}

/** `injections: false` tokenizes with VS Code's YAML grammar alone, for comparison. */
export async function tokenize(text: string, scope = 'source.yaml', injections = true): Promise<Token[]> {
  const reg = await getRegistry(injections);
  const grammar = await reg.loadGrammar(scope);
  if (!grammar) throw new Error(`grammar ${scope} not found`);
  const out: Token[] = [];
  let state = tm.INITIAL;
  text.split(/\r?\n/).forEach((lineText, line) => {
    const r = grammar.tokenizeLine(lineText, state);
    for (const t of r.tokens) out.push({ line, text: lineText.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = r.ruleStack;
  });
  return out;
}

/** The tokens whose text is `text` on lines containing `lineIncludes`. */
export function find(tokens: Token[], lines: string[], lineIncludes: string, text: string): Token[] {
  const found = tokens.filter((t) => lines[t.line].includes(lineIncludes) && t.text === text);
  if (found.length === 0) {
    const onLine = tokens.filter((t) => lines[t.line].includes(lineIncludes)).map((t) => JSON.stringify(t.text));
    throw new Error(`no token ${JSON.stringify(text)} on a line containing ${JSON.stringify(lineIncludes)}; tokens there: ${onLine.join(' ')}`);
  }
  return found;
}

/** Asserts-friendly: the innermost scope of the one token `text` on the line. */
export function scopeOf(tokens: Token[], lines: string[], lineIncludes: string, text: string): string {
  return find(tokens, lines, lineIncludes, text)[0].scopes.join(' ');
}
