/**
 * `tripline check examples` (what `npm run demo` shows): the precise examples stay free of warnings
 * and errors, and each example built around a mistake gets the diagnostic its header names.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../sample-labels';

interface JsonReport {
  files: { path: string; kind: string; diagnostics: { code: string; severity: string }[] }[];
}

function check(): JsonReport {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'check', 'examples', '--format', 'json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.status, 1, `exit 1 expected (the misspelt modifier is an error); stderr: ${r.stderr}`);
  return JSON.parse(r.stdout) as JsonReport;
}

const PRECISE = [
  'sigma/proxy_paste_raw_fetch_by_script.yml',
  'sigma/net_connection_win_telegram_bot_api_non_browser.yml',
  'sigma/proxy_webhook_exfiltration.yml',
  'sigma/dns_query_win_tunnel_services.yml',
  'sigma/proc_creation_win_cloud_upload_tools.yml',
  'sigma/dns_telegram_bot_api.yml',
  'sigma/mobile_android_firebase_relay_sideloaded.yml',
  'sigma/mobile_ios_enterprise_app_firebase.yml',
];

const MISTAKES: Record<string, string[]> = {
  'sigma/net_connection_win_web_service_broad_list.yml': ['domains/no-dot-boundary', 'domains/public-suffix', 'domains/high-prevalence', 'domains/redundant', 'domains/malformed'],
  'sigma/net_connection_win_workers_pre_technique_only.yml': ['attack/pre-technique'],
  'sigma/proc_creation_win_paste_t1481_on_windows.yml': ['attack/platform-mismatch'],
  'sigma/dns_query_win_misspelt_modifier.yml': ['sigma/unknown-modifier'],
  'sentinel/web_service_domains_t1583_006.yaml': ['attack/pre-technique', 'domains/public-suffix', 'domains/high-prevalence'],
  'kql/hunt_web_service_domains.kql': ['domains/public-suffix', 'domains/high-prevalence'],
};

describe('tripline check examples', () => {
  const report = check();
  const byPath = new Map(report.files.map((f) => [f.path.replace(/^examples[\\/]/, '').replaceAll('\\', '/'), f]));

  it('lists every example file', () => {
    for (const p of [...PRECISE, ...Object.keys(MISTAKES)]) assert.ok(byPath.has(p), `${p} missing from the report`);
  });

  for (const p of PRECISE) {
    it(`${p}: no warning or error`, () => {
      const bad = byPath.get(p)!.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
      assert.deepEqual(bad, []);
    });
  }

  for (const [p, codes] of Object.entries(MISTAKES)) {
    it(`${p}: ${codes.join(', ')}`, () => {
      const got = new Set(byPath.get(p)!.diagnostics.map((d) => d.code));
      for (const c of codes) assert.ok(got.has(c), `${c} not reported; got ${[...got].join(', ')}`);
    });
  }

  it('the only error is the misspelt modifier', () => {
    const errors = report.files.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error').map((d) => `${f.path}: ${d.code}`));
    assert.deepEqual(errors.map((e) => e.replace(/^examples[\\/]/, '').replaceAll('\\', '/')), ['sigma/dns_query_win_misspelt_modifier.yml: sigma/unknown-modifier']);
  });
});
