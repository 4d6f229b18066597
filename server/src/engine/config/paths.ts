import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { TriplineConfig } from './config';

/**
 * Configuration entries that make Tripline read files. A workspace that is not trusted must not be
 * able to point them anywhere; a trusted one must not point them outside itself unless the user
 * (not the workspace) allows it. Add any new path-valued setting here.
 */
const PATH_SETTINGS: readonly { key: string; get(c: TriplineConfig): string[]; set(c: TriplineConfig, v: string[]): void }[] = [
  { key: 'samples.paths', get: (c) => c.samples.paths, set: (c, v) => (c.samples.paths = v) },
  { key: 'attack.bundles', get: (c) => c.attack.bundles, set: (c, v) => (c.attack.bundles = v) },
];

export interface PathPolicy {
  /** The workspace is trusted by the user (VS Code's workspace trust). */
  trusted: boolean;
  /** The workspace folder paths must stay inside (none: nothing to confine to). */
  root: string | null;
  /** The user's own setting allows paths outside the workspace. */
  allowOutside: boolean;
}

interface ConfinedConfig {
  config: TriplineConfig;
  /** What was ignored and why, for one message to the user. */
  ignored: string[];
}

const GLOB_CHARS = /[*?[\]{}]/;

/** The part of a glob before its first wildcard segment (`logs/**\/*.json` → `logs`). */
function literalPrefix(pattern: string): string {
  const parts = pattern.split(/[\\/]/);
  const at = parts.findIndex((p) => GLOB_CHARS.test(p));
  return (at < 0 ? parts : parts.slice(0, at)).join('/') || '.';
}

/** Resolves symbolic links of the longest existing ancestor, so a link cannot lead out. */
function realish(p: string): string {
  let cur = p;
  const rest: string[] = [];
  for (let i = 0; i < 256 && !existsSync(cur); i++) {
    const parent = dirname(cur);
    if (parent === cur) break;
    rest.unshift(cur.slice(parent.length).replace(/^[\\/]/, ''));
    cur = parent;
  }
  try {
    return resolve(realpathSync(cur), ...rest);
  } catch {
    return p;
  }
}

function inside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.startsWith(`..${sep}`));
}

/** Whether a configured path or glob stays inside `root` once resolved against `base`. */
export function staysInside(pattern: string, base: string, root: string): boolean {
  const realRoot = realish(resolve(root));
  // Lexically (`..` segments anywhere, glob characters taken literally) and through links.
  return inside(resolve(root), resolve(base, pattern)) && inside(realRoot, realish(resolve(base, literalPrefix(pattern))));
}

/** The configuration with path settings the policy forbids removed, and a note for each. */
export function confinePaths(config: TriplineConfig, policy: PathPolicy): ConfinedConfig {
  const out: TriplineConfig = { ...config, samples: { ...config.samples }, attack: { ...config.attack } };
  const ignored: string[] = [];
  for (const s of PATH_SETTINGS) {
    const values = s.get(config);
    if (values.length === 0) continue;
    if (!policy.trusted) {
      s.set(out, []);
      ignored.push(`${s.key} (the workspace is not trusted)`);
      continue;
    }
    if (policy.allowOutside || !policy.root) continue;
    const base = config.baseDir ?? policy.root;
    const kept = values.filter((v) => staysInside(v, base, policy.root as string));
    if (kept.length < values.length) {
      s.set(out, kept);
      ignored.push(`${s.key}: ${values.filter((v) => !kept.includes(v)).join(', ')} (outside the workspace folder)`);
    }
  }
  return { config: out, ignored };
}
