// Unused-export check for `npm run lint`: every `export` of our TypeScript sources must be
// imported by another module (or be an entry point). An export only its own file uses is reported
// too: dropping the keyword keeps the module's surface honest.
//
// Why a script on the TypeScript API rather than knip or ts-prune: it reads exactly the programs
// our tsconfigs define (no second resolver to configure, no new dependency tree in the shared
// node_modules), resolves re-export chains with the type checker, and runs in one pass.
//
// Kept on purpose: entry points named below, and any declaration whose doc comment says `@public`.
// Usage: node scripts/unused-exports.mjs [--json | --fix]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Modules whose exports are called from outside TypeScript: VS Code, the bundler, mocha. */
const ENTRY_EXPORTS = new Map([
  ['client/src/extension.ts', ['activate', 'deactivate']],
  ['test/e2e/index.ts', ['run']],
]);

function readConfig(path) {
  const file = ts.readConfigFile(path, ts.sys.readFile);
  if (file.error) throw new Error(ts.flattenDiagnosticMessageText(file.error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(file.config, ts.sys, dirname(path));
}

/** One program over every source: the root project (server, shared, tests, scripts) plus the client. */
function createProgram() {
  const root = readConfig(join(ROOT, 'tsconfig.json'));
  const client = readConfig(join(ROOT, 'client', 'tsconfig.json'));
  const names = [...new Set([...root.fileNames, ...client.fileNames])];
  return ts.createProgram(names, { ...root.options, noEmit: true });
}

const rel = (file) => relative(ROOT, file).split('\\').join('/');
const ours = (sf) => !sf.isDeclarationFile && !rel(sf.fileName).startsWith('node_modules/') && !rel(sf.fileName).startsWith('..');

/** Marks a symbol and every alias on its way to the declaration (re-exports through index files). */
function markChain(checker, symbol, used) {
  let s = symbol;
  for (let i = 0; s && i < 20; i++) {
    used.add(s);
    if (!(s.flags & ts.SymbolFlags.Alias)) break;
    s = checker.getImmediateAliasedSymbol(s);
  }
}

function moduleSymbolOf(checker, specifier) {
  const sym = checker.getSymbolAtLocation(specifier);
  return sym && (sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym);
}

/** Every export of a module counts as used (namespace imports, require(), import()). */
function markModule(checker, moduleSymbol, used) {
  if (!moduleSymbol) return;
  for (const e of checker.getExportsOfModule(moduleSymbol)) markChain(checker, e, used);
}

function collectUses(checker, sf, used) {
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && node.importClause) {
      const clause = node.importClause;
      if (clause.name) markChain(checker, checker.getSymbolAtLocation(clause.name), used);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) markModule(checker, moduleSymbolOf(checker, node.moduleSpecifier), used);
      if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) markChain(checker, checker.getSymbolAtLocation(el.name), used);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && node.exportClause && ts.isNamedExports(node.exportClause)) {
      // `export { a } from './x'` uses x's `a` only if someone uses this re-export: the alias chain covers it.
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteralLike(node.arguments[0])) {
      const callee = node.expression;
      const dynamic = callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require');
      if (dynamic) markModule(checker, moduleSymbolOf(checker, node.arguments[0]), used);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && node.qualifier) {
      // `import('./x').Name` in a type position.
      markChain(checker, checker.getSymbolAtLocation(node.qualifier), used);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

/** Names the .mjs scripts take from compiled modules in out/ (`const { a } = require('../out/...')`). */
function scriptUses() {
  const names = new Set();
  for (const f of readdirSync(join(ROOT, 'scripts'))) {
    if (!f.endsWith('.mjs')) continue;
    const text = readFileSync(join(ROOT, 'scripts', f), 'utf8');
    if (!/(out\/)?(server|client|test)\//.test(text)) continue;
    for (const m of text.matchAll(/[A-Za-z_$][\w$]*/g)) names.add(m[0]);
  }
  return names;
}

function isPublic(decl) {
  return ts.getJSDocTags(decl).some((t) => t.tagName.text === 'public');
}

function findUnused() {
  const program = createProgram();
  const checker = program.getTypeChecker();
  const files = program.getSourceFiles().filter(ours);
  const used = new Set();
  for (const sf of files) collectUses(checker, sf, used);
  const fromScripts = scriptUses();
  const out = [];
  for (const sf of files) {
    const moduleSymbol = checker.getSymbolAtLocation(sf);
    if (!moduleSymbol) continue;
    const path = rel(sf.fileName);
    const entry = ENTRY_EXPORTS.get(path) ?? [];
    for (const e of checker.getExportsOfModule(moduleSymbol)) {
      const decl = e.declarations?.[0];
      // `export *` brings in another module's symbols: they are reported in their own file.
      if (!decl || decl.getSourceFile() !== sf) continue;
      if (used.has(e) || entry.includes(e.name) || fromScripts.has(e.name) || isPublic(decl)) continue;
      const { line } = sf.getLineAndCharacterOfPosition(decl.getStart());
      out.push({ path, line: line + 1, name: e.name, decl });
    }
  }
  return out.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
}

/**
 * `--fix`: drops the `export` keyword of unused declarations and unused names from re-export
 * lists. What was exported only to be unused altogether then shows up in tsc's noUnusedLocals.
 */
function fixEdits(unused) {
  const byFile = new Map();
  const add = (sf, start, end, text) => {
    if (!byFile.has(sf)) byFile.set(sf, []);
    byFile.get(sf).push({ start, end, text });
  };
  const clauses = new Map();
  for (const { decl } of unused) {
    const sf = decl.getSourceFile();
    if (ts.isExportSpecifier(decl)) {
      const clause = decl.parent;
      if (!clauses.has(clause)) clauses.set(clause, new Set());
      clauses.get(clause).add(decl);
      continue;
    }
    const holder = ts.isVariableDeclaration(decl) ? decl.parent.parent : decl;
    if (ts.isVariableStatement(holder) && holder.declarationList.declarations.length > 1) continue;
    const mods = ts.canHaveModifiers(holder) ? (ts.getModifiers(holder) ?? []) : [];
    const exp = mods.find((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exp || mods.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) continue;
    add(sf, exp.getStart(), mods[mods.indexOf(exp) + 1]?.getStart() ?? nextTokenStart(sf, exp.end), '');
  }
  for (const [clause, drop] of clauses) {
    const sf = clause.getSourceFile();
    const kept = clause.elements.filter((el) => !drop.has(el));
    const statement = clause.parent;
    if (kept.length > 0) add(sf, clause.getStart(), clause.getEnd(), `{ ${kept.map((el) => el.getText()).join(', ')} }`);
    else add(sf, statement.getFullStart(), statement.getEnd(), '');
  }
  return byFile;
}

function nextTokenStart(sf, pos) {
  let i = pos;
  while (i < sf.text.length && /\s/.test(sf.text[i])) i++;
  return i;
}

const unused = findUnused();
if (process.argv.includes('--fix')) {
  for (const [sf, edits] of fixEdits(unused)) {
    let text = sf.text;
    for (const e of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.text + text.slice(e.end);
    writeFileSync(sf.fileName, text);
  }
  console.log(`unused-exports: fixed ${unused.length} export(s); now run tsc for what became unused`);
  process.exit(0);
}
if (process.argv.includes('--json'))
  console.log(
    JSON.stringify(
      unused.map(({ decl, ...u }) => u),
      null,
      2,
    ),
  );
else for (const u of unused) console.log(`${u.path}:${u.line}: '${u.name}' is exported but no other module imports it`);
if (unused.length > 0) {
  console.error(`unused-exports: ${unused.length} unused export(s); remove \`export\` (or the code), or mark a deliberate API with /** @public */`);
  process.exit(1);
}
console.log('unused-exports: every export is imported somewhere');
