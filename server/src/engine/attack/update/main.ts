import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readBundleFile } from '../bundle-file';
import { catalogCounts, serializeCatalog } from '../counts';
import type { CatalogData } from '../data';
import { convertBundles } from '../stix';
import { catalogFromShared } from './from-shared';

const USAGE = `usage: npm run attack:update -- [--out FILE] [--no-base] BUNDLE.json[.gz]...
       npm run attack:update -- --from-shared DIR [--out FILE]
  BUNDLE   official ATT&CK STIX bundles (enterprise-attack-19.1.json, mobile-attack-19.1.json...).
           Domains not given keep the data of the current catalog unless --no-base.
  --from-shared DIR  build from the project's reference data (DIR = shared/attack: v19 techniques
           and tactics plus the v18.1 detection model)
  --out FILE  where to write (default data/attack/catalog.json)`;

/** The `attack:update` command; returns the exit code. */
export function runUpdate(argv: string[]): number {
  let out = 'data/attack/catalog.json';
  let shared: string | undefined;
  let useBase = true;
  const bundles: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') out = argv[++i] ?? '';
    else if (a === '--from-shared') shared = argv[++i];
    else if (a === '--no-base') useBase = false;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(USAGE + '\n');
      return 0;
    } else if (a.startsWith('--')) {
      process.stderr.write(`attack:update: unknown option ${a}\n${USAGE}\n`);
      return 2;
    } else bundles.push(a);
  }
  if (!out || (shared === undefined && bundles.length === 0) || (shared !== undefined && bundles.length > 0)) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  let data: CatalogData;
  try {
    if (shared !== undefined) data = catalogFromShared(shared);
    else {
      const base = useBase && existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as CatalogData) : undefined;
      data = convertBundles(bundles.map(readBundleFile), base);
    }
  } catch (e) {
    process.stderr.write(`attack:update: ${(e as Error).message}\n`);
    return 2;
  }
  writeFileSync(out, serializeCatalog(data));
  const c = catalogCounts(data);
  const lines = [`wrote ${out}: ATT&CK ${data.attackVersion}`];
  for (const [d, n] of Object.entries(c.domains))
    lines.push(
      `  ${d} ${data.domains[d as keyof typeof data.domains]?.version ?? '?'}: ${n.techniques} techniques, ${n.subtechniques} sub-techniques active; ${n.revoked} revoked, ${n.deprecated} deprecated`,
    );
  lines.push(`  ${c.tactics} tactics, ${c.detectionStrategies} detection strategies, ${c.analytics} analytics, ${c.dataComponents} data components`);
  // Official bundles carry groups and software; the project's reference extract does not.
  lines.push(
    data.groups || data.software
      ? `  ${data.groups?.length ?? 0} groups, ${data.software?.length ?? 0} software`
      : '  no groups or software in the source data',
  );
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}
