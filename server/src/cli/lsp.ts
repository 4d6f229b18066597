import { startStdioServer } from '../lsp/server';
import { UsageError } from './args';
import type { CommandSpec } from './table';

/** `tripline lsp --stdio`: the language server, for any LSP editor (Neovim, Helix, Zed...). */
export const LSP: CommandSpec = {
  name: 'lsp',
  args: '',
  summary: 'Run the language server over stdio (Neovim, Helix, Zed... any LSP editor).',
  options: [{ name: 'stdio', required: true, help: 'talk LSP on stdin/stdout (the only transport supported)' }],
  // Clients add their own flags (--clientProcessId=...): only --stdio matters here.
  passThrough: true,
  async run(_args, argv) {
    if (!argv.includes('--stdio')) throw new UsageError('tripline lsp needs --stdio (the only transport supported)');
    startStdioServer();
    return new Promise<number>(() => undefined); // runs until the client says exit
  },
};
