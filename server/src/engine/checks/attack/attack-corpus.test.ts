import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { sharedDir, sharedPath, skipWithoutShared } from '../../../../../test/shared-data';
import { analyzeText } from '../../analyze';
import { collectRuleFiles } from '../../workspace/files';
import { ATTACK_CHECKS } from '.';

const MAINTAINED = ['rules', 'rules-emerging-threats', 'rules-threat-hunting', 'rules-compliance', 'rules-dfir', 'rules-placeholder'];

/** Per code and severity, how many files (one rule per file in SigmaHQ) it fires on. */
async function scan(paths: string[]): Promise<{ files: number; perCode: Record<string, number>; findings: string[] }> {
  const perCode = new Map<string, Set<string>>();
  const findings: string[] = [];
  const files = collectRuleFiles(paths);
  for (const path of files) {
    const r = await analyzeText(path, readFileSync(path, 'utf8'), undefined, ATTACK_CHECKS);
    for (const d of r.diagnostics) {
      const key = `${d.code} (${d.severity})`;
      if (!perCode.has(key)) perCode.set(key, new Set());
      perCode.get(key)!.add(path);
      findings.push(`${d.severity} ${d.code} ${path.slice(sharedDir().length + 1)}:${d.range.start.line + 1}: ${d.message}`);
    }
  }
  return { files: files.length, perCode: Object.fromEntries([...perCode].sort().map(([k, v]) => [k, v.size])), findings };
}

describe('ATT&CK checks on real rules', () => {
  it('give no unknown technique and no error on any maintained SigmaHQ rule', { skip: skipWithoutShared('corpus/sigmahq') }, async () => {
    const r = await scan(MAINTAINED.map((f) => sharedPath('corpus', 'sigmahq', f)));
    console.log(`attack/* on ${r.files} maintained SigmaHQ rules, rules per code: ${JSON.stringify(r.perCode)}`);
    assert.ok(r.files > 3700);
    assert.deepEqual(
      r.findings.filter((f) => f.startsWith('error ') || f.includes('attack/unknown-technique') || f.includes('tripline/internal-error')),
      [],
    );
    // SigmaHQ is on ATT&CK v19: a stale mapping there would be a catalog bug, not a rule problem.
    assert.deepEqual(
      r.findings.filter((f) => /attack\/(deprecated-technique|tactic-mismatch|platform-mismatch)/.test(f)),
      [],
    );
  });

  it('explain retired SigmaHQ rules that still use pre-v19 ids and spellings', { skip: skipWithoutShared('corpus/sigmahq') }, async () => {
    const r = await scan(['deprecated', 'unsupported'].map((f) => sharedPath('corpus', 'sigmahq', f)));
    console.log(`attack/* on ${r.files} deprecated/unsupported SigmaHQ rules, rules per code: ${JSON.stringify(r.perCode)}`);
    assert.ok(r.findings.some((f) => f.includes('attack/deprecated-technique') && f.includes('T1562.001') && f.includes('T1685')));
    assert.ok(r.findings.some((f) => f.includes('attack/tag-format') && f.includes("'attack.defense_evasion'")));
    assert.deepEqual(
      r.findings.filter((f) => f.includes('tripline/internal-error')),
      [],
    );
  });

  it('read the Sentinel corpus without crashing, knowing its ICS ids', { skip: skipWithoutShared('corpus/sentinel/rules') }, async () => {
    const r = await scan([sharedPath('corpus', 'sentinel', 'rules')]);
    console.log(`attack/* on ${r.files} Sentinel rules, rules per code: ${JSON.stringify(r.perCode)}`);
    assert.deepEqual(
      r.findings.filter((f) => f.includes('tripline/internal-error') || f.includes('attack/unknown-technique')),
      [],
    );
    assert.ok(r.findings.some((f) => f.includes('attack/deprecated-technique') && f.includes('T1562')));
  });
});
