import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The shared test data (SigmaHQ, Sentinel, ATT&CK) lives beside the repository in `../shared`.
 * TRIPLINE_SHARED overrides it, for clones kept elsewhere.
 */
export function sharedDir(): string {
  const candidates = [process.env.TRIPLINE_SHARED, resolve(__dirname, '..', '..', '..', 'shared'), '/work/shared'].filter((c): c is string => !!c);
  for (const c of candidates) if (existsSync(join(c, 'corpus'))) return c;
  throw new Error(`shared test data not found (tried ${candidates.join(', ')}); set TRIPLINE_SHARED`);
}

export const SHARED = sharedDir();
