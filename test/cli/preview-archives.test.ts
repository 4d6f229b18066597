import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { zip } from '../../server/src/engine/preview/readers/archive-fixtures';
import { CLI } from '../protocol/lsp-client';
import { findShared, skipWithoutShared } from '../shared-data';

const hasUnzip = spawnSync('unzip', ['-v']).status === 0;
// Paths only (nothing is read at import); the suite that uses them skips without the data.
const SHARED = findShared() ?? '';
const DATASETS = join(SHARED, 'corpus', 'security-datasets');
const RULES = join(SHARED, 'corpus', 'sigmahq', 'rules', 'windows', 'process_creation');
const skip =
  skipWithoutShared('corpus/security-datasets', 'corpus/sigmahq/rules/windows/process_creation') ||
  (!hasUnzip ? 'unzip is not installed (needed to extract the reference JSON)' : false);

interface Out {
  scanned: number;
  matched: number;
  matches: { source: string; index: number }[];
  skipped: { source: string; index: number; reason: string }[];
}

function preview(rule: string, samples: string): { code: number | null; out: Out; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'preview', join(RULES, rule), '--samples', samples, '--format', 'json'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  return { code: r.status, out: JSON.parse(r.stdout) as Out, stderr: r.stderr };
}

/** Extracts with Info-ZIP's unzip (independent of the readers under test), keeping member paths. */
function extract(archive: string, into: string): void {
  const r = spawnSync('unzip', ['-o', '-q', archive, '-d', into], { encoding: 'utf8' });
  // 1 = warnings only (one published archive has a stray byte after its end record).
  if (r.status !== 0 && r.status !== 1) throw new Error(`unzip ${archive}: ${r.stderr}`);
}

/** Match positions, with archive members named as the extracted files (`a.zip!m.json` → `m.json`). */
const positions = (o: Out, strip: (s: string) => string): string[] => o.matches.map((m) => `${strip(m.source)}#${m.index}`);

describe('tripline preview on the Security-Datasets archives as published', { skip }, () => {
  let extracted = '';
  before(() => {
    extracted = mkdtempSync(join(tmpdir(), 'tripline-sd-'));
    for (const name of readdirSync(DATASETS).filter((n) => n.endsWith('.zip'))) extract(join(DATASETS, name), extracted);
    // macOS resource forks that unzip writes out; the archive reader passes over them.
    rmSync(join(extracted, '__MACOSX'), { recursive: true, force: true });
  });
  after(() => rmSync(extracted, { recursive: true, force: true }));

  const fromZip = (s: string): string => s.replace(/^.*\.zip!/, '');
  const fromDir = (s: string): string => s.slice(extracted.length + 1);

  // Rules that match these recordings (mshta, bitsadmin, regsvr32, cmstp): two over the whole
  // folder of archives, two over the one archive they are about (the regsvr32 one is the archive
  // with a stray byte after its end record).
  const cases: [rule: string, zip: string | null][] = [
    ['proc_creation_win_mshta_inline_vbscript.yml', null],
    ['proc_creation_win_uac_bypass_cmstp.yml', null],
    ['proc_creation_win_bitsadmin_download.yml', 'cmd_bitsadmin_download_psh_script.zip'],
    ['proc_creation_win_regsvr32_susp_parent.yml', 'empire_launcher_sct_regsvr32.zip'],
  ];
  for (const [rule, archive] of cases) {
    it(`${rule}: ${archive ?? 'a folder of .zip files'} gives the same counts and matches as the extracted JSON`, () => {
      const z = preview(rule, archive ? join(DATASETS, archive) : DATASETS);
      assert.equal(z.code, 0, z.stderr);
      assert.ok(z.out.matched > 0, 'the rule should match these recordings');
      assert.deepEqual(z.out.skipped, [], JSON.stringify(z.out.skipped));
      assert.ok(
        z.out.matches.every((m) => /security-datasets\/\w+\.zip!\w[\w-]*\.json$/.test(m.source)),
        z.out.matches[0]?.source,
      );
      let d: Out;
      if (archive) {
        const member = readdirSync(extracted).find((n) => n.startsWith(archive.replace(/\.zip$/, '')));
        assert.ok(member, `extracted member of ${archive}`);
        d = preview(rule, join(extracted, member)).out;
      } else {
        assert.ok(z.out.scanned > 60000, `all 18 archives are read (${z.out.scanned} events)`);
        d = preview(rule, extracted).out;
      }
      assert.equal(z.out.scanned, d.scanned);
      assert.equal(z.out.matched, d.matched);
      assert.deepEqual(positions(z.out, fromZip), positions(d, fromDir));
    });
  }
});

describe('tripline preview reading nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tripline-empty-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const rule = join(dir, 'rule.yml');
  writeFileSync(rule, 'title: t\nlogsource:\n    category: process_creation\ndetection:\n    sel:\n        Image|endswith: x.exe\n    condition: sel\n');
  const run = (samples: string): { code: number | null; stdout: string; stderr: string } => {
    const r = spawnSync(process.execPath, [CLI, 'preview', rule, '--samples', samples, '--format', 'json'], { encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('a folder without telemetry files says so and exits 2', () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'notes.md'), '# nothing');
    const r = run(empty);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no telemetry files \(\.json, \.ndjson, \.csv, \.zip\.\.\.\) in /);
    assert.equal(JSON.parse(r.stdout).scanned, 0);
  });

  it('archives without telemetry and unreadable files: exit 2 with the reasons', () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'docs.zip'), zip([{ name: 'README.md', data: 'x' }]));
    writeFileSync(join(bad, 'x.json'), Buffer.from([0, 1, 2, 3]));
    const r = run(bad);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /no events read from 2 sample sources/);
    assert.match(r.stderr, /docs\.zip: no telemetry files/);
    assert.match(r.stderr, /x\.json is binary/);
  });

  it('a sample with events but no match still exits 0', () => {
    const ok = join(dir, 'ok');
    mkdirSync(ok);
    writeFileSync(join(ok, 'a.zip'), zip([{ name: 'd/a.ndjson', data: '{"Image":"C:\\\\y.exe"}\n' }]));
    const r = run(ok);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.scanned, 1);
    assert.equal(out.matched, 0);
  });
});
