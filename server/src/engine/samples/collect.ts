import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isSampleFile } from '../preview/readers/extensions';
import type { SampleSource } from '../preview/types';
import { InputError } from '../workspace/files';

/**
 * Sample sources named on a command line: files as given, folders walked (sorted, recursive) for
 * telemetry files. A path that does not exist is an input problem, never silently skipped.
 */
export function collectSamples(paths: readonly string[]): SampleSource[] {
  const out: SampleSource[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && isSampleFile(name)) out.push({ source: p, path: p });
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      throw new InputError(`cannot read samples ${p}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    if (st.isDirectory()) walk(p);
    else out.push({ source: p, path: p });
  }
  return out;
}
