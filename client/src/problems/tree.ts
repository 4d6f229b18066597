import * as vscode from 'vscode';

type ProblemNode =
  { kind: 'check'; code: string; files: ProblemFile[]; count: number; worst: vscode.DiagnosticSeverity } | { kind: 'file'; file: ProblemFile; code: string };

interface ProblemFile {
  uri: vscode.Uri;
  diagnostics: vscode.Diagnostic[];
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? 'tripline');
}

const SEVERITY_ICON: Record<vscode.DiagnosticSeverity, [string, string]> = {
  [vscode.DiagnosticSeverity.Error]: ['error', 'problemsErrorIcon.foreground'],
  [vscode.DiagnosticSeverity.Warning]: ['warning', 'problemsWarningIcon.foreground'],
  [vscode.DiagnosticSeverity.Information]: ['info', 'problemsInfoIcon.foreground'],
  [vscode.DiagnosticSeverity.Hint]: ['lightbulb', 'disabledForeground'],
};

/**
 * "Problems by check": Tripline's findings (open files and the last workspace check) grouped by
 * diagnostic code, most severe and most frequent first, so a reviewer can work through one kind
 * of problem at a time, or decide to turn a check off.
 */
export class ProblemsByCheck implements vscode.TreeDataProvider<ProblemNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ProblemNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    // Diagnostics change on every keystroke: redraw at most a few times a second.
    this.subscription = vscode.languages.onDidChangeDiagnostics(() => {
      if (this.timer) return;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.changed.fire(undefined);
      }, 300);
    });
  }

  /** Tripline's findings grouped by code (also used by the editor suite). */
  groups(): Extract<ProblemNode, { kind: 'check' }>[] {
    const byCode = new Map<string, Map<string, ProblemFile>>();
    for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
      for (const d of diagnostics) {
        if (d.source !== 'tripline') continue;
        const code = codeOf(d);
        const files = byCode.get(code) ?? new Map<string, ProblemFile>();
        const f = files.get(uri.toString()) ?? { uri, diagnostics: [] };
        f.diagnostics.push(d);
        files.set(uri.toString(), f);
        byCode.set(code, files);
      }
    }
    return [...byCode]
      .map(([code, files]) => {
        const list = [...files.values()].sort((a, b) => b.diagnostics.length - a.diagnostics.length || a.uri.path.localeCompare(b.uri.path));
        const all = list.flatMap((f) => f.diagnostics);
        return { kind: 'check' as const, code, files: list, count: all.length, worst: Math.min(...all.map((d) => d.severity)) as vscode.DiagnosticSeverity };
      })
      .sort((a, b) => a.worst - b.worst || b.count - a.count || a.code.localeCompare(b.code));
  }

  getChildren(node?: ProblemNode): ProblemNode[] {
    if (!node) return this.groups();
    if (node.kind === 'check') return node.files.map((file) => ({ kind: 'file', file, code: node.code }));
    return [];
  }

  getTreeItem(node: ProblemNode): vscode.TreeItem {
    if (node.kind === 'check') {
      const item = new vscode.TreeItem(node.code, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `check:${node.code}`;
      item.description = `${node.count.toLocaleString('en-US')} in ${node.files.length.toLocaleString('en-US')} file${node.files.length === 1 ? '' : 's'}`;
      const [icon, colour] = SEVERITY_ICON[node.worst];
      item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(colour));
      item.tooltip = `${node.code}: ${item.description}`;
      return item;
    }
    const first = node.file.diagnostics.reduce((a, b) => (b.range.start.isBefore(a.range.start) ? b : a));
    const item = new vscode.TreeItem(node.file.uri.path.split('/').pop() ?? node.file.uri.toString(), vscode.TreeItemCollapsibleState.None);
    item.id = `check:${node.code}:${node.file.uri.toString()}`;
    item.resourceUri = node.file.uri;
    item.description = `${node.file.diagnostics.length > 1 ? `${node.file.diagnostics.length} · ` : ''}${first.message.length > 90 ? `${first.message.slice(0, 89)}…` : first.message}`;
    item.tooltip = node.file.diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`).join('\n');
    item.command = { title: 'Open', command: 'vscode.open', arguments: [node.file.uri, { selection: first.range } satisfies vscode.TextDocumentShowOptions] };
    return item;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscription.dispose();
    this.changed.dispose();
  }
}
