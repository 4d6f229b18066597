import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { SampleSource } from '../preview/types';

/**
 * Identifies a set of samples by what they are now: each file's path, size and modification time
 * (in-memory text by its hash). Results computed for one fingerprint are reused until a file changes.
 */
export function sampleFingerprint(sources: SampleSource[]): string {
  const h = createHash('sha1');
  for (const s of sources) {
    h.update(s.source).update('\0');
    if (s.path) {
      try {
        const st = statSync(s.path);
        h.update(`${st.size}:${st.mtimeMs}`);
      } catch {
        h.update('missing');
      }
    } else if (s.text !== undefined) h.update(createHash('sha1').update(s.text).digest('hex'));
    h.update('\n');
  }
  return h.digest('hex');
}

export function textHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
