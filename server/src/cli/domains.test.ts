import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { sharedPath, skipWithoutShared } from '../../../test/shared-data';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const DEAD_DROP = join('corpus', 'sigmahq', 'rules', 'windows', 'network_connection', 'net_connection_win_domain_dead_drop_resolvers.yml');
const SKIP = skipWithoutShared(DEAD_DROP);
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: ROOT });

describe('tripline domains', () => {
  it('prints the entries of a rule as JSON with what each matches and its verdict', { skip: SKIP }, () => {
    const RULE = sharedPath(DEAD_DROP);
    const r = run('domains', RULE, '--format', 'json');
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      entries: { value: string; match: string; service: string | null; category: string | null; verdict: { code: string }[]; context: { polarity: string } }[];
    };
    const byValue = new Map(out.entries.filter((e) => e.context.polarity === 'match').map((e) => [e.value, e]));
    assert.equal(byValue.size, 53);
    const w = byValue.get('workers.dev')!;
    assert.equal(w.service, 'Cloudflare Workers');
    assert.equal(w.category, 'serverless-hosting');
    assert.deepEqual(w.verdict.map((v) => v.code).sort(), ['domains/no-dot-boundary', 'domains/public-suffix']);
    assert.deepEqual(
      byValue.get('ghostbin.co/')!.verdict.map((v) => v.code),
      ['domains/malformed'],
    );
    assert.deepEqual(byValue.get('.t.me')!.verdict, []);
  });
  it('prints a table as text, the same verdicts as tripline check', { skip: SKIP }, () => {
    const RULE = sharedPath(DEAD_DROP);
    const r = run('domains', RULE);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /53|\d+ domain entries/);
    assert.match(r.stdout, /pages\.dev .*Cloudflare Pages.*public-suffix \(information\)/);
    assert.match(r.stdout, /githubusercontent\.com .*public-suffix \(warning\)/);
    const check = run('check', RULE, '--format', 'json');
    const diags = (JSON.parse(check.stdout) as { files: { diagnostics: { code: string }[] }[] }).files[0].diagnostics.filter((d) =>
      d.code.startsWith('domains/'),
    );
    const json = JSON.parse(run('domains', RULE, '--format', 'json').stdout) as { entries: { verdict: unknown[] }[] };
    assert.equal(
      json.entries.reduce((n, e) => n + e.verdict.length, 0),
      diags.length,
    );
  });
  it('does not call an exact bare domain on a URL column "ok" (too narrow)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tripline-domains-'));
    const q = join(dir, 'sunburst.kql');
    writeFileSync(q, 'DeviceNetworkEvents\n| where RemoteUrl in (dynamic(["avsvmcloud.com", "api.telegram.org"]))\n');
    const r = run('domains', q);
    rmSync(dir, { recursive: true, force: true });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /avsvmcloud\.com .*too-narrow \(warning\)/);
    assert.doesNotMatch(r.stdout, /avsvmcloud\.com .* ok\s*$/m);
  });
  it('exits 2 on usage and I/O problems', () => {
    assert.equal(run('domains').status, 2);
    // A bundled example: the usage error must not depend on the shared data.
    assert.equal(run('domains', join(ROOT, 'examples', 'sigma', 'dns_query_win_misspelt_modifier.yml'), '--format', 'xml').status, 2);
    const missing = run('domains', join(ROOT, 'no-such-rule.yml'));
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read/);
  });
});
