import { CHECK } from './check';
import { COVERAGE } from './coverage';
import { DOMAINS } from './domains';
import { LSP } from './lsp';
import { PREVIEW } from './preview';
import type { CommandSpec } from './table';

/**
 * Every command of `tripline`, in the order `--help` lists them. A new command is one entry here;
 * a new option is one entry in its command's `options` (parsing, value checks and help follow).
 */
export const COMMANDS: readonly CommandSpec[] = [CHECK, PREVIEW, COVERAGE, DOMAINS, LSP];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}
