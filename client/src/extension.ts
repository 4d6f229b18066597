import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { TriplineApi } from './api';
import { addToAllowlist } from './commands/allowlist';
import { openAttackPage } from './commands/attack-page';
import { WorkspaceChecker } from './commands/check-workspace';
import { openExample } from './commands/example';
import { previewMatches } from './commands/preview';
import { pickSamples } from './commands/samples';
import { CoverageTree } from './coverage/tree';
import { keepPreviewLive } from './preview/live';
import { PreviewPanel } from './preview/panel';
import { ProblemsByCheck } from './problems/tree';
import { COVERAGE_REQUEST, type CoverageResult, type PreviewResult } from './protocol';
import { TriplineStatus } from './status';

let client: LanguageClient | undefined;

/** Starts the bundled language server and wires the commands, views and status bar to it. */
export async function activate(context: vscode.ExtensionContext): Promise<TriplineApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'yaml' }, { language: 'kql' }, { pattern: '**/*.{kql,csl}' }],
    synchronize: {
      configurationSection: 'tripline',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{tripline.config.json,.tripline.json}'),
    },
    middleware: {
      // Two findings on one entry can offer the same fix (e.g. "add to allowlist"): list it once.
      provideCodeActions: async (document, range, context, token, next) => {
        const actions = await next(document, range, context, token);
        if (!actions) return actions;
        const seen = new Set<string>();
        return actions.filter((a) => {
          const key = a.title + '\u0000' + ('command' in a && typeof a.command === 'string' ? a.command : JSON.stringify((a as vscode.CodeAction).command?.arguments ?? ''));
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
      },
    },
  };

  const status = new TriplineStatus();
  context.subscriptions.push(status);
  client = new LanguageClient('tripline', 'Tripline', serverOptions, clientOptions);
  const current = (): LanguageClient | undefined => client;

  const coverage = new CoverageTree(current, (v) => status.setCatalog(v));
  const panel = new PreviewPanel(context.extensionUri);
  const checker = new WorkspaceChecker(context.asAbsolutePath(path.join('dist', 'cli.js')));
  let lastPreview: PreviewResult | undefined;
  const coverageView = vscode.window.createTreeView('tripline.coverage', { treeDataProvider: coverage, showCollapseAll: true });
  const problems = new ProblemsByCheck();
  const problemsView = vscode.window.createTreeView('tripline.problems', { treeDataProvider: problems, showCollapseAll: true });
  const enabled = (): boolean => vscode.workspace.getConfiguration('tripline').get<boolean>('enable', true);
  // Turning Tripline off leaves nothing of it on screen: the server publishes no diagnostics, and
  // the extension clears what it owns (workspace check results, status item, panel, views).
  const applyEnabled = (): void => {
    const on = enabled();
    void vscode.commands.executeCommand('setContext', 'tripline.enabled', on);
    status.setVisible(on);
    if (on) return;
    checker.clear();
    panel.dispose();
    coverage.refresh();
  };
  // Coverage reads every rule of the workspace on the server: only while someone looks at it.
  let coverageStale = true;
  const refreshCoverage = (): void => {
    coverageStale = !coverageView.visible;
    if (coverageView.visible) coverage.refresh();
  };
  // The status bar's catalog version, without scanning the workspace: coverage of a folder that
  // holds no rule (the extension's own ATT&CK data) still names the catalog the server uses.
  const fetchCatalogVersion = async (): Promise<void> => {
    try {
      const r = await client?.sendRequest<CoverageResult>(COVERAGE_REQUEST, { paths: [context.asAbsolutePath(path.join('data', 'attack'))] });
      if (r) status.setCatalog(r.catalogVersion);
    } catch {
      status.setCatalog(undefined);
    }
  };

  context.subscriptions.push(
    coverage,
    checker,
    panel,
    coverageView,
    problems,
    problemsView,
    keepPreviewLive(panel, async (uri, token) => {
      const r = await previewMatches(client, panel, uri, { quiet: true, token });
      if (r) lastPreview = r;
    }),
    coverageView.onDidChangeVisibility((e) => {
      if (e.visible && coverageStale) refreshCoverage();
    }),
    client.onDidChangeState((e) => {
      status.setServer(e.newState === State.Running ? 'running' : e.newState === State.Stopped ? 'stopped' : 'starting');
      if (e.newState === State.Running) {
        refreshCoverage();
        void fetchCatalogVersion();
      }
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tripline.samples')) status.update();
      if (e.affectsConfiguration('tripline.enable')) applyEnabled();
    }),
    vscode.workspace.onDidSaveTextDocument((d) => {
      if (/\.(ya?ml|kql|csl)$/i.test(d.uri.path)) refreshCoverage();
    }),
    vscode.commands.registerCommand('tripline.previewMatches', async (target?: vscode.Uri | string) => {
      const r = await previewMatches(client, panel, target);
      if (r) lastPreview = r;
      return r;
    }),
    vscode.commands.registerCommand('tripline.openAttackPage', (id?: string) => openAttackPage(context.extensionUri, id)),
    vscode.commands.registerCommand('tripline.showCoverage', async () => {
      coverage.refresh();
      await vscode.commands.executeCommand('tripline.coverage.focus');
      return coverage.load();
    }),
    vscode.commands.registerCommand('tripline.refreshCoverage', () => coverage.refresh()),
    vscode.commands.registerCommand('tripline.checkWorkspace', () => checker.run()),
    vscode.commands.registerCommand('tripline.pickSamples', () => pickSamples()),
    vscode.commands.registerCommand('tripline.addToAllowlist', (domain?: unknown) => addToAllowlist(domain)),
    vscode.commands.registerCommand('tripline.openExample', () => openExample(context.extensionUri)),
    vscode.commands.registerCommand('tripline.showOutput', () => client?.outputChannel.show()),
  );

  applyEnabled();
  await client.start();
  return {
    problems,
    previewState: () => panel.state,
    statusVisible: () => status.visible,
    workspaceProblems: () => checker.count(),
    client,
    coverage,
    status,
    workspaceChecker: checker,
    lastPreview: () => lastPreview,
    previewPanelOpen: () => panel.visible,
    previewRendered: () => panel.whenRendered(),
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
