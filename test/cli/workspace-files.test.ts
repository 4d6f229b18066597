import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLI } from '../protocol/lsp-client';

const RULE = (title: string): string => `title: ${title}
id: 5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a11
status: test
logsource:
    category: proxy
detection:
    selection:
        cs-host|endswith: '.example.org'
    condition: selection
level: low
`;

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('tripline check --workspace-files', () => {
  it('finds a duplicate id in a file it is told about but does not report on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tripline-wsfiles-'));
    try {
      mkdirSync(join(dir, 'b'));
      writeFileSync(join(dir, 'a.yml'), RULE('One'));
      writeFileSync(join(dir, 'b', 'two.yml'), RULE('Two'));
      writeFileSync(join(dir, 'list.txt'), `${join(dir, 'a.yml')}\n${join(dir, 'b', 'two.yml')}\n`);
      const r = run(['check', '--format', 'json', '--workspace-files', join(dir, 'list.txt'), join(dir, 'a.yml')]);
      assert.equal(r.code, 0, r.stderr);
      const report = JSON.parse(r.stdout) as { files: { path: string; diagnostics: { code: string; message: string }[] }[] };
      assert.deepEqual(
        report.files.map((f) => f.path),
        [join(dir, 'a.yml')],
      );
      const dup = report.files[0].diagnostics.filter((d) => d.code === 'sigma/duplicate-id');
      assert.equal(dup.length, 1);
      assert.ok(dup[0].message.includes(join(dir, 'b', 'two.yml')));
      const alone = JSON.parse(run(['check', '--format', 'json', join(dir, 'a.yml')]).stdout) as typeof report;
      assert.deepEqual(
        alone.files[0].diagnostics.filter((d) => d.code === 'sigma/duplicate-id'),
        [],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('is a usage error (exit 2) when the list cannot be read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tripline-wsfiles-'));
    try {
      writeFileSync(join(dir, 'a.yml'), RULE('One'));
      const r = run(['check', '--workspace-files', join(dir, 'missing.txt'), join(dir, 'a.yml')]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--workspace-files/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
