// Bundles the client, the language server and the CLI with esbuild, then compiles the
// tests with tsc so `npm test` runs the same sources the bundles were built from.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

/**
 * The `yaml` parser reads `process.env.LOG_TOKENS` once per token and its composer
 * `process.env.LOG_STREAM` once per document (debug switches of the library). Each read of
 * process.env calls into the runtime: 0.5-1 µs, about 1.5 ms of every analysis of a 272-line rule
 * (issue 14: a tenth of the work per keystroke). The bundles fold the switches to `false`; the
 * build fails if the library stops containing them, so the patch is never silently stale.
 */
const yamlDebugSwitches = {
  name: 'yaml-debug-switches',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]yaml[\\/]dist[\\/](parse[\\/]parser|compose[\\/]composer)\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const folded = source.replace(/node_process\.env\.LOG_(TOKENS|STREAM)\b/g, 'false');
      if (folded === source) return { errors: [{ text: `yaml-debug-switches: no process.env.LOG_* read left in ${args.path}; update scripts/build.mjs` }] };
      return { contents: folded, loader: 'js' };
    });
  },
};

const common = {
  plugins: [yamlDebugSwitches],
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
