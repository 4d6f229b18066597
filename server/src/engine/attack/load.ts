import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { TriplineConfig } from '../config/config';
import { readBundleFile } from './bundle-file';
import { AttackCatalog } from './catalog';
import { CATALOG_FORMAT, type CatalogData } from './data';
import { convertBundles } from './stix';

const CATALOG_PATH = join('data', 'attack', 'catalog.json');

/**
 * The shipped catalog sits in data/attack/ at the package root. Bundled front ends run from dist/,
 * compiled tests from out/server/...: look upwards from this module rather than hard-coding depth.
 */
function findShipped(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const p = join(dir, CATALOG_PATH);
    if (existsSync(p)) return p;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error(`the ATT&CK catalog (${CATALOG_PATH}) is missing from the installation; reinstall Tripline or run npm run attack:update`);
}

let shipped: AttackCatalog | undefined;

/** The catalog that ships with Tripline, read on first use and kept. */
export function shippedCatalog(): AttackCatalog {
  if (!shipped) {
    const data = JSON.parse(readFileSync(findShipped(), 'utf8')) as CatalogData;
    if (data.format !== CATALOG_FORMAT)
      throw new Error(`ATT&CK catalog format ${data.format} is not supported (expected ${CATALOG_FORMAT}); run npm run attack:update`);
    shipped = new AttackCatalog(data);
  }
  return shipped;
}

interface LoadedCatalog {
  catalog: AttackCatalog;
  /** Why the configured bundles could not be used (the shipped catalog is used instead). */
  problem?: string;
}

const fromBundles = new Map<string, LoadedCatalog>();

/**
 * The catalog for a configuration: the shipped one, or the user's official bundles
 * (`attack.bundles`) converted once and merged over it, so a Mobile-only or Enterprise-only bundle
 * keeps the other domain. Cached by path and modification time.
 */
export function catalogFor(config: TriplineConfig): LoadedCatalog {
  const bundles = config.attack.bundles;
  if (bundles.length === 0) return { catalog: shippedCatalog() };
  const paths = bundles.map((b) => (isAbsolute(b) ? b : resolve(config.baseDir ?? process.cwd(), b)));
  let key: string;
  try {
    key = paths.map((p) => `${p}@${statSync(p).mtimeMs}`).join('|');
  } catch (e) {
    const base = shippedCatalog();
    return {
      catalog: base,
      problem: `attack.bundles: cannot read ${(e as NodeJS.ErrnoException).path ?? paths.join(', ')} (${(e as NodeJS.ErrnoException).code ?? String(e)}); using the shipped ATT&CK ${base.version} catalog`,
    };
  }
  const hit = fromBundles.get(key);
  if (hit) return hit;
  let loaded: LoadedCatalog;
  try {
    loaded = { catalog: new AttackCatalog(convertBundles(paths.map(readBundleFile), shippedCatalog().data)) };
  } catch (e) {
    loaded = { catalog: shippedCatalog(), problem: `attack.bundles: ${(e as Error).message}; using the shipped ATT&CK ${shippedCatalog().version} catalog` };
  }
  fromBundles.set(key, loaded);
  return loaded;
}

/** For `tripline --version`. */
export function catalogVersionLine(): string {
  try {
    const c = shippedCatalog();
    const domains = Object.entries(c.data.domains)
      .map(([d, info]) => `${d} ${info?.version ?? '?'}`)
      .join(', ');
    return `MITRE ATT&CK® catalog ${c.version} (${domains})`;
  } catch (e) {
    return `MITRE ATT&CK® catalog: unavailable (${(e as Error).message})`;
  }
}
