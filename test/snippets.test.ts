// Every snippet Tripline ships, expanded as the editor would with the defaults accepted, must be
// a rule the engine accepts: recognised as a rule, and without an error-severity diagnostic.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText } from '../server/src/engine/analyze';
import { expandSnippet, snippetVariables } from './snippet-expand';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { snippets: Array<{ language: string; path: string }> } };

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

describe('snippet expansion helper', () => {
  it('resolves placeholders, choices, variables and escapes', () => {
    const e = expandSnippet(['a ${1:x ${2:y}} ${3|p,q|} $4 $UUID \\$ \\\\d ${5}'], { UUID: 'U' });
    assert.equal(e.text, 'a x y p  U $ \\d ');
    assert.deepEqual(e.tabStops, [1, 2, 3, 4, 5]);
  });
  it('rejects unknown variables', () => {
    assert.throws(() => expandSnippet('$NOPE', {}), /unknown snippet variable/);
  });
});

describe('shipped snippets', () => {
  it('package.json contributes every snippet file in snippets/, and each exists', () => {
    const contributed = pkg.contributes.snippets.map((s) => s.path.replace(/^\.\//, ''));
    for (const p of contributed) assert.ok(existsSync(join(ROOT, p)), `${p} is contributed but missing`);
    for (const f of readdirSync(join(ROOT, 'snippets'))) assert.ok(contributed.includes(`snippets/${f}`), `snippets/${f} is not contributed in package.json`);
  });

  for (const contribution of pkg.contributes.snippets) {
    const file = join(ROOT, contribution.path);
    if (!existsSync(file)) continue;
    const snippets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Snippet>;
    const ext = contribution.language === 'kql' ? 'kql' : 'yml';
    describe(contribution.path, () => {
      it('each snippet has one prefix, unique across files (two prefixes list every snippet twice)', () => {
        for (const [name, snippet] of Object.entries(snippets)) assert.equal(typeof snippet.prefix, 'string', `${name}: ${JSON.stringify(snippet.prefix)}`);
      });
      for (const [name, snippet] of Object.entries(snippets)) {
        it(`${name} expands into a rule without errors`, async () => {
          const vars = snippetVariables(new Date());
          const { text, tabStops } = expandSnippet(snippet.body, vars);
          assert.ok(tabStops.length > 0, 'a snippet without tab stops leaves the user nothing to fill in');
          const report = await analyzeText(`snippet.${ext}`, text);
          assert.notEqual(report.kind, 'other', `not recognised as a rule:\n${text}`);
          const errors = report.diagnostics.filter((d) => d.severity === 'error');
          assert.deepEqual(
            errors.map((d) => `${d.code} @${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`),
            [],
            `expanded snippet:\n${text}`,
          );
          if (report.kind === 'sigma') {
            assert.match(text, new RegExp(`^id: ${vars.UUID}$`, 'm'), 'a fresh UUID as the rule id');
            assert.match(text, new RegExp(`^date: ${vars.CURRENT_YEAR}-${vars.CURRENT_MONTH}-${vars.CURRENT_DATE}$`, 'm'), "today's date");
          }
        });
      }
    });
  }
});
