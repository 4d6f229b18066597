import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Reads a JSON file shipped under the package's data/ folder. Bundled front ends run from dist/,
 * compiled tests from out/server/...: walking up from this module finds data/ in both layouts
 * (and in the installed extension), and the file is read only when first needed.
 */
export function readDataJson<T>(relative: string): T {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const p = join(dir, 'data', relative);
    if (existsSync(p)) return JSON.parse(readFileSync(p, 'utf8')) as T;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error(`data/${relative} is missing from the installation; reinstall Tripline or run node scripts/gen-kql-schemas.mjs`);
}
