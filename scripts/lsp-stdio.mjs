// The language server as the benchmark scripts drive it: `tripline lsp --stdio` in a child process,
// answered like an editor answers its requests, initialized on a workspace folder.
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

/**
 * `listen(conn)` registers the caller's notification handlers before the connection starts;
 * `nodeArgs` go to the server's Node (e.g. --cpu-prof). Resolves once `initialized` is sent.
 */
export async function startLanguageServer({ root, nodeArgs = [], initializationOptions, listen = () => {} }) {
  const proc = spawn(process.execPath, [...nodeArgs, 'dist/cli.js', 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const folder = { uri: pathToFileURL(root).href, name: 'bench' };
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  conn.onRequest('workspace/workspaceFolders', () => [folder]);
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('workspace/inlayHint/refresh', () => null);
  conn.onRequest('workspace/codeLens/refresh', () => null);
  listen(conn);
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: folder.uri,
    workspaceFolders: [folder],
    capabilities: { workspace: { configuration: true, workspaceFolders: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    initializationOptions,
  });
  await conn.sendNotification('initialized', {});
  return {
    proc,
    conn,
    async stop() {
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
      conn.dispose();
      if (proc.exitCode === null) await new Promise((r) => proc.on('exit', r));
    },
  };
}
