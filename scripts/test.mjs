// `npm test`: unit, corpus and protocol tests (node:test over the compiled tests), then the
// real-editor suite when its tools are installed (see test/e2e/README.md).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

// Always test the current sources: a stale bundle or out/ would test yesterday's code.
if (process.env.TRIPLINE_SKIP_BUILD !== '1' || !existsSync('dist/cli.js') || !existsSync('out')) {
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const only = process.argv.slice(2);
const files = [...find('out/server'), ...find('out/test')].filter(
  (f) => !f.includes(`${join('test', 'e2e')}`) && (only.length === 0 || only.some((o) => f.includes(o))),
);
const unit = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
if (unit.status !== 0) process.exit(unit.status ?? 1);

if (only.length === 0 && existsSync('scripts/e2e.mjs')) {
  const e2e = spawnSync(process.execPath, ['scripts/e2e.mjs'], { stdio: 'inherit' });
  process.exit(e2e.status ?? 1);
}
