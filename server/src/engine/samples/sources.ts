import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { TriplineConfig } from '../config/config';
import type { SampleSource } from '../preview/types';
import { expandSamplePattern } from './glob';

/**
 * Which telemetry the preview, the per-entry hit counts and `domains/noisy-in-samples` run on:
 * the `samples.paths` globs (relative to the config file's folder, else the workspace) plus the
 * samples shipped with Tripline when `samples.bundled` is on. The same resolution for the CLI and
 * the editor, so both report the same numbers.
 */
export interface SampleSet {
  sources: SampleSource[];
  /** Labelled attack events of the bundled samples: absolute path → event indexes. */
  attack: Map<string, Set<number>>;
  /** Patterns that matched nothing, unreadable labels...: shown to the user, never fatal. */
  problems: string[];
}

interface LabelsFile {
  files: Record<string, { attack: { index: number }[] }>;
}

let bundledDirCache: string | null | undefined;

/** The bundled `samples/` folder: beside dist/ in the package, at the repository root in tests. */
function bundledSamplesDir(): string | null {
  if (bundledDirCache !== undefined) return bundledDirCache;
  let d = __dirname;
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(d, 'samples', 'labels.json'))) return (bundledDirCache = join(d, 'samples'));
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  return (bundledDirCache = null);
}

let bundledCache: { sources: SampleSource[]; attack: Map<string, Set<number>>; problem?: string } | undefined;

/** The bundled files as listed in labels.json (so labels.json and README.md are never read as telemetry). */
export function bundledSamples(): { sources: SampleSource[]; attack: Map<string, Set<number>>; problem?: string } {
  if (bundledCache) return bundledCache;
  const dir = bundledSamplesDir();
  if (!dir) return (bundledCache = { sources: [], attack: new Map(), problem: 'the bundled samples were not found beside Tripline' });
  try {
    const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as LabelsFile;
    const sources: SampleSource[] = [];
    const attack = new Map<string, Set<number>>();
    for (const [name, info] of Object.entries(labels.files)) {
      const path = join(dir, name);
      if (!existsSync(path)) continue;
      sources.push({ source: path, path });
      attack.set(path, new Set(info.attack.map((a) => a.index)));
    }
    return (bundledCache = { sources, attack });
  } catch (e) {
    return (bundledCache = { sources: [], attack: new Map(), problem: `bundled samples: cannot read labels.json (${(e as Error).message})` });
  }
}

export function resolveSampleSources(config: TriplineConfig, workspaceRoot?: string | null): SampleSet {
  const base = config.baseDir ?? workspaceRoot ?? process.cwd();
  const problems: string[] = [];
  const seen = new Set<string>();
  const sources: SampleSource[] = [];
  for (const pattern of config.samples.paths) {
    const { files, problem } = expandSamplePattern(pattern, base);
    if (problem) problems.push(problem);
    for (const f of files) {
      const abs = resolve(f);
      if (seen.has(abs)) continue;
      seen.add(abs);
      sources.push({ source: abs, path: abs });
    }
  }
  let attack = new Map<string, Set<number>>();
  if (config.samples.bundled) {
    const b = bundledSamples();
    if (b.problem) problems.push(b.problem);
    for (const s of b.sources) {
      if (seen.has(s.path!)) continue;
      seen.add(s.path!);
      sources.push(s);
    }
    attack = b.attack;
  }
  return { sources, attack, problems };
}
