import { closeSync, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { MAX_FILE_BYTES, type TextFacts } from '../document/source';

const RULE_EXTENSIONS = /\.(ya?ml|kql|csl)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

export class InputError extends Error {}

/**
 * Expands the paths a user gave into rule files: files as given (any extension), folders
 * recursively by extension. Paths are reported as given or as found under a given folder. A path
 * the user gave that does not exist is an InputError; anything found while walking never is:
 * symlink loops, FIFOs, sockets, devices and unreadable folders are skipped with a note (passed to
 * `onNote`), and a file reached twice (through a symlink, or given twice) is listed once.
 */
export function collectRuleFiles(paths: string[], onNote: (note: string) => void = () => undefined): string[] {
  const walker = new Walker(onNote);
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(code === 'ENOENT' ? `no such file or directory: ${p}` : `cannot read ${p}: ${code ?? String(e)}`);
    }
    if (st.isDirectory()) walker.dir(p);
    // Named by the user: read even if it is a pipe (`tripline check <(git show HEAD:rule.yml)`).
    else walker.file(p, true);
  }
  return walker.out;
}

class Walker {
  readonly out: string[] = [];
  private readonly seen = new Set<string>();
  private readonly dirs = new Set<string>();

  constructor(private readonly onNote: (note: string) => void) {}

  /** Depth-first, sorted; a folder already entered under another path (a symlink loop or alias) is not entered again. */
  dir(start: string): void {
    const stack = [start];
    while (stack.length > 0) {
      const dir = stack.pop()!;
      const real = this.real(dir);
      if (real === null) continue;
      if (this.dirs.has(real)) {
        this.onNote(`skipped ${dir}: the same folder as one already checked (a symlink loop or a second link to it)`);
        continue;
      }
      this.dirs.add(real);
      let names: string[];
      try {
        names = readdirSync(dir).sort();
      } catch (e) {
        this.onNote(`skipped folder ${dir}: cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
        continue;
      }
      const subdirs: string[] = [];
      for (const name of names) {
        const p = join(dir, name);
        const st = this.stat(p);
        if (!st) continue;
        if (st.isDirectory()) {
          if (!SKIP_DIRS.has(name)) subdirs.push(p);
        } else if (RULE_EXTENSIONS.test(name)) {
          if (st.isFile()) this.file(p, false);
          else this.onNote(`skipped ${p}: not a regular file (${specialKind(st)})`);
        }
      }
      for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
    }
  }

  file(p: string, given: boolean): void {
    const real = this.real(p) ?? p;
    if (this.seen.has(real)) {
      if (given) this.onNote(`skipped ${p}: the same file as one already listed`);
      return;
    }
    this.seen.add(real);
    this.out.push(p);
  }

  private stat(p: string): Stats | null {
    try {
      return statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A dangling symlink is not an input; a loop of file symlinks is worth a word.
      if (code === 'ELOOP') this.onNote(`skipped ${p}: symlink loop`);
      return null;
    }
  }

  private real(p: string): string | null {
    try {
      return realpathSync(p);
    } catch (e) {
      this.onNote(`skipped ${p}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      return null;
    }
  }
}

function specialKind(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'a special file';
}

/** A rule file as read for checking, with what the engine needs to report on its bytes. */
export interface RuleFileRead extends TextFacts {
  text: string;
}

/**
 * Reads a rule file for checking. Never throws: a file that cannot be read is a finding on that
 * file, not the end of the run. Reads at most MAX_FILE_BYTES (cut at a line end, so no character
 * is split); the engine reports where checking stopped. Bytes that are not UTF-8 are flagged.
 */
export function readRuleFile(path: string): RuleFileRead {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    return { text: '', sizeBytes: 0, unreadable: readProblem(e) };
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { text: '', sizeBytes: 0, unreadable: 'it is a folder' };
    const { bytes, more } = readUpTo(fd, MAX_FILE_BYTES);
    const head = more ? bytes.subarray(0, bytes.lastIndexOf(10) + 1) : bytes;
    const sizeBytes = st.isFile() ? Math.max(st.size, bytes.length) : bytes.length + (more ? 1 : 0);
    return { ...decode(head), sizeBytes };
  } catch (e) {
    return { text: '', sizeBytes: 0, unreadable: readProblem(e) };
  } finally {
    closeSync(fd);
  }
}

function readUpTo(fd: number, limit: number): { bytes: Buffer; more: boolean } {
  const buf = Buffer.alloc(limit + 1);
  let n = 0;
  for (;;) {
    const r = readSync(fd, buf, n, buf.length - n, null);
    if (r === 0) break;
    n += r;
    if (n === buf.length) break;
  }
  return n > limit ? { bytes: buf.subarray(0, limit), more: true } : { bytes: buf.subarray(0, n), more: false };
}

function decode(bytes: Buffer): { text: string; invalidUtf8: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), invalidUtf8: false };
  } catch {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes), invalidUtf8: true };
  }
}

function readProblem(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const why: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOENT: 'it no longer exists',
    EISDIR: 'it is a folder',
    EIO: 'an I/O error',
  };
  return `cannot read it (${err.code ? `${err.code}: ${why[err.code] ?? err.message}` : String(e)})`;
}
