/** What archives expand to, and which of their members are read (shared by archive.ts and tar.ts). */
import { basename } from 'node:path';
import type { ReaderSource } from './bytes';
import { ARCHIVE_FILE, TELEMETRY_FILE } from './extensions';

/** What a source expands to: units to read, and members or archives that cannot be read. */
export type Unit = { kind: 'source'; src: ReaderSource } | { kind: 'skipped'; source: string; reason: string };

/** Whether an archive member is read, passed over, or reported (nested archive). */
export function memberRole(name: string): 'read' | 'ignore' | 'nested' {
  if (name.endsWith('/') || name.startsWith('__MACOSX/') || basename(name).startsWith('._')) return 'ignore';
  if (TELEMETRY_FILE.test(name)) return 'read';
  return ARCHIVE_FILE.test(name) ? 'nested' : 'ignore';
}

export const NESTED_REASON = 'an archive inside an archive: extract the outer one first';
