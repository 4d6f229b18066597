import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COVERAGE_REQUEST, type CoverageParams, type CoverageResult, type CoverageRule, type CoverageTechnique } from '../protocol';

export type CoverageNode =
  { kind: 'technique'; technique: CoverageTechnique } | { kind: 'rule'; rule: CoverageRule; technique: CoverageTechnique } | { kind: 'message'; text: string };

/**
 * "ATT&CK coverage": the web-service techniques Tripline watches, which of them the workspace's
 * rules cover, and the rules (click to open at the tag). Data comes from the server's
 * `tripline/coverage` request, so the CLI and the editor count coverage the same way.
 */
export class CoverageTree implements vscode.TreeDataProvider<CoverageNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CoverageNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private data: Promise<CoverageResult | string> | undefined;

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly onCatalog: (version: string) => void,
  ) {}

  refresh(): void {
    this.data = undefined;
    this.changed.fire(undefined);
  }

  /** The current coverage (fetched once per refresh). A string is a problem to show. */
  load(): Promise<CoverageResult | string> {
    this.data ??= this.fetch();
    return this.data;
  }

  private async fetch(): Promise<CoverageResult | string> {
    if (!vscode.workspace.getConfiguration('tripline').get<boolean>('enable', true)) return 'Tripline is turned off (setting tripline.enable).';
    const c = this.client();
    if (!c) return 'The Tripline language server is not running.';
    const paths = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    const params: CoverageParams = paths.length > 0 ? { paths } : {};
    try {
      const result = await c.sendRequest<CoverageResult>(COVERAGE_REQUEST, params);
      this.onCatalog(result.catalogVersion);
      return result;
    } catch (e) {
      return `Coverage is not available: ${(e as Error).message}`;
    }
  }

  async getChildren(node?: CoverageNode): Promise<CoverageNode[]> {
    if (node?.kind === 'technique') return node.technique.rules.map((rule) => ({ kind: 'rule', rule, technique: node.technique }));
    if (node) return [];
    const data = await this.load();
    if (typeof data === 'string') return [{ kind: 'message', text: data }];
    return orderForView(data.techniques).map((technique) => ({ kind: 'technique', technique }));
  }

  getTreeItem(node: CoverageNode): vscode.TreeItem {
    if (node.kind === 'message') {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('info');
      return item;
    }
    if (node.kind === 'technique') return techniqueItem(node.technique);
    const r = node.rule;
    const uri = vscode.Uri.parse(r.uri);
    const item = new vscode.TreeItem(r.title || uri.path.split('/').pop() || r.uri, vscode.TreeItemCollapsibleState.None);
    item.id = `rule:${node.technique.id}:${r.uri}:${r.line}`;
    item.description = vscode.workspace.asRelativePath(uri, false);
    item.resourceUri = uri;
    item.iconPath = vscode.ThemeIcon.File;
    item.command = {
      title: 'Open rule',
      command: 'vscode.open',
      arguments: [uri, { selection: new vscode.Range(r.line, 0, r.line, 0) } satisfies vscode.TextDocumentShowOptions],
    };
    item.contextValue = 'rule';
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/**
 * What a reader looks for first: techniques the workspace's rules observe, most rules first; then
 * the observable gaps; PRE techniques last (no rule can observe them, whatever their tags say).
 */
function orderForView(techniques: readonly CoverageTechnique[]): CoverageTechnique[] {
  const rank = (t: CoverageTechnique): number => (t.observable === false ? 2 : t.covered ? 0 : 1);
  return [...techniques].sort((a, b) => rank(a) - rank(b) || b.rules.length - a.rules.length || a.id.localeCompare(b.id, 'en', { numeric: true }));
}

function ruleCount(n: number): string {
  return `${n.toLocaleString('en-US')} rule${n === 1 ? '' : 's'}`;
}

function techniqueItem(t: CoverageTechnique): vscode.TreeItem {
  const item = new vscode.TreeItem(`${t.id} ${t.name}`, t.rules.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = `technique:${t.id}`;
  const through = t.observedThrough && t.observedThrough.length > 0 ? t.observedThrough.join(', ') : undefined;
  const md = new vscode.MarkdownString(`**${t.id} ${t.name}**\n\n${t.domain} · ${t.tactics.join(', ')}\n\n`);
  if (t.observable === false) {
    // Tagging a rule with a PRE technique does not make it observe one: say what to map instead.
    item.description = `${t.rules.length > 0 ? `${ruleCount(t.rules.length)} · ` : ''}not observable${through ? ` — mapped to ${through}` : ''}`;
    item.iconPath = new vscode.ThemeIcon('eye-closed', new vscode.ThemeColor('disabledForeground'));
    md.appendMarkdown(
      `Happens outside the victim's view: no telemetry observes it.${through ? ` Rules observe its use through ${through}.` : ''}\n\n${t.rules.length > 0 ? `Tagged on ${ruleCount(t.rules.length)}.` : 'No rule tags it.'}`,
    );
    item.contextValue = 'technique.pre';
  } else {
    item.description = t.covered ? ruleCount(t.rules.length) : 'not covered';
    item.iconPath = new vscode.ThemeIcon(
      t.covered ? 'pass' : 'circle-large-outline',
      new vscode.ThemeColor(t.covered ? 'testing.iconPassed' : 'disabledForeground'),
    );
    md.appendMarkdown(t.covered ? `Covered by ${ruleCount(t.rules.length)}.` : 'No rule in the workspace maps to it.');
    item.contextValue = t.covered ? 'technique.covered' : 'technique.uncovered';
  }
  item.tooltip = md;
  item.accessibilityInformation = { label: `${t.id} ${t.name}, ${String(item.description)}` };
  return item;
}
