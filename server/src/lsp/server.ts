import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TOOL_VERSION } from '../engine/version';
import { registerDiagnostics } from './features/diagnostics';
import { FEATURES, type FeatureHost } from './features';
import { AnalysisCache } from './state';
import { WARM_UPS } from '../engine/prepare';

/**
 * The language server: a thin translation of the engine into LSP. Transport (stdio, node-ipc,
 * socket) is chosen from the command line by vscode-languageserver.
 */
export function startServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  const cache = new AnalysisCache();
  let supportsConfiguration = false;

  connection.onInitialize((params): InitializeResult => {
    supportsConfiguration = params.capabilities.workspace?.configuration === true;
    const root = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? null;
    cache.setWorkspaceRoot(root);
    const capabilities = Object.assign({ textDocumentSync: TextDocumentSyncKind.Incremental }, ...FEATURES.map((f) => f.capabilities));
    return { capabilities, serverInfo: { name: 'tripline', version: TOOL_VERSION } };
  });

  const diagnostics = registerDiagnostics(connection, documents, cache);
  const host: FeatureHost = { connection, documents, cache, refreshAll: () => diagnostics.refreshAll() };
  for (const f of FEATURES) f.register(host);

  const pullSettings = async (): Promise<void> => {
    if (!supportsConfiguration) return;
    try {
      const s = (await connection.workspace.getConfiguration('tripline')) as Record<string, unknown> | null;
      cache.enabled = s?.enable !== false;
      cache.setSettings(s ? { checks: s.checks, domains: s.domains, samples: s.samples } : {});
    } catch (e) {
      connection.console.warn(`tripline: could not read settings: ${(e as Error).message}`);
    }
    if (cache.configProblem) void connection.window.showWarningMessage(`Tripline configuration: ${cache.configProblem}`);
    host.refreshAll();
  };
  connection.onInitialized(() => {
    void pullSettings();
    // Load slow parsers (KQL) in the background now, not on the first keystroke in a KQL file.
    for (const w of WARM_UPS) void w().then((line) => connection.console.log(line));
  });
  connection.onDidChangeConfiguration(() => void pullSettings());
  connection.onDidChangeWatchedFiles((e) => {
    if (e.changes.some((c) => /(^|\/)\.?tripline(\.config)?\.json$/.test(c.uri))) {
      cache.reloadConfigFile();
      if (cache.configProblem) void connection.window.showWarningMessage(`Tripline configuration: ${cache.configProblem}`);
      host.refreshAll();
    }
  });

  documents.listen(connection);
  connection.listen();
}

export function startStdioServer(): void {
  if (!process.argv.includes('--stdio')) process.argv.push('--stdio');
  startServer();
}
