// `npm run bench`: runs every scripts/bench-*.mjs in turn (each prints its own figures).
// Timings live here, never in tests, so CI stays deterministic.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv.slice(2);
const benches = readdirSync('scripts')
  .filter((f) => /^bench-.*\.mjs$/.test(f) && (only.length === 0 || only.some((o) => f.includes(o))))
  .sort();
let failed = 0;
for (const b of benches) {
  console.log(`\n== ${b}`);
  const r = spawnSync(process.execPath, [`scripts/${b}`], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
