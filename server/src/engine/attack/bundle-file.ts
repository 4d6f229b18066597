import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { BundleError, type NamedBundle } from './stix';

/** Reads a STIX bundle file, gzip-compressed or not (told by its magic bytes, not its name). */
export function readBundleFile(path: string): NamedBundle {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (e) {
    throw new BundleError(`cannot read ATT&CK bundle ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let text: string;
  try {
    text = (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString('utf8');
  } catch (e) {
    throw new BundleError(`${path}: not a readable gzip file (${(e as Error).message})`);
  }
  try {
    return { name: basename(path), bundle: JSON.parse(text) as unknown };
  } catch (e) {
    throw new BundleError(`${path}: not valid JSON (${(e as Error).message})`);
  }
}
