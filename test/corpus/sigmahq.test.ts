import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/engine/analyze';
import { collectRuleFiles } from '../../server/src/engine/workspace/files';
import { sharedPath, skipWithoutShared } from '../shared-data';

const MAINTAINED = ['rules', 'rules-emerging-threats', 'rules-threat-hunting', 'rules-compliance', 'rules-dfir', 'rules-placeholder'];

async function scan(folders: string[]): Promise<{ files: number; rules: number; counts: Map<string, number>; errors: string[] }> {
  const counts = new Map<string, number>();
  const errors: string[] = [];
  let rules = 0;
  const files = collectRuleFiles(folders.map((f) => sharedPath('corpus', 'sigmahq', f)));
  for (const path of files) {
    const r = await analyzeText(path, readFileSync(path, 'utf8'));
    if (r.kind === 'sigma') rules++;
    for (const d of r.diagnostics) {
      const key = `${d.code} (${d.severity})`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (d.severity === 'error' || d.code === 'tripline/internal-error') errors.push(`${path}:${d.range.start.line + 1}: ${d.code} ${d.message}`);
    }
  }
  return { files: files.length, rules, counts, errors };
}

describe('SigmaHQ corpus', { skip: skipWithoutShared('corpus/sigmahq') }, () => {
  it('every maintained rule loads as a rule and gets no error', async () => {
    const r = await scan(MAINTAINED);
    console.log(`maintained: ${r.files} files, ${r.rules} rules; per code: ${JSON.stringify(Object.fromEntries([...r.counts].sort()))}`);
    assert.ok(r.files > 3700, `only ${r.files} files`);
    assert.equal(r.rules, r.files);
    assert.deepEqual(r.errors, []);
  });

  it('deprecated and unsupported rules load without crashing, with clear diagnostics', async () => {
    const r = await scan(['deprecated', 'unsupported']);
    console.log(`deprecated+unsupported: ${r.files} files; per code: ${JSON.stringify(Object.fromEntries([...r.counts].sort()))}`);
    assert.ok(r.files > 200);
    assert.equal(r.errors.filter((e) => e.includes('tripline/internal-error')).length, 0);
    // Old aggregation conditions are the known unsupported feature: each must be explained, not crash.
    assert.ok(r.errors.some((e) => e.includes('sigma/condition-syntax') && e.includes('correlation rule')));
  });
});
