// The extension manifest is code too: every file it points at exists, every command a menu or a
// walkthrough names is declared (or is VS Code's own), every setting is documented.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(__dirname, '..', '..', '..');
interface Manifest {
  main: string;
  capabilities: { untrustedWorkspaces: { supported: string | boolean; description?: string; restrictedConfigurations?: string[] } };
  contributes: {
    languages: Array<{ id: string; configuration?: string }>;
    grammars: Array<{ path: string; scopeName: string; language?: string; injectTo?: string[] }>;
    snippets: Array<{ path: string }>;
    commands: Array<{ command: string; title: string; category?: string }>;
    menus: Record<string, Array<{ command: string }>>;
    views: Record<string, Array<{ id: string; name: string; when?: string }>>;
    viewsContainers: { activitybar: Array<{ id: string; title: string; icon: string }> };
    walkthroughs: Array<{ featuredFor?: string[]; steps: Array<{ description: string; media: { markdown?: string; image?: string } }> }>;
    configuration: { properties: Record<string, { default?: unknown; description?: string; markdownDescription?: string }> };
  };
}
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
const c = pkg.contributes;
const rel = (p: string): string => join(ROOT, p.replace(/^\.\//, ''));

describe('package.json contributions', () => {
  it('every grammar, snippet, language configuration and walkthrough medium exists', () => {
    const files = [
      ...c.grammars.map((g) => g.path),
      ...c.snippets.map((s) => s.path),
      ...c.languages.flatMap((l) => (l.configuration ? [l.configuration] : [])),
    ];
    for (const w of c.walkthroughs) for (const s of w.steps) files.push(...[s.media.markdown, s.media.image].filter((x): x is string => !!x));
    for (const f of files) assert.ok(existsSync(rel(f)), `${f} is missing`);
    for (const g of c.grammars) assert.equal((JSON.parse(readFileSync(rel(g.path), 'utf8')) as { scopeName: string }).scopeName, g.scopeName, g.path);
  });

  it('commands have a title and the Tripline category; menus and walkthroughs name declared commands', () => {
    const declared = new Set(c.commands.map((x) => x.command));
    for (const cmd of c.commands) {
      assert.ok(cmd.title.length > 0 && cmd.category === 'Tripline', cmd.command);
      assert.match(cmd.command, /^tripline\./);
    }
    for (const [menu, items] of Object.entries(c.menus)) for (const i of items) assert.ok(declared.has(i.command), `${menu} names ${i.command}`);
    const linked = c.walkthroughs.flatMap((w) => w.steps.flatMap((s) => [...s.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1])));
    for (const cmd of linked.filter((x) => x.startsWith('tripline.'))) assert.ok(declared.has(cmd), `walkthrough links ${cmd}`);
  });

  it('every setting has a description and a default; restricted settings exist', () => {
    for (const [key, p] of Object.entries(c.configuration.properties)) {
      assert.ok(p.description || p.markdownDescription, `${key} has no description`);
      assert.ok('default' in p, `${key} has no default`);
    }
    const trust = pkg.capabilities.untrustedWorkspaces;
    assert.equal(trust.supported, 'limited');
    assert.ok(trust.description && trust.description.length > 40);
    for (const k of trust.restrictedConfigurations ?? []) assert.ok(k in c.configuration.properties, k);
  });

  it('the coverage view is contributed and the client entry point is the bundle', () => {
    assert.ok(
      Object.values(c.views)
        .flat()
        .some((v) => v.id === 'tripline.coverage' && v.name === 'ATT&CK coverage'),
    );
    assert.equal(pkg.main, './dist/client.js');
  });

  it('Tripline has its own activity-bar container holding coverage and problems by check, hidden when turned off', () => {
    const container = c.viewsContainers.activitybar.find((v) => v.id === 'tripline');
    assert.ok(container && existsSync(rel(container.icon)), 'container with an existing icon');
    assert.deepEqual(
      c.views.tripline.map((v) => v.id),
      ['tripline.coverage', 'tripline.problems'],
    );
    for (const v of c.views.tripline) assert.equal(v.when, 'config.tripline.enable', v.id);
    assert.equal(c.views.explorer, undefined, 'no longer buried in the Explorer');
  });

  it('the walkthrough is featured on the Welcome page for rule workspaces', () => {
    const featured = c.walkthroughs[0].featuredFor ?? [];
    for (const ext of ['yml', 'yaml', 'kql']) assert.ok(featured.includes(`**/*.${ext}`), ext);
  });
});
