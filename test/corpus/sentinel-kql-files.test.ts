import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { loadSource } from '../../server/src/engine/document/source';
import { kusto } from '../../server/src/engine/kql/library';
import { kqlSegments } from '../../server/src/engine/kql/segments';
import { sentinelRules } from '../../server/src/engine/kql/sentinel-rule';
import { sharedDir } from '../shared-data';

/**
 * Microsoft's own queries written the way people keep them in `.kql` files: several queries per
 * file, each under a comment header, separated by blank lines. Built in memory from the Sentinel
 * corpus (never copied into the project).
 */
function shared(): string | null {
  try {
    return sharedDir();
  } catch {
    return null;
  }
}
const SHARED = shared();
const SENTINEL = SHARED ? join(SHARED, 'corpus', 'sentinel') : '';
const SKIP = !SHARED || !existsSync(join(SENTINEL, 'rules')) ? 'shared Sentinel corpus not found (set TRIPLINE_SHARED)' : false;
const SKIP_LISTED = 'rules/Detections/ASimWebSession/PotentiallyHarmfulFileTypes.yaml';

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/i.test(name)) out.push(p);
  }
  return out;
}

describe('Sentinel corpus queries as multi-query .kql files', { skip: SKIP }, () => {
  it('every query of a file is read alone, exactly as written (552 queries in 111 files)', async () => {
    const queries = yamlFiles(join(SENTINEL, 'rules')).map((p) => {
      const y = parse(readFileSync(p, 'utf8')) as { name?: string; query: string };
      return { path: relative(SENTINEL, p), text: `// ${y.name}\n// ${relative(SENTINEL, p)}\n${y.query.trim()}` };
    });
    assert.equal(queries.length, 552);
    // Each query of a pack must come out exactly as written: then kql/syntax and kql/unknown-name see
    // what they see in the YAML rule (the Sentinel corpus test: only the skip-listed rule has a syntax error).
    const found: string[] = [];
    for (let i = 0; i < queries.length; i += 5) {
      const text =
        queries
          .slice(i, i + 5)
          .map((q) => q.text)
          .join('\n\n') + '\n';
      for (const seg of kqlSegments(loadSource(`pack${i}.kql`, text))) found.push(seg.text);
    }
    assert.equal(found.length, 552, 'one query per corpus query');
    const differ = queries.filter((q, i) => found[i] !== q.text).map((q) => q.path);
    assert.deepEqual(differ, []);
    // The queries with blank lines inside them are among those, and the skip-listed one is still broken alone.
    assert.ok(queries.filter((q) => /\n[ \t]*\r?\n/.test(q.text)).length >= 5);
    const api = kusto();
    assert.ok(api, 'Kusto.Language loads');
    const broken = found.find((t) => t.includes(SKIP_LISTED))!;
    assert.ok(api.parse(broken).GetSyntaxDiagnostics().Count > 0);
  });

  it('hunting queries are read as hunting queries, also when they carry entityMappings and severity', async () => {
    const files = yamlFiles(join(SENTINEL, 'rules', 'hunting'));
    assert.ok(files.length >= 90, `${files.length} hunting files`);
    const wrong: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const withEntities = `${text.trimEnd()}\nseverity: Medium\nentityMappings:\n  - entityType: Host\n    fieldMappings:\n      - identifier: HostName\n        columnName: DeviceName\n`;
      for (const t of [text, withEntities]) {
        for (const r of sentinelRules(loadSource(f, t))) if (r.type !== 'hunting') wrong.push(relative(SENTINEL, f));
      }
    }
    // sentinel/missing-field asks a hunting query only for id, name and query (its unit tests).
    assert.deepEqual(wrong, []);
  });
});
