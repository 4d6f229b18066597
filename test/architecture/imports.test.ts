// The layering ARCHITECTURE.md describes, checked on every source file: the engine knows nothing
// of editors or the command line, the language server does not reach into the CLI, the client
// never bundles engine code, and the README's codes table is the check registry.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, it } from 'node:test';
import { ALL_CHECKS } from '../../server/src/engine/checks/registry';

const ROOT = join(__dirname, '..', '..', '..');

function sources(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Module specifiers of static imports, re-exports and dynamic imports/requires. */
function importsOf(text: string): string[] {
  const out: string[] = [];
  const re = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g;
  for (const m of text.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** Repository-relative target of a relative specifier, or the package name. */
function target(file: string, spec: string): string {
  return spec.startsWith('.')
    ? relative(ROOT, resolve(ROOT, dirname(file), spec))
        .split('\\')
        .join('/')
    : spec;
}

function violations(dir: string, forbidden: (t: string) => boolean, except: (file: string) => boolean = () => false): string[] {
  const out: string[] = [];
  for (const f of sources(dir)) {
    if (except(f)) continue;
    for (const spec of importsOf(readFileSync(join(ROOT, f), 'utf8'))) {
      const t = target(f, spec);
      if (forbidden(t)) out.push(`${f} imports ${spec}`);
    }
  }
  return out;
}

describe('architecture: import rules', () => {
  it('the import scanner sees every import form', () => {
    assert.deepEqual(
      importsOf(`import a from 'x';\nimport { b } from "../y";\nexport * from './z';\nconst c = require('w');\nimport 'side';\nawait import('dyn');`),
      ['x', '../y', './z', 'w', 'side', 'dyn'],
    );
  });

  it('the engine imports no editor, LSP or CLI code', () => {
    const bad = violations(
      'server/src/engine',
      (t) => /^vscode/.test(t) || t.startsWith('server/src/lsp') || t.startsWith('server/src/cli') || t.startsWith('client/'),
    );
    assert.deepEqual(bad, []);
  });

  it('the language server does not import the CLI', () => {
    assert.deepEqual(
      violations('server/src/lsp', (t) => t.startsWith('server/src/cli')),
      [],
    );
  });

  it('the language server and the CLI reach the engine only through its façade (engine/index)', () => {
    const inner = (t: string): boolean => t.startsWith('server/src/engine/') && t !== 'server/src/engine/index';
    // Tests beside the front ends may build fixtures from engine internals; the front ends may not.
    const isTest = (f: string): boolean => f.endsWith('.test.ts');
    assert.deepEqual([...violations('server/src/lsp', inner, isTest), ...violations('server/src/cli', inner, isTest)], []);
    // The rule above must be able to fail: a deep import is caught.
    assert.ok(inner(target('server/src/cli/x.ts', '../engine/analyze')) && !inner(target('server/src/cli/x.ts', '../engine/index')));
  });

  it('the engine keeps no front-end state in modules (SAMPLE_HITS, PREVIEWS, hover provider hooks are gone)', () => {
    const globals = /\bexport const (SAMPLE_HITS|PREVIEWS|DOMAIN_SAMPLE_HITS)\b/;
    const found = [...sources('server/src/engine'), ...sources('server/src/lsp')].filter((f) => globals.test(readFileSync(join(ROOT, f), 'utf8')));
    assert.deepEqual(found, []);
  });

  it('the CLI imports no editor code', () => {
    assert.deepEqual(
      violations('server/src/cli', (t) => /^vscode($|-languageclient)/.test(t) || t.startsWith('client/')),
      [],
    );
  });

  it('the client never imports server code (the server sends what the client shows)', () => {
    assert.deepEqual(
      violations('client/src', (t) => t.startsWith('server/')),
      [],
    );
  });
});

describe('architecture: the README codes table is the registry', () => {
  it('lists every check id exactly once, and nothing else', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| code | default | fires when |'));
    const rows = [...table.matchAll(/^\| `([a-z]+\/[a-z0-9-]+)` \|/gm)].map((m) => m[1]);
    const ids = ALL_CHECKS.map((c) => c.id);
    const dupes = rows.filter((r, i) => rows.indexOf(r) !== i);
    assert.deepEqual(dupes, [], 'codes listed twice');
    assert.deepEqual(ids.filter((id) => !rows.includes(id)).sort(), [], 'checks missing from the README table');
    // The two codes a front end reports on a file it could not check (not checks of the registry).
    const frontEnd = ['tripline/internal-error', 'tripline/not-checked'];
    assert.deepEqual(rows.filter((r) => !ids.includes(r) && !frontEnd.includes(r)).sort(), [], 'README rows with no check');
  });
});
