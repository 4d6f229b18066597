import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLI } from '../protocol/lsp-client';

function run(args: string[], cwd?: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const GOOD = `title: ok
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
const BAD = GOOD.replace('condition: selection', 'condition: selection and not filter');

function fixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tripline-cli-'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'good.yml'), GOOD);
  writeFileSync(join(dir, 'sub', 'bad.yaml'), BAD);
  writeFileSync(join(dir, 'sub', 'workflow.yml'), 'name: ci\non: [push]\n');
  writeFileSync(join(dir, 'notes.txt'), 'not a rule');
  return dir;
}

describe('tripline CLI contract', () => {
  it('prints its version', () => {
    const r = run(['--version']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^tripline \d+\.\d+\.\d+/);
  });

  it('check --format json lists every input file, with kinds, 0-based ranges and a summary', () => {
    const dir = fixture();
    const r = run(['check', dir, '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout) as {
      version: number;
      files: { path: string; kind: string; diagnostics: { code: string; severity: string; range: { start: { line: number; character: number } } }[] }[];
      summary: { files: number; errors: number; warnings: number };
    };
    assert.equal(out.version, 1);
    assert.deepEqual(
      out.files.map((f) => [f.path, f.kind]),
      [
        [join(dir, 'good.yml'), 'sigma'],
        [join(dir, 'sub', 'bad.yaml'), 'sigma'],
        [join(dir, 'sub', 'workflow.yml'), 'other'],
      ],
    );
    const bad = out.files[1].diagnostics.find((d) => d.code === 'sigma/undefined-identifier')!;
    assert.equal(bad.severity, 'error');
    assert.deepEqual(bad.range.start, { line: 8, character: 33 });
    assert.deepEqual(out.files[2].diagnostics, []);
    assert.equal(out.summary.files, 3);
    assert.equal(out.summary.errors, 1);
  });

  it('exits 0 when there is no error-severity diagnostic', () => {
    const dir = fixture();
    const r = run(['check', join(dir, 'good.yml')]);
    assert.equal(r.code, 0, r.stdout);
  });

  it('exits 2 with one line on a missing path, a bad option or a bad format', () => {
    for (const args of [['check', '/nonexistent/rules'], ['check', '--format', 'xml', '.'], ['check', '--bogus'], ['frobnicate']]) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^tripline: /);
    }
  });

  it('exits 2 on a broken config file', () => {
    const dir = fixture();
    writeFileSync(join(dir, 'tripline.config.json'), '{ "checks": { "sigma/unused-selection": "loud" } }');
    const r = run(['check', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /must be one of off, error, warning/);
  });

  it('honours severities from the project config file', () => {
    const dir = fixture();
    writeFileSync(join(dir, 'tripline.config.json'), JSON.stringify({ checks: { 'sigma/undefined-identifier': 'warning' } }));
    const r = run(['check', dir, '--format', 'json']);
    assert.equal(r.code, 0);
    assert.equal(JSON.parse(r.stdout).summary.warnings >= 1, true);
  });

  it('writes SARIF 2.1.0 with 1-based regions and rule metadata', () => {
    const dir = fixture();
    const r = run(['check', dir, '--format', 'sarif'], dir);
    const sarif = JSON.parse(r.stdout) as {
      version: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string }[] } };
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
        }[];
      }[];
    };
    assert.equal(sarif.version, '2.1.0');
    const run0 = sarif.runs[0];
    assert.equal(run0.tool.driver.name, 'Tripline');
    const res = run0.results.find((x) => x.ruleId === 'sigma/undefined-identifier')!;
    assert.equal(res.level, 'error');
    assert.equal(run0.tool.driver.rules[res.ruleIndex].id, 'sigma/undefined-identifier');
    assert.equal(res.locations[0].physicalLocation.artifactLocation.uri, 'sub/bad.yaml');
    assert.deepEqual(res.locations[0].physicalLocation.region.startLine, 9);
    assert.deepEqual(res.locations[0].physicalLocation.region.startColumn, 34);
  });

  it('text output is path:line:col for editors and terminals', () => {
    const dir = fixture();
    const r = run(['check', join(dir, 'sub', 'bad.yaml')]);
    assert.match(r.stdout, /bad\.yaml:9:34: error 'filter' is not defined in the detection\. \[sigma\/undefined-identifier\]/);
  });
});
