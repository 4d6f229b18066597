import * as vscode from 'vscode';

type ServerState = 'starting' | 'running' | 'stopped';

/**
 * One status-bar item with the three things a rule author wants to know at a glance: is the
 * server up, which telemetry the preview uses, and which ATT&CK catalog the checks use.
 */
export class TriplineStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tripline.status', vscode.StatusBarAlignment.Right, 100);
  private server: ServerState = 'starting';
  private catalog: string | undefined;
  private shown = true;

  constructor() {
    this.item.name = 'Tripline';
    this.item.command = 'tripline.pickSamples';
    this.update();
    this.item.show();
  }

  /** Hidden while Tripline is turned off (`tripline.enable: false`). */
  setVisible(on: boolean): void {
    this.shown = on;
    if (on) this.item.show();
    else this.item.hide();
  }

  get visible(): boolean {
    return this.shown;
  }

  setServer(state: ServerState): void {
    this.server = state;
    this.update();
  }

  setCatalog(version: string | undefined): void {
    this.catalog = version;
    this.update();
  }

  /** Where the preview's telemetry comes from, read from the settings. */
  sampleSource(): string {
    const cfg = vscode.workspace.getConfiguration('tripline.samples');
    const paths = cfg.get<string[]>('paths', []);
    const bundled = cfg.get<boolean>('bundled', true);
    const parts: string[] = [];
    if (paths.length > 0) parts.push(`workspace (${paths.length} pattern${paths.length === 1 ? '' : 's'})`);
    if (bundled) parts.push('bundled');
    return parts.length > 0 ? parts.join(' + ') : 'none';
  }

  get text(): string {
    return this.item.text;
  }

  get tooltip(): string {
    return typeof this.item.tooltip === 'string' ? this.item.tooltip : (this.item.tooltip?.value ?? '');
  }

  update(): void {
    const icon = this.server === 'running' ? '$(shield)' : this.server === 'starting' ? '$(sync~spin)' : '$(error)';
    const catalog = this.catalog ? ` · ATT&CK ${this.catalog}` : '';
    const samples = this.sampleSource();
    this.item.text = `${icon} Tripline${catalog} · $(beaker) ${samples === 'bundled' ? 'bundled samples' : samples}`;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**Tripline** language server: ${this.server}${this.server === 'stopped' ? ' (see the Tripline output channel)' : ''}\n\n`);
    md.appendMarkdown(`Sample telemetry: ${this.sampleSource()}\n\n`);
    md.appendMarkdown(`ATT&CK catalog: ${this.catalog ?? 'unknown'}\n\n`);
    md.appendMarkdown('Click to pick the sample telemetry.');
    this.item.tooltip = md;
    this.item.accessibilityInformation = { label: `Tripline ${this.server}, samples ${this.sampleSource()}, ATT&CK catalog ${this.catalog ?? 'unknown'}` };
    this.item.backgroundColor = this.server === 'stopped' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
