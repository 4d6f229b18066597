import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readSample } from '../server/src/engine/preview';

/** The repository root (tests run from out/test/...). */
export const ROOT = resolve(__dirname, '..', '..');
const SAMPLES_DIR = join(ROOT, 'samples');
export const EXAMPLES_DIR = join(ROOT, 'examples');

export interface AttackLabel {
  index: number;
  pattern: string;
  step: string;
  category: string;
}

interface FileLabels {
  format: string;
  product: string | null;
  events: number;
  baseline: number;
  categories: Record<string, number>;
  attack: AttackLabel[];
}

interface Labels {
  seed: number;
  patterns: Record<string, { description: string; techniques: string[] }>;
  files: Record<string, FileLabels>;
}

/** samples/labels.json: which events of which bundled file are attack activity, by pattern and step. */
export function loadLabels(): Labels {
  return JSON.parse(readFileSync(join(SAMPLES_DIR, 'labels.json'), 'utf8')) as Labels;
}

export const samplePath = (file: string): string => join(SAMPLES_DIR, file);

/** Every event of a bundled file, in order (index = position), read by the product's own readers. */
export async function readEvents(file: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const item of readSample({ source: file, path: samplePath(file) })) {
    if (item.kind !== 'event') throw new Error(`${file}: unreadable record ${item.index}: ${item.reason}`);
    out[item.index] = item.event;
  }
  return out;
}

/** "file#index" keys of the labelled attack events selected by `pick`. */
export function attackKeys(labels: Labels, files: string[], pick: (a: AttackLabel) => boolean): Set<string> {
  const out = new Set<string>();
  for (const f of files) for (const a of labels.files[f].attack) if (pick(a)) out.add(`${f}#${a.index}`);
  return out;
}

export function isAttack(labels: Labels, file: string, index: number): boolean {
  return labels.files[file].attack.some((a) => a.index === index);
}
