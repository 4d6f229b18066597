// How long "Tripline: Check All Rules in the Workspace" takes on a large workspace: the client runs
// `tripline check --format json` in child processes, in growing batches (client/src/commands/
// batch-sizes.ts). This replays that on the SigmaHQ corpus and reports the total, the slowest
// batch (the longest the progress bar stands still) and the files per second.
// Usage: node scripts/bench-workspace-check.mjs [FOLDER]   (default ../shared/corpus/sigmahq/rules)
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// The client's batch plan (client/src/commands/check-workspace.ts batchSizes), compiled by the build.
const { batchSizes } = await import(pathToFileURL(resolve('out/client/src/commands/batch-sizes.js')).href);
const root = resolve(
  process.argv[2] ??
    [join('..', 'shared', 'corpus', 'sigmahq', 'rules'), '/work/shared/corpus/sigmahq/rules'].find((p) => {
      try {
        return statSync(p).isDirectory();
      } catch {
        return false;
      }
    }),
);
const files = [];
const walk = (d) => {
  for (const n of readdirSync(d, { withFileTypes: true })) {
    if (n.isDirectory()) walk(join(d, n.name));
    else if (/\.(ya?ml|kql|csl)$/.test(n.name)) files.push(join(d, n.name));
  }
};
walk(root);

const run = (batch) =>
  new Promise((res, rej) => {
    const p = spawn(process.execPath, ['dist/cli.js', 'check', '--format', 'json', ...batch], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (b) => (out += b));
    p.on('exit', (code) => (code === 0 || code === 1 ? res(JSON.parse(out)) : rej(new Error(`exit ${code}`))));
  });

const started = performance.now();
let slowest = 0;
let diagnostics = 0;
const plan = batchSizes(files.length);
let i = 0;
for (const size of plan) {
  const t = performance.now();
  const r = await run(files.slice(i, i + size));
  i += size;
  slowest = Math.max(slowest, performance.now() - t);
  diagnostics += r.files.reduce((n, f) => n + f.diagnostics.length, 0);
}
const total = (performance.now() - started) / 1000;
console.log(
  `workspace check: ${files.length} files in ${plan.length} batches (${plan.join(', ')}): ${total.toFixed(1)} s (${(files.length / total).toFixed(0)} files/s), slowest batch ${(slowest / 1000).toFixed(2)} s, ${diagnostics} diagnostics`,
);
