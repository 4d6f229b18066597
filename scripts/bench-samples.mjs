// Sample-derived features: what `domains/noisy-in-samples` costs a CLI run over the SigmaHQ corpus,
// how long indexing the bundled samples takes, and a CodeLens preview cold and from the cache.
// Needs a build (node scripts/build.mjs). Figures only; tests never time anything.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const shared = [process.env.TRIPLINE_SHARED, '../shared', '/work/shared'].find((d) => d && existsSync(join(d, 'corpus')));
const corpus = join(shared, 'corpus', 'sigmahq');
const dirs = ['rules', 'rules-emerging-threats', 'rules-threat-hunting', 'rules-compliance', 'rules-dfir', 'rules-placeholder']
  .map((d) => join(corpus, d))
  .filter(existsSync);

function check(configJson) {
  const dir = mkdtempSync(join(tmpdir(), 'tripline-bench-'));
  const config = join(dir, 'tripline.config.json');
  writeFileSync(config, JSON.stringify(configJson));
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['dist/cli.js', 'check', ...dirs, '--format', 'json', '--config', config], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const report = JSON.parse(r.stdout);
  const noisy = report.files.flatMap((f) => f.diagnostics.filter((d) => d.code === 'domains/noisy-in-samples'));
  return { ms, files: report.files.length, noisy: noisy.length };
}

const off = check({ checks: { 'domains/noisy-in-samples': 'off' } });
const on = check({});
console.log(
  `tripline check over ${on.files} SigmaHQ files: ${(off.ms / 1000).toFixed(1)} s without noisy-in-samples, ${(on.ms / 1000).toFixed(1)} s with it on the bundled samples (default) — ${on.noisy} findings`,
);

const samples = require('../out/server/src/engine/samples/index.js');
const set = samples.bundledSamples();
let t = Date.now();
const index = new samples.SampleIndex(set.sources, set.attack);
await index.add(samples.DEFAULT_INDEX_FIELDS);
console.log(
  `index of the bundled samples (${(index.events.baseline + index.events.attack).toLocaleString('en-US')} events, ${index.groups.size} logsource groups): ${Date.now() - t} ms`,
);

const cache = new samples.PreviewCache();
const rulePath = 'examples/sigma/net_connection_win_web_service_broad_list.yml';
const req = { ruleText: readFileSync(rulePath, 'utf8'), rulePath, docIndex: -1, samples: set.sources, limit: 200 };
t = Date.now();
const cold = await cache.run(req);
const coldMs = Date.now() - t;
t = Date.now();
await cache.run(req);
console.log(
  `CodeLens preview of the broad example (${cold.matched} matches in ${cold.scanned} events): ${coldMs} ms cold in the worker, ${Date.now() - t} ms from the cache`,
);
