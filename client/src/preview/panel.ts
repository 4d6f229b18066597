import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { PreviewResult } from '../protocol';
import { termsOf } from './highlight';
import { renderPreviewHtml } from './html';

/**
 * One preview panel, reused across rules (like the Markdown preview): a webview with scripts on,
 * local resources limited to the extension's media folder, and a message channel for "open the
 * source file" links.
 */
export type PreviewState = 'current' | 'updating' | 'stale';

export class PreviewPanel {
  private panel: vscode.WebviewPanel | undefined;
  /** The document the panel shows (its URI string), for live updates. */
  private shown: string | undefined;
  private stateNow: PreviewState = 'current';
  private rendered: Promise<number> = Promise.resolve(0);
  private markRendered: (rows: number) => void = () => undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  get visible(): boolean {
    return this.panel !== undefined;
  }

  /** URI of the rule the panel shows, while it is open. */
  get documentUri(): string | undefined {
    return this.panel ? this.shown : undefined;
  }

  get state(): PreviewState {
    return this.stateNow;
  }

  /** Says on the panel that its result is being recomputed, or is out of date (and why). */
  setState(state: PreviewState, text = ''): void {
    this.stateNow = state;
    void this.panel?.webview.postMessage({ type: state, text });
  }

  /** Resolves with the number of table rows once the webview has rendered the latest result. */
  whenRendered(): Promise<number> {
    return this.rendered;
  }

  show(doc: vscode.TextDocument, result: PreviewResult): void {
    const media = vscode.Uri.joinPath(this.extensionUri, 'client', 'media');
    const title = `Preview: ${doc.uri.path.split('/').pop() ?? 'rule'}`;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('tripline.preview', title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        localResourceRoots: [media],
        retainContextWhenHidden: false,
      });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.shown = undefined;
      });
      this.panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m));
    }
    this.panel.title = title;
    this.shown = doc.uri.toString();
    this.stateNow = 'current';
    this.rendered = new Promise((resolve) => (this.markRendered = resolve));
    const webview = this.panel.webview;
    const terms = termsOf(result.terms);
    const ruleName = titleOf(doc.getText()) ?? title;
    webview.html = renderPreviewHtml(ruleName, result, terms, {
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'preview.css')).toString(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'preview.js')).toString(),
    });
    this.panel.reveal(undefined, true);
  }

  private async onMessage(m: unknown): Promise<void> {
    if (typeof m !== 'object' || m === null) return;
    const msg = m as { type?: string; source?: string; index?: number; rows?: number };
    if (msg.type === 'ready') this.markRendered(typeof msg.rows === 'number' ? msg.rows : 0);
    if (msg.type !== 'open' || typeof msg.source !== 'string') return;
    await openSample(msg.source, typeof msg.index === 'number' ? msg.index : 0);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

function titleOf(text: string): string | undefined {
  const m = /^title:\s*['"]?(.+?)['"]?\s*$/m.exec(text);
  return m?.[1];
}

/** Opens a sample file; for line-oriented formats (NDJSON, CSV) reveals the event's line. */
async function openSample(source: string, index: number): Promise<void> {
  const uri = /^[a-z][a-z0-9+.-]+:/i.test(source) && !/^[a-z]:[\\/]/i.test(source) ? vscode.Uri.parse(source) : vscode.Uri.file(source);
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: true });
  const lower = uri.path.toLowerCase();
  let line = -1;
  if (/\.(ndjson|jsonl)$/.test(lower)) line = nthNonEmptyLine(doc, index);
  else if (lower.endsWith('.csv')) line = nthNonEmptyLine(doc, index + 1);
  if (line >= 0 && line < doc.lineCount) {
    const range = doc.lineAt(line).range;
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
  }
}

function nthNonEmptyLine(doc: vscode.TextDocument, n: number): number {
  let seen = -1;
  for (let i = 0; i < doc.lineCount; i++) {
    if (doc.lineAt(i).isEmptyOrWhitespace) continue;
    if (++seen === n) return i;
  }
  return -1;
}
