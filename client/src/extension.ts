import type { ForkOptions as NodeForkOptions } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type ForkOptions, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
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

/** The server's trust notification and the user-only setting it carries (server/src/lsp/trust.ts). */
const TRUST_NOTIFICATION = 'tripline/workspaceTrust';
const ALLOW_OUTSIDE = 'tripline.security.allowPathsOutsideWorkspace';

/** Whether the workspace is trusted, and the user's (never the workspace's) choice on outside paths. */
function trustState(): { workspaceTrusted: boolean; allowPathsOutsideWorkspace: boolean } {
  const allow = vscode.workspace.getConfiguration().inspect<boolean>(ALLOW_OUTSIDE)?.globalValue === true;
  return { workspaceTrusted: vscode.workspace.isTrusted, allowPathsOutsideWorkspace: allow };
}

/**
 * The bundled server, over IPC (a debug run opens the inspector on 6011). On Linux it starts in a
 * session of its own (detached: setsid) so that it can lower its session's CPU weight while the
 * user types (server/src/lsp/session-priority.ts); it still exits with the extension host (the
 * client stops it, and the server watches the client's process id).
 *
 * Node (22.1 and later) keeps the compiled code of the server's and workers' bundles in the
 * extension's storage (NODE_COMPILE_CACHE; older Node ignores it): a later session starts them
 * with about half the CPU, which counts while the editor itself starts up on a busy machine.
 */
