import {
  createConnection,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TOOL_VERSION } from '../engine/index';
import { registerDiagnostics } from './features/diagnostics';
import { FEATURES, type FeatureHost } from './features';
import { AnalysisCache } from './state';
import { TRUST_NOTIFICATION, trustFrom, type InitOptions } from './trust';
import { ownSchedulingGroup, TypingPriority } from './session-priority';
import { EditClock } from './typing';

/**
 * The language server: a thin translation of the engine into LSP. Transport (stdio, node-ipc,
 * socket) is chosen from the command line by vscode-languageserver.
 */
export function startServer(): void {
  const scheduling = ownSchedulingGroup();
  const connection = createConnection(ProposedFeatures.all);
  const priority = scheduling.group && new TypingPriority(scheduling.group, (m) => connection.console.log(m));
  const documents = new TextDocuments(TextDocument);
  const cache = new AnalysisCache();
  let supportsConfiguration = false;

  connection.onInitialize((params): InitializeResult => {
    supportsConfiguration = params.capabilities.workspace?.configuration === true;
    const init = (params.initializationOptions ?? {}) as InitOptions;
    const trust = trustFrom(init);
    cache.setTrust(trust.trusted, trust.allowOutside);
    const root = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? null;
    cache.setWorkspaceRoot(root);
    connection.console.log(`tripline: ${scheduling.said}`);
    cache.start({
      budgetMs: init.analysisBudgetMs,
      workers: init.analysisWorkers,
      indexStore: typeof init.storagePath === 'string' ? init.storagePath : null,
      log: (m) => connection.console.log(m),
    });
    const capabilities = Object.assign({ textDocumentSync: TextDocumentSyncKind.Incremental }, ...FEATURES.map((f) => f.capabilities));
    return { capabilities, serverInfo: { name: 'tripline', version: TOOL_VERSION } };
  });

  const diagnostics = registerDiagnostics(connection, documents, cache);
  const host: FeatureHost = {
    connection,
    documents,
    cache,
    edits: new EditClock(documents, () => priority?.edited()),
    refreshAll: () => diagnostics.refreshAll(),
  };
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
    tellProblems();
    host.refreshAll();
  };
  // Each ignored path setting is told once, not on every settings change.
  const told = new Set<string>();
  const tellProblems = (): void => {
    // Notifications, not showMessageRequest: a client that does not answer requests must not matter.
    const show = (type: MessageType, message: string): void => void connection.sendNotification(ShowMessageNotification.type, { type, message });
    if (cache.configProblem) show(MessageType.Warning, `Tripline configuration: ${cache.configProblem}`);
    const fresh = cache.ignored.filter((i) => !told.has(i));
    if (fresh.length === 0) return;
    fresh.forEach((i) => told.add(i));
    const line = `Tripline ignores configured paths: ${fresh.join('; ')}.`;
    connection.console.info(line);
    show(MessageType.Info, line);
  };
  connection.onInitialized(() => void pullSettings());
  connection.onDidChangeConfiguration(() => void pullSettings());
  connection.onDidChangeWatchedFiles((e) => {
    if (e.changes.some((c) => /(^|\/)\.?tripline(\.config)?\.json$/.test(c.uri))) {
      cache.reloadConfigFile();
      tellProblems();
      host.refreshAll();
    }
  });
  connection.onNotification(TRUST_NOTIFICATION, (p: InitOptions) => {
    const trust = trustFrom(p);
    cache.setTrust(trust.trusted, trust.allowOutside);
    tellProblems();
    host.refreshAll();
  });
  connection.onShutdown(() => {
    priority?.dispose();
    return cache.stop();
  });

  documents.listen(connection);
  connection.listen();
}

export function startStdioServer(): void {
  if (!process.argv.includes('--stdio')) process.argv.push('--stdio');
  startServer();
}
