import { UsageError } from './args';
import { startStdioServer } from '../lsp/server';
import { runCoverage } from './coverage';
import { runPreview } from './preview';
import { runDomains } from './domains';

type Command = (argv: string[]) => Promise<number>;

/** Subcommands beyond `check`; each feature module registers its own. */
export const COMMANDS = new Map<string, Command>([
  [
    'lsp',
    async (argv) => {
      if (!argv.includes('--stdio')) throw new UsageError('tripline lsp needs --stdio (the only transport supported)');
      startStdioServer();
      return new Promise<number>(() => undefined); // runs until the client says exit
    },
  ],
  ['preview', runPreview],
  ['coverage', runCoverage],
  ['domains', runDomains],
]);
