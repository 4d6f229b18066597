import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { EFFECTIVE_CONFIG_REQUEST, type EffectiveConfigResult } from '../protocol';
import { batchSizes } from './batch-sizes';

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

interface CliDiagnostic {
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}
interface CliReport {
  files: Array<{ path: string; kind: string; diagnostics: CliDiagnostic[] }>;
  summary: { files: number; errors: number; warnings: number };
}

interface WorkspaceCheckSummary {
  files: number;
  rules: number;
  errors: number;
  warnings: number;
  /** Information and hint findings: advice, counted so the summary matches the Problems panel. */
  information: number;
  cancelled: boolean;
}

/**
 * "Tripline: Check Workspace". Runs `tripline check` — the very command CI runs — in child
 * processes, in batches, with progress and cancel. Typing never waits: neither the extension host
 * nor the language server does this work. Findings of files that are not open go to their own
 * diagnostic collection; an open file's live diagnostics come from the language server instead.
 */
export class WorkspaceChecker implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('tripline-workspace');
  private readonly subscriptions: vscode.Disposable[] = [];
  private running: Promise<WorkspaceCheckSummary | undefined> | undefined;

  constructor(
    private readonly cliPath: string,
    private readonly client: () => LanguageClient | undefined,
  ) {
    // Once a file is open (or edited), the language server's diagnostics are the current ones.
    // Only a file this check reported on is handed over: deleting from a collection signals a
    // diagnostics change to the whole workbench even when there was nothing to delete, and edits
    // come with every keystroke.
    const handOver = (uri: vscode.Uri): void => {
      if (this.collection.has(uri)) this.collection.delete(uri);
    };
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((d) => handOver(d.uri)),
      vscode.workspace.onDidChangeTextDocument((e) => handOver(e.document.uri)),
    );
  }

  run(): Promise<WorkspaceCheckSummary | undefined> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showInformationMessage('Tripline: Check Workspace is disabled in Restricted Mode. Trust the workspace to check every rule file.');
      return Promise.resolve(undefined);
    }
    this.running ??= this.runOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async runOnce(): Promise<WorkspaceCheckSummary | undefined> {
    const uris = await vscode.workspace.findFiles('**/*.{yml,yaml,kql,csl}', '**/{node_modules,.git,out,dist}/**');
    const files = uris.filter((u) => u.scheme === 'file').map((u) => u.fsPath);
    const total: WorkspaceCheckSummary = { files: files.length, rules: 0, errors: 0, warnings: 0, information: 0, cancelled: false };
    this.collection.clear();
    const configDir = mkdtempSync(join(tmpdir(), 'tripline-check-'));
    try {
      let configFile: string;
      try {
        configFile = await this.writeEffectiveConfig(configDir);
        // Every batch sees the whole workspace: duplicates and rule references across batches.
        writeFileSync(join(configDir, 'workspace-files.txt'), files.join('\n'));
      } catch (e) {
        void vscode.window.showErrorMessage(`Tripline: cannot check the workspace: ${(e as Error).message}`);
        return undefined;
      }
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Tripline: checking the workspace', cancellable: true },
        async (progress, token) => {
          let i = 0;
          for (const size of batchSizes(files.length)) {
            if (token.isCancellationRequested) {
              total.cancelled = true;
              return;
            }
            const batch = files.slice(i, i + size);
            i += size;
            const report = await this.runCli(batch, configFile, join(configDir, 'workspace-files.txt'), token);
            if (!report) {
              total.cancelled = token.isCancellationRequested;
              return;
            }
            this.publish(report, total);
            const done = i;
            progress.report({
              increment: (batch.length / files.length) * 100,
              message: `${done} of ${files.length} files · ${total.errors} errors · ${total.warnings} warnings · ${total.information} information`,
            });
          }
        },
      );
    } finally {
      rmSync(configDir, { recursive: true, force: true });
    }
    if (!total.cancelled) {
      void vscode.window
        .showInformationMessage(
          `Tripline: ${total.files} files checked (${total.rules} rules): ${total.errors} errors, ${total.warnings} warnings, ${total.information} information.`,
          'Show Problems',
        )
        .then((pick) => {
          if (pick) void vscode.commands.executeCommand('workbench.actions.view.problems');
        });
    }
    return total;
  }

  /**
   * The configuration the language server checks with (project file + settings, as the server
   * merged them), written for the CLI's --config: the workspace check judges as the editor does.
   */
  private async writeEffectiveConfig(dir: string): Promise<string> {
    const c = this.client();
    if (!c) throw new Error('the Tripline language server is not running');
    const { config } = await c.sendRequest<EffectiveConfigResult>(EFFECTIVE_CONFIG_REQUEST);
    const file = join(dir, 'tripline.config.json');
    writeFileSync(file, JSON.stringify(config));
    return file;
  }

  private runCli(paths: string[], configFile: string, workspaceList: string, token: vscode.CancellationToken): Promise<CliReport | undefined> {
    return new Promise((resolve) => {
      // The extension host's own runtime runs the bundled CLI (Electron acts as Node with this flag).
      const child = spawn(process.execPath, [this.cliPath, 'check', '--format', 'json', '--config', configFile, '--workspace-files', workspaceList, ...paths], {
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      const cancel = token.onCancellationRequested(() => child.kill());
      child.on('error', (e) => {
        cancel.dispose();
        void vscode.window.showErrorMessage(`Tripline: could not run the checker: ${e.message}`);
        resolve(undefined);
      });
      child.on('close', (code) => {
        cancel.dispose();
        if (token.isCancellationRequested) return resolve(undefined);
        // 0 clean, 1 error findings, 3 an internal error on some file (still reported in the JSON).
        if (code !== 0 && code !== 1 && code !== 3) {
          void vscode.window.showErrorMessage(`Tripline: the checker stopped (exit ${code}): ${Buffer.concat(err).toString().trim().split('\n')[0]}`);
          return resolve(undefined);
        }
        try {
          resolve(JSON.parse(Buffer.concat(out).toString()) as CliReport);
        } catch (e) {
          void vscode.window.showErrorMessage(`Tripline: unreadable checker output: ${(e as Error).message}`);
          resolve(undefined);
        }
      });
    });
  }

  private publish(report: CliReport, total: WorkspaceCheckSummary): void {
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    for (const f of report.files) {
      if (f.kind !== 'other') total.rules++;
      const uri = vscode.Uri.file(f.path);
      const diagnostics = f.diagnostics.map((d) => {
        const r = d.range;
        const diag = new vscode.Diagnostic(
          new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character),
          d.message,
          SEVERITY[d.severity] ?? vscode.DiagnosticSeverity.Warning,
        );
        diag.code = d.code;
        diag.source = 'tripline';
        return diag;
      });
      total.errors += f.diagnostics.filter((d) => d.severity === 'error').length;
      total.warnings += f.diagnostics.filter((d) => d.severity === 'warning').length;
      total.information += f.diagnostics.filter((d) => d.severity === 'information' || d.severity === 'hint').length;
      if (!open.has(uri.toString()) && diagnostics.length > 0) this.collection.set(uri, diagnostics);
    }
  }

  /** Forgets the last run's findings (Tripline turned off). */
  clear(): void {
    this.collection.clear();
  }

  /** Findings of the last run still shown (files not open in an editor). */
  count(): number {
    let n = 0;
    this.collection.forEach((_uri, d) => (n += d.length));
    return n;
  }

  dispose(): void {
    this.collection.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
