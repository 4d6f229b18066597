import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The shared test data (SigmaHQ, Sentinel, ATT&CK) lives beside the repository in `../shared`; it
 * is never copied into the project. TRIPLINE_SHARED, when set, is the only place looked at (so
 * pointing it at an empty folder runs the suite as a clone without the data would).
 *
 * Nothing here runs at import: a test file that needs the data asks for it inside its tests and
 * declares `{ skip: skipWithoutShared(...) }`, so a missing folder skips those tests with a reason
 * instead of failing every test of the file at load time.
 */
export function findShared(): string | undefined {
  const env = process.env.TRIPLINE_SHARED;
  const candidates = env ? [env] : [resolve(__dirname, '..', '..', '..', 'shared'), '/work/shared'];
  return candidates.find((c) => existsSync(join(c, 'corpus')));
}

/** The shared folder; throws when it is absent (call it only from a test that skips without it). */
export function sharedDir(): string {
  const dir = findShared();
  if (!dir) throw new Error('shared test data not found (../shared, or TRIPLINE_SHARED)');
  return dir;
}

/** A path inside the shared folder (see sharedDir). */
export function sharedPath(...parts: string[]): string {
  return join(sharedDir(), ...parts);
}

/** For node:test's `skip` option: false when every given part of the shared data exists, else why not. */
export function skipWithoutShared(...parts: string[]): string | false {
  const dir = findShared();
  if (!dir) return 'shared test data not found (../shared, or set TRIPLINE_SHARED)';
  const missing = parts.find((p) => !existsSync(join(dir, p)));
  return missing ? `shared test data ${missing} not found in ${dir}` : false;
}
