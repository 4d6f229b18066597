/**
 * The CLI's one input/output layer: writing results (a closed pipe or a full disk is one line and
 * exit 2, never a stack), notes on stderr, the configuration loader and the rule reader every
 * command uses.
 */
import { statSync } from 'node:fs';
import { defaultConfig, findConfigFile, InputError, loadConfigFile, readRuleFile, type RuleFileRead, type TriplineConfig } from '../engine/index';
import { UsageError } from './args';

/** Exit codes: 0 clean, 1 error-severity findings, 2 usage or I/O problem, 3 internal error (a bug of Tripline's). */
export const EXIT = { clean: 0, findings: 1, usage: 2, internal: 3 } as const;

/** A failed write to stdout (`| head` closing the pipe, `> /dev/full`, a vanished terminal): one line, exit 2, no stack. */
function onStdoutError(e: NodeJS.ErrnoException): void {
  const why = e.code === 'EPIPE' ? 'the output was closed before everything was written' : `cannot write the output (${e.code ?? e.message})`;
  try {
    process.stderr.write(`tripline: ${why}\n`);
  } catch {
    // stderr is gone too (EIO on a closed terminal): the exit code still says it.
  }
  process.exit(EXIT.usage);
}

/** Installs the stdout error handler once (write errors arrive as events, not exceptions). */
export function guardStdout(): void {
  if (!process.stdout.listeners('error').includes(onStdoutError)) process.stdout.on('error', onStdoutError);
}

/** Writes to stdout; resolves once written. EPIPE, EIO, ENOSPC end the process with exit 2 (see onStdoutError). */
export function writeOut(text: string): Promise<void> {
  guardStdout();
  return new Promise((res) => {
    process.stdout.write(text, () => res());
  });
}

/** What the folder walk skipped (symlink loops, FIFOs...) and similar remarks: said on stderr, never fatal. */
export function note(message: string): void {
  process.stderr.write(`tripline: ${message}\n`);
}

/** `--config FILE`, else the tripline.config.json found from `near` upwards, else the defaults. */
export function loadConfig(explicit: string | undefined, near: string): TriplineConfig {
  if (explicit) return loadConfigFile(explicit);
  const found = findConfigFile(near);
  return found ? loadConfigFile(found) : defaultConfig();
}

/** The one RULE file a command works on: a folder is a usage error, a file that cannot be read an input error. */
export function readRule(path: string, command: string): RuleFileRead {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (e) {
    throw new InputError(`cannot read rule ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  if (isDir) throw new UsageError(`${path} is a folder; tripline ${command} takes one rule file`);
  const read = readRuleFile(path);
  if (read.unreadable) throw new InputError(`${path}: ${read.unreadable}`);
  return read;
}
