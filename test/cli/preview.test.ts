import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLI } from '../protocol/lsp-client';
import { sharedPath, skipWithoutShared } from '../shared-data';

function run(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const RULE = `title: Paste site from a script host
id: 5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a11
status: test
logsource:
    category: network_connection
    product: windows
detection:
    selection:
        Image|endswith: '\\wscript.exe'
        DestinationHostname|endswith: 'pastebin.com'
    condition: selection
level: high
`;

function fixture(): { dir: string; rule: string; samples: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tripline-preview-'));
  const samples = join(dir, 'samples');
  mkdirSync(samples);
  writeFileSync(join(dir, 'rule.yml'), RULE);
  const lines = [
    { EventID: 3, Image: 'C:\\Windows\\System32\\wscript.exe', DestinationHostname: 'pastebin.com' },
    { EventID: 3, Image: 'C:\\Windows\\System32\\wscript.exe', DestinationHostname: 'example.org' },
    { EventID: 1, Image: 'C:\\Windows\\System32\\wscript.exe', DestinationHostname: 'pastebin.com' },
  ].map((e) => JSON.stringify(e));
  writeFileSync(join(samples, 'sysmon.ndjson'), lines.join('\n') + '\n{broken\n');
  writeFileSync(join(samples, 'proxy.csv'), 'Image,DestinationHostname\n"C:\\x\\WScript.exe",raw.pastebin.com\n');
  return { dir, rule: join(dir, 'rule.yml'), samples };
}

describe('tripline preview', () => {
  it('prints the documented JSON for a folder of samples', () => {
    const f = fixture();
    const r = run(['preview', f.rule, '--samples', f.samples, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['rule', 'scanned', 'matched', 'matches', 'skipped']);
    assert.equal(out.rule, 'Paste site from a script host');
    assert.equal(out.scanned, 5);
    assert.equal(out.matched, 2);
    assert.deepEqual(
      out.matches.map((m: { source: string; index: number; selections: string[] }) => [
        m.source.endsWith('proxy.csv') ? 'csv' : 'ndjson',
        m.index,
        m.selections,
      ]),
      [
        ['csv', 0, ['selection']],
        ['ndjson', 0, ['selection']],
      ],
    );
    assert.equal(out.matches[1].event.DestinationHostname, 'pastebin.com');
    assert.equal(out.skipped.length, 1);
    assert.equal(out.skipped[0].index, 3);
    assert.match(out.skipped[0].reason, /line 4: invalid JSON/);
    assert.equal(r.stderr, '', 'no progress output when stderr is not a terminal');
  });

  it('prints a table in text format and honours --limit', () => {
    const f = fixture();
    const r = run(['preview', f.rule, '--samples', join(f.samples, 'sysmon.ndjson'), join(f.samples, 'proxy.csv'), '--limit', '1']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /2 matches in 5 events, 1 unreadable/);
    assert.match(r.stdout, /SOURCE\s+INDEX\s+SELECTIONS\s+FIELDS/);
    assert.match(r.stdout, /… 1 more \(raise --limit\)/);
    const json = JSON.parse(run(['preview', f.rule, '--samples', f.samples, '--format', 'json', '--limit', '0']).stdout);
    assert.equal(json.matches.length, 0);
    assert.equal(json.matched, 2);
  });

  it('matches a SigmaHQ rule on its regression data', { skip: skipWithoutShared('corpus/sigmahq/regression_data', 'corpus/sigmahq/rules') }, () => {
    const dir = sharedPath('corpus', 'sigmahq', 'regression_data', 'rules', 'windows', 'process_creation', 'proc_creation_win_sc_stop_service');
    const rule = sharedPath('corpus', 'sigmahq', 'rules', 'windows', 'process_creation', 'proc_creation_win_sc_stop_service.yml');
    const out = JSON.parse(run(['preview', rule, '--samples', dir, '--format', 'json']).stdout);
    assert.ok(out.matched >= 1);
  });

  it('exits 2 with one line on usage and I/O problems', () => {
    const f = fixture();
    for (const args of [
      ['preview', f.rule],
      ['preview', '--samples', f.samples],
      ['preview', f.rule, '--samples', join(f.dir, 'missing')],
      ['preview', join(f.dir, 'missing.yml'), '--samples', f.samples],
      ['preview', f.rule, '--samples', f.samples, '--format', 'xml'],
      ['preview', f.rule, '--samples', f.samples, '--limit', 'many'],
      ['preview', f.rule, '--samples', f.samples, '--bogus'],
    ]) {
      const r = run(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^tripline: /);
    }
    writeFileSync(
      join(f.dir, 'corr.yml'),
      'title: c\nname: c\ncorrelation:\n    type: event_count\n    rules: [x]\n    timespan: 1h\n    condition:\n        gte: 2\n',
    );
    const r = run(['preview', join(f.dir, 'corr.yml'), '--samples', f.samples]);
    assert.equal(r.code, 2);
    // A correlation rule is evaluated now; this one names a rule that exists nowhere.
    assert.match(r.stderr, /refers to 'x', which is not the id or name of any rule/);
  });
});
