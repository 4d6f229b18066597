// Bundles the client, the language server and the CLI with esbuild, then compiles the
// tests with tsc so `npm test` runs the same sources the bundles were built from.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  loader: { '.json': 'json' },
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
  build({ ...common, entryPoints: ['server/src/engine/preview/worker.ts'], outfile: 'dist/preview-worker.js' }),
  build({ ...common, entryPoints: ['server/src/lsp/analysis/worker.ts'], outfile: 'dist/analysis-worker.js' }),
]);

const cli = 'dist/cli.js';
const text = readFileSync(cli, 'utf8');
if (!text.startsWith('#!')) writeFileSync(cli, '#!/usr/bin/env node\n' + text);
chmodSync(cli, 0o755);

if (!process.argv.includes('--no-tests')) {
  // A test deleted from the sources must not keep running from a stale out/.
  rmSync('out', { recursive: true, force: true });
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { stdio: 'inherit' });
  // The client on its own settings (no mocha, no server sources): esbuild bundles without type
  // checking, so this is where a type error in the extension fails the build.
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'client/tsconfig.json'], { stdio: 'inherit' });
}
