/** `tripline preview` on correlation rules and with Sigma filters, through the built CLI. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLI } from '../protocol/lsp-client';

function run(args: string[], cwd?: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const DNS = `title: DNS query for a paste domain
name: paste_dns
logsource:
    product: windows
    category: dns_query
detection:
    selection:
        QueryName|endswith: 'pastebin.com'
    condition: selection
`;
const DOWNLOAD = `title: Download from a paste domain
name: paste_download
logsource:
    product: windows
    category: process_creation
detection:
    selection:
        CommandLine|contains: 'pastebin.com/raw'
    condition: selection
`;
const CORRELATION = `title: Paste contact then download
correlation:
    type: temporal_ordered
    rules:
        - paste_dns
        - paste_download
    group-by:
        - Computer
    timespan: 10m
`;
const FILTER = `title: Filter the build servers
logsource:
    product: windows
filter:
    rules:
        - paste_download
    selection:
        Computer|startswith: 'build-'
    condition: not selection
`;

function fixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tripline-corr-'));
  mkdirSync(join(dir, 'rules'));
  mkdirSync(join(dir, 'filters'));
  writeFileSync(join(dir, 'rules', 'dns.yml'), DNS);
  writeFileSync(join(dir, 'rules', 'download.yml'), DOWNLOAD);
  writeFileSync(join(dir, 'rules', 'mr_paste.yml'), CORRELATION);
  writeFileSync(join(dir, 'filters', 'mf_build.yml'), FILTER);
  const t = (m: number): string => `2024-05-01 09:${String(m).padStart(2, '0')}:00.000`;
  const events = [
    { UtcTime: t(0), EventID: 22, Computer: 'ws-07', QueryName: 'pastebin.com' },
    { UtcTime: t(3), EventID: 1, Computer: 'ws-07', CommandLine: 'curl https://pastebin.com/raw/x' },
    { UtcTime: t(1), EventID: 22, Computer: 'build-01', QueryName: 'pastebin.com' },
    { UtcTime: t(2), EventID: 1, Computer: 'build-01', CommandLine: 'curl https://pastebin.com/raw/y' },
  ];
  writeFileSync(join(dir, 'events.ndjson'), events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  return dir;
}

describe('tripline preview: correlations and filters', () => {
  it('finds the referenced rules in the rule folder and prints correlations in JSON', () => {
    const dir = fixture();
    const r = run(['preview', join(dir, 'rules', 'mr_paste.yml'), '--samples', join(dir, 'events.ndjson'), '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      rule: string;
      matched: number;
      correlations: { group: Record<string, string>; count: number; events: { index: number }[] }[];
    };
    assert.equal(out.rule, 'Paste contact then download');
    assert.equal(out.matched, 4);
    assert.deepEqual(
      out.correlations.map((c) => [c.group.Computer, c.count, c.events.map((e) => e.index)]),
      [
        ['ws-07', 2, [0, 1]],
        ['build-01', 2, [2, 3]],
      ],
    );
  });

  it('applies a filter from --rules and says so in the text output', () => {
    const dir = fixture();
    const r = run([
      'preview',
      join(dir, 'rules', 'mr_paste.yml'),
      '--samples',
      join(dir, 'events.ndjson'),
      '--rules',
      join(dir, 'rules'),
      join(dir, 'filters'),
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /filters applied: Filter the build servers/);
    assert.match(r.stdout, /^1 correlation$/m);
    assert.match(r.stdout, /Computer=ws-07 {2}2024-05-01T09:00:00.000Z … 2024-05-01T09:03:00.000Z {2}count 2/);
  });

  it('applies filters configured in samples.filters to a detection rule', () => {
    const dir = fixture();
    writeFileSync(join(dir, 'tripline.config.json'), JSON.stringify({ samples: { filters: ['filters'] } }));
    const r = run(['preview', join(dir, 'rules', 'download.yml'), '--samples', join(dir, 'events.ndjson'), '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { matches: { index: number }[]; filters: string[]; correlations?: unknown };
    assert.deepEqual(
      out.matches.map((m) => m.index),
      [1],
    );
    assert.deepEqual(out.filters, ['Filter the build servers']);
    assert.equal(out.correlations, undefined, 'a detection rule has no correlations field');
  });

  it('exits 2 naming a reference it cannot resolve', () => {
    const dir = fixture();
    const r = run(['preview', join(dir, 'rules', 'mr_paste.yml'), '--samples', join(dir, 'events.ndjson'), '--rules', join(dir, 'rules', 'dns.yml')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /'paste_download'/);
  });
});

describe('tripline check: references of correlations and filters across the files of a run', () => {
  interface Out {
    files: { path: string; diagnostics: { code: string; severity: string; message: string }[] }[];
  }
  const codes = (out: Out, file: string): string[] =>
    out.files
      .filter((f) => f.path.endsWith(file))
      .flatMap((f) => f.diagnostics.filter((d) => d.code === 'sigma/correlation-unknown-rule').map((d) => `${d.severity}: ${d.message}`));

  it('resolves names defined in other files of the run', () => {
    const dir = fixture();
    const r = run(['check', join(dir, 'rules'), join(dir, 'filters'), '--format', 'json']);
    const out = JSON.parse(r.stdout) as Out;
    assert.deepEqual(codes(out, 'mr_paste.yml'), []);
    assert.deepEqual(codes(out, 'mf_build.yml'), []);
  });

  it('reports what the run does not define: an error for a correlation, a warning for a filter', () => {
    const dir = fixture();
    const r = run(['check', join(dir, 'rules', 'mr_paste.yml'), join(dir, 'rules', 'dns.yml'), join(dir, 'filters'), '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout) as Out;
    assert.deepEqual(
      codes(out, 'mr_paste.yml').map((m) => m.split(':')[0]),
      ['error'],
    );
    assert.match(codes(out, 'mr_paste.yml')[0], /'paste_download'/);
    assert.deepEqual(
      codes(out, 'mf_build.yml').map((m) => m.split(':')[0]),
      ['warning'],
    );
  });
});
