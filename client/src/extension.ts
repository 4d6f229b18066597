import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** Starts the bundled language server and shows its state in the status bar. */
export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient }> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'yaml' },
      { language: 'kql' },
      { pattern: '**/*.{kql,csl}' },
    ],
    synchronize: {
      configurationSection: 'tripline',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{tripline.config.json,.tripline.json}'),
    },
  };
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  status.name = 'Tripline';
  status.text = '$(sync~spin) Tripline';
  status.tooltip = 'Tripline language server: starting';
  status.show();
  context.subscriptions.push(status);

  client = new LanguageClient('tripline', 'Tripline', serverOptions, clientOptions);
  context.subscriptions.push(
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) {
        status.text = '$(shield) Tripline';
        status.tooltip = 'Tripline language server: running';
        status.backgroundColor = undefined;
      } else if (e.newState === State.Stopped) {
        status.text = '$(error) Tripline';
        status.tooltip = 'Tripline language server: stopped (see the Tripline output channel)';
        status.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      } else {
        status.text = '$(sync~spin) Tripline';
      }
    }),
  );
  await client.start();
  return { client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
