import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { SAMPLE_FILE } from '../preview/readers/extensions';

/** Folders never worth walking for telemetry. */
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist']);
/** A runaway pattern (`/**`) must not walk the whole disk. */
const MAX_FILES = 5000;

const GLOB_CHARS = /[*?{[]/;

export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:[^/]*/)*' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) re += '\\{';
      else {
        re += `(?:${glob.slice(i + 1, end).split(',').map((p) => p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|')})`;
        i = end;
      }
    } else if (c === '[') {
      const end = glob.indexOf(']', i);
      if (end < 0) re += '\\[';
      else {
        re += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, process.platform === 'win32' ? 'i' : '');
}

function walk(dir: string, out: string[], filter: (file: string) => boolean, depth = 0): void {
  if (depth > 24 || out.length >= MAX_FILES) return;
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    if (out.length >= MAX_FILES) return;
    const p = join(dir, name);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory()) {
      if (!SKIP_DIRS.has(name) && !name.startsWith('.')) walk(p, out, filter, depth + 1);
    } else if (st.isFile() && filter(p)) out.push(p);
  }
}

interface Expansion {
  files: string[];
  /** Set when the pattern matched nothing, so the user can be told. */
  problem?: string;
}

/** The files a `samples.paths` entry names, absolute, sorted. */
export function expandSamplePattern(pattern: string, base: string): Expansion {
  const p = pattern.trim().replace(/\\/g, '/');
  if (!p) return { files: [], problem: 'empty sample path' };
  if (!GLOB_CHARS.test(p)) {
    const abs = resolve(base, p);
    try {
      const st = statSync(abs);
      if (st.isFile()) return { files: [abs] };
      if (st.isDirectory()) {
        const files: string[] = [];
        walk(abs, files, (f) => SAMPLE_FILE.test(f));
        return files.length > 0 ? { files } : { files, problem: `${pattern}: no telemetry files (.json, .ndjson, .csv, .zip...) in this folder` };
      }
    } catch {
      // fall through
    }
    return { files: [], problem: `${pattern}: not found` };
  }
  const segments = p.split('/');
  let i = 0;
  while (i < segments.length - 1 && !GLOB_CHARS.test(segments[i])) i++;
  const prefix = segments.slice(0, i).join('/') || (isAbsolute(p) ? '/' : '.');
  const start = isAbsolute(p) ? resolve(prefix) : resolve(base, prefix);
  const re = globToRegExp(segments.slice(i).join('/'));
  const files: string[] = [];
  walk(start, files, (f) => re.test(relative(start, f).split(sep).join('/')));
  return files.length > 0 ? { files } : { files, problem: `${pattern}: matched no file` };
}
