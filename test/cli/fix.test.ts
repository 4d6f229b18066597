import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../protocol/lsp-client';

function run(args: string[], cwd?: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const CLEAN = `title: Clean rule
id: 5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a11
status: test
description: test
author: tests
date: 2026-01-01
logsource:
    category: process_creation
    product: windows
detection:
    selection:
        Image|endswith: '\\cmd.exe'   # a comment
    condition: selection
level: low
`;
// A second rule of the same set: its own id and title (the set is checked for duplicates).
const TWIN = CLEAN.replace('title: Clean rule', 'title: Clean twin').replace('5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a11', '6a1f5a9d-4c1b-4f9c-8b52-1d3e5d7a3b22');
// Safe: status casing, the modifier typo, the date form, 1 of them. Left: the undefined filter (an error).
const FIXABLE = TWIN.replace('status: test', 'status: Test')
  .replace('endswith', 'endwith')
  .replace('2026-01-01', '2026/01/01')
  .replace('condition: selection', 'condition: 1 of them');
const BROKEN = FIXABLE.replace('condition: 1 of them', 'condition: selection and not filter');

describe('tripline check --fix', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const fixture = (files: Record<string, string>): string => {
    const dir = mkdtempSync(join(tmpdir(), 'tripline-fix-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };

  it('fixes in place, prints what it changed, leaves clean files byte-identical, exits 0 when nothing remains', () => {
    const dir = fixture({ 'clean.yml': CLEAN, 'fixable.yml': FIXABLE });
    const r = run(['check', '--fix', dir]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(readFileSync(join(dir, 'clean.yml'), 'utf8'), CLEAN);
    assert.equal(readFileSync(join(dir, 'fixable.yml'), 'utf8'), TWIN);
    assert.match(r.stdout, /^fixed .*fixable\.yml:3:9 sigma\/invalid-value Change to 'test'$/m);
    assert.match(r.stdout, /^fixed .*fixable\.yml:12:15 sigma\/unknown-modifier Change to 'endswith'$/m);
    assert.ok(!r.stdout.includes('clean.yml:'), r.stdout);
    assert.match(r.stdout, /2 files \(2 rules\): 0 errors/);
  });

  it('exits from what remains: a file with an error left is still fixed and exits 1', () => {
    const dir = fixture({ 'broken.yml': BROKEN });
    const r = run(['check', '--fix', '--format', 'json', dir]);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout) as {
      dryRun: boolean;
      files: { path: string; fixes: { code: string; title: string }[]; diagnostics: { code: string; severity: string }[] }[];
    };
    assert.equal(out.dryRun, false);
    const [file] = out.files;
    assert.deepEqual(file.fixes.map((f) => f.code).sort(), ['sigma/invalid-value', 'sigma/invalid-value', 'sigma/unknown-modifier']);
    assert.ok(file.diagnostics.some((d) => d.code === 'sigma/undefined-identifier' && d.severity === 'error'));
    assert.ok(!file.diagnostics.some((d) => d.code === 'sigma/unknown-modifier'));
    assert.match(readFileSync(join(dir, 'broken.yml'), 'utf8'), /Image\|endswith: '\\cmd\.exe' {3}# a comment\n/);
  });

  it('--dry-run prints a unified diff and writes nothing', () => {
    const dir = fixture({ 'fixable.yml': FIXABLE });
    const r = run(['check', '--fix', '--dry-run', 'fixable.yml'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(join(dir, 'fixable.yml'), 'utf8'), FIXABLE);
    assert.match(r.stdout, /^would fix fixable\.yml:3:9 sigma\/invalid-value/m);
    assert.match(r.stdout, /^--- a\/fixable\.yml\n\+\+\+ b\/fixable\.yml\n@@ /m);
    assert.match(r.stdout, /^-status: Test\n/m);
    assert.match(r.stdout, /^\+status: test\n/m);
    // The report after the diff is what the file would have left: nothing.
    assert.match(r.stdout, /1 files \(1 rules\): 0 errors, 0 warnings$/m);
  });

  it('--dry-run without --fix is a usage error', () => {
    const r = run(['check', '--dry-run', '.']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--dry-run goes with --fix/);
  });
});
