import * as vscode from 'vscode';

interface SampleChoice extends vscode.QuickPickItem {
  apply: () => Promise<boolean>;
}

/**
 * "Tripline: Pick Sample Telemetry": choose what the preview and the noisy-entry check run on —
 * the samples shipped with Tripline, telemetry files from the workspace, or both. Writes the
 * `tripline.samples.*` settings (workspace level when a folder is open).
 */
export async function pickSamples(): Promise<boolean> {
  const cfg = vscode.workspace.getConfiguration('tripline.samples');
  const target = vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  const current = cfg.get<string[]>('paths', []);
  const choices: SampleChoice[] = [
    {
      label: '$(package) Bundled samples only',
      detail: 'Benign baseline and attack traffic shipped with Tripline: Sysmon, proxy, DNS, Defender, Android/iOS.',
      apply: async () => {
        await cfg.update('bundled', true, target);
        await cfg.update('paths', [], target);
        return true;
      },
    },
    {
      label: '$(files) Workspace telemetry files…',
      detail: 'Choose JSON, NDJSON, CSV or EVTX-as-JSON files or folders from the workspace.',
      apply: async () => {
        const picked = await vscode.window.showOpenDialog({
          canSelectFiles: true,
          canSelectFolders: true,
          canSelectMany: true,
          openLabel: 'Use as sample telemetry',
          filters: { Telemetry: ['json', 'ndjson', 'jsonl', 'csv', 'evtx'] },
          defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
        });
        if (!picked || picked.length === 0) return false;
        const paths = picked.map((u) => {
          const rel = vscode.workspace.asRelativePath(u, false);
          return picked.length === 1 && rel === u.fsPath ? u.fsPath : rel;
        });
        await cfg.update('paths', paths, target);
        return true;
      },
    },
    {
      label: '$(edit) Workspace glob pattern…',
      detail: current.length > 0 ? `Now: ${current.join(', ')}` : 'For example telemetry/**/*.ndjson',
      apply: async () => {
        const value = await vscode.window.showInputBox({
          title: 'Sample telemetry patterns (comma-separated, relative to the workspace)',
          value: current.join(', '),
          placeHolder: 'telemetry/**/*.ndjson, proxy/*.csv',
        });
        if (value === undefined) return false;
        await cfg.update(
          'paths',
          value
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
          target,
        );
        return true;
      },
    },
    {
      label: cfg.get<boolean>('bundled', true) ? '$(circle-slash) Stop using the bundled samples' : '$(check) Use the bundled samples too',
      apply: async () => {
        await cfg.update('bundled', !cfg.get<boolean>('bundled', true), target);
        return true;
      },
    },
  ];
  const pick = await vscode.window.showQuickPick(choices, {
    title: 'Tripline: sample telemetry for preview and noisy-entry checks',
    placeHolder: 'Where should Tripline look for telemetry?',
  });
  return pick ? pick.apply() : false;
}