function serverOptions(context: vscode.ExtensionContext): ServerOptions {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const storage = context.globalStorageUri.scheme === 'file' ? context.globalStorageUri.fsPath : undefined;
  // vscode-languageclient hands these options to child_process.fork as they are; its type omits `detached`.
  const run: ForkOptions & Pick<NodeForkOptions, 'detached'> = {
    detached: process.platform === 'linux',
    env: storage ? { NODE_COMPILE_CACHE: path.join(storage, 'compile-cache') } : undefined,
  };
  return {
    run: { module: serverModule, transport: TransportKind.ipc, options: run },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
}

/** Two findings on one entry can offer the same fix (e.g. "add to allowlist"): list it once. */
function uniqueActions<T extends vscode.Command | vscode.CodeAction>(actions: T[]): T[] {
  const seen = new Set<string>();
  return actions.filter((a) => {
    const key =
      a.title + '\u0000' + ('command' in a && typeof a.command === 'string' ? a.command : JSON.stringify((a as vscode.CodeAction).command?.arguments ?? ''));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function clientOptions(context: vscode.ExtensionContext): LanguageClientOptions {
  return {
    // globalStorage, not per workspace: the bundled samples' index serves every workspace.
    initializationOptions: { ...trustState(), storagePath: context.globalStorageUri.scheme === 'file' ? context.globalStorageUri.fsPath : undefined },
    documentSelector: [{ language: 'yaml' }, { language: 'kql' }, { pattern: '**/*.{kql,csl}' }],
    synchronize: {
      configurationSection: 'tripline',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{tripline.config.json,.tripline.json}'),
    },
    middleware: {
      provideCodeActions: async (document, range, context, token, next) => {
        const actions = await next(document, range, context, token);
        return actions ? uniqueActions(actions) : actions;
      },
    },
  };
}

/** What the extension shows besides the editor: status item, panel, views, workspace check. */
interface Ui {
  status: TriplineStatus;
  coverage: CoverageTree;
  coverageView: vscode.TreeView<unknown>;
  panel: PreviewPanel;
  checker: WorkspaceChecker;
  problems: ProblemsByCheck;
}

function createUi(context: vscode.ExtensionContext, current: () => LanguageClient | undefined): Ui {
  const status = new TriplineStatus();
  const coverage = new CoverageTree(current, (v) => status.setCatalog(v));
  const problems = new ProblemsByCheck();
  const ui: Ui = {
    status,
    coverage,
    coverageView: vscode.window.createTreeView('tripline.coverage', { treeDataProvider: coverage, showCollapseAll: true }),
    panel: new PreviewPanel(context.extensionUri),
    checker: new WorkspaceChecker(context.asAbsolutePath(path.join('dist', 'cli.js')), current),
    problems,
  };
  context.subscriptions.push(
    status,
    coverage,
    ui.checker,
    ui.panel,
    ui.coverageView,
    problems,
    vscode.window.createTreeView('tripline.problems', { treeDataProvider: problems, showCollapseAll: true }),
  );
  return ui;
}

const enabled = (): boolean => vscode.workspace.getConfiguration('tripline').get<boolean>('enable', true);

/**
 * Turning Tripline off leaves nothing of it on screen: the server publishes no diagnostics, and
 * the extension clears what it owns (workspace check results, status item, panel, views).
 */
function applyEnabled(ui: Ui): void {
  const on = enabled();
  void vscode.commands.executeCommand('setContext', 'tripline.enabled', on);
  ui.status.setVisible(on);
  if (on) return;
  ui.checker.clear();
  ui.panel.dispose();
  ui.coverage.refresh();
}

/** Coverage reads every rule of the workspace on the server: refreshed only while someone looks at it. */
function coverageRefresher(ui: Ui): { refresh(): void; onVisible(): void } {
  let stale = true;
  const refresh = (): void => {
    stale = !ui.coverageView.visible;
    if (ui.coverageView.visible) ui.coverage.refresh();
  };
  return { refresh, onVisible: () => stale && refresh() };
}

/**
 * The status bar's catalog version, without scanning the workspace: coverage of a folder that
 * holds no rule (the extension's own ATT&CK data) still names the catalog the server uses.
 */
async function fetchCatalogVersion(context: vscode.ExtensionContext, ui: Ui): Promise<void> {
  try {
    const r = await client?.sendRequest<CoverageResult>(COVERAGE_REQUEST, { paths: [context.asAbsolutePath(path.join('data', 'attack'))] });
    if (r) ui.status.setCatalog(r.catalogVersion);
  } catch {
    ui.status.setCatalog(undefined);
  }
}

/** Server state, settings, trust and saves, as they affect the status item, the views and the server. */
function watchWorkbench(context: vscode.ExtensionContext, lc: LanguageClient, ui: Ui): vscode.Disposable[] {
  const coverage = coverageRefresher(ui);
  return [
    ui.coverageView.onDidChangeVisibility((e) => e.visible && coverage.onVisible()),
    lc.onDidChangeState((e) => {
      ui.status.setServer(e.newState === State.Running ? 'running' : e.newState === State.Stopped ? 'stopped' : 'starting');
      if (e.newState !== State.Running) return;
      coverage.refresh();
      void fetchCatalogVersion(context, ui);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tripline.samples')) ui.status.update();
      if (e.affectsConfiguration('tripline.enable')) applyEnabled(ui);
      if (e.affectsConfiguration(ALLOW_OUTSIDE)) void client?.sendNotification(TRUST_NOTIFICATION, trustState());
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(TRUST_NOTIFICATION, trustState())),
    vscode.workspace.onDidSaveTextDocument((d) => {
      if (/\.(ya?ml|kql|csl)$/i.test(d.uri.path)) coverage.refresh();
    }),
  ];
}

/** The commands of package.json's `contributes.commands`. */
function registerCommands(context: vscode.ExtensionContext, ui: Ui, previewed: (r: PreviewResult) => void): vscode.Disposable[] {
  const { panel, coverage, checker } = ui;
  return [
    vscode.commands.registerCommand('tripline.previewMatches', async (target?: vscode.Uri | string) => {
      const r = await previewMatches(client, panel, target);
      if (r) previewed(r);
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
  ];
}

/** Starts the bundled language server and wires the commands, views and status bar to it. */
export async function activate(context: vscode.ExtensionContext): Promise<TriplineApi> {
  const lc = new LanguageClient('tripline', 'Tripline', serverOptions(context), clientOptions(context));
  client = lc;
  const ui = createUi(context, () => client);
  let lastPreview: PreviewResult | undefined;
  const previewed = (r: PreviewResult): void => {
    lastPreview = r;
  };
  context.subscriptions.push(
    keepPreviewLive(ui.panel, async (uri, token) => {
      const r = await previewMatches(client, ui.panel, uri, { quiet: true, token });
      if (r) previewed(r);
    }),
    ...watchWorkbench(context, lc, ui),
    ...registerCommands(context, ui, previewed),
  );
  applyEnabled(ui);
  await lc.start();
  return {
    problems: ui.problems,
    previewState: () => ui.panel.state,
    statusVisible: () => ui.status.visible,
    workspaceProblems: () => ui.checker.count(),
    client: lc,
    coverage: ui.coverage,
    status: ui.status,
    workspaceChecker: ui.checker,
    lastPreview: () => lastPreview,
    previewPanelOpen: () => ui.panel.visible,
    previewRendered: () => ui.panel.whenRendered(),
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
