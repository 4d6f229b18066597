import { readdirSync, readFileSync, statSync } from 'node:fs';
import { MAX_FILE_BYTES } from '../document/source';
import { join } from 'node:path';

export const RULE_EXTENSIONS = /\.(ya?ml|kql|csl)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

export class InputError extends Error {}

/**
 * Expands the paths a user gave into rule files: files as given (any extension), folders
 * recursively by extension. Paths are reported as given or as found under a given folder.
 */
export function collectRuleFiles(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(code === 'ENOENT' ? `no such file or directory: ${p}` : `cannot read ${p}: ${code ?? String(e)}`);
    }
    if (st.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

function walk(dir: string, out: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (e) {
    throw new InputError(`cannot read directory ${dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  for (const name of names) {
    const p = join(dir, name);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue; // a dangling symlink is not an input
    }
    if (st.isDirectory()) {
      if (!SKIP_DIRS.has(name)) walk(p, out);
    } else if (RULE_EXTENSIONS.test(name)) out.push(p);
  }
}

/** Reads a rule file for checking: oversized files are not read into memory (the engine reports them). */
export function readRuleFile(path: string): { text: string; size: number } {
  try {
    const size = statSync(path).size;
    return { text: size <= MAX_FILE_BYTES ? readFileSync(path, 'utf8') : '', size };
  } catch (e) {
    throw new InputError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}
