// `npm run attack:update -- <bundle.json[.gz]>...` or `-- --from-shared DIR`: rebuilds
// data/attack/catalog.json. The converter is the engine's own (server/src/engine/attack), bundled
// on the fly with esbuild so this script and the `attack.bundles` setting can never disagree.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'tripline-attack-'));
const outfile = join(dir, 'update.cjs');
try {
  await build({
    entryPoints: ['server/src/engine/attack/update/main.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  const { runUpdate } = createRequire(import.meta.url)(outfile);
  process.exitCode = runUpdate(process.argv.slice(2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
