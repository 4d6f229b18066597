import { createHash, randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { PreviewResult } from '../protocol';
import { termsOf } from './highlight';
import { renderPreviewHtml } from './html';
import { eventDocument, openTarget, type LineRule } from './open-target';

/** Read-only documents that show one matched event as JSON (EVTX records, archive members). */
const EVENT_SCHEME = 'tripline-event';
/** Event documents kept for re-reading (VS Code asks again when a closed tab is reopened). */
const KEPT_EVENT_DOCUMENTS = 100;

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
  /** The matches on screen, to find the event an "open" link names. */
  private matches: PreviewResult['matches'] = [];
  private readonly eventDocs = new Map<string, string>();
  /** Registered on the first event document, released with the panel (dispose() is also "turn off"). */
  private provider: vscode.Disposable | undefined;

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
      this.panel = vscode.window.createWebviewPanel(
        'tripline.preview',
        title,
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        {
          enableScripts: true,
          localResourceRoots: [media],
          retainContextWhenHidden: false,
        },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.shown = undefined;
      });
      this.panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m));
    }
    this.panel.title = title;
    this.shown = doc.uri.toString();
    this.matches = result.matches;
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
    await this.openMatch(msg.source, typeof msg.index === 'number' ? msg.index : 0);
  }

  /** Opens a match's sample at its line, or its event as read-only JSON when the sample is not text (open-target.ts). */
  private async openMatch(source: string, index: number): Promise<void> {
    const event = this.matches.find((m) => m.source === source && m.index === index)?.event;
    const target = openTarget(source, index, event);
    if (target.kind === 'file') return openSample(source, index, target.isUri, target.line);
    const uri = vscode.Uri.from({
      scheme: EVENT_SCHEME,
      path: `/${target.title.replace(/[\\/]/g, '_')}.jsonc`,
      query: createHash('sha1').update(`${source}\u0000${index}`).digest('hex').slice(0, 12),
    });
    this.provider ??= vscode.workspace.registerTextDocumentContentProvider(EVENT_SCHEME, {
      provideTextDocumentContent: (u) => this.eventDocs.get(u.toString()) ?? eventDocument(u.path, undefined),
    });
    this.eventDocs.set(uri.toString(), eventDocument(target.header, event));
    while (this.eventDocs.size > KEPT_EVENT_DOCUMENTS) this.eventDocs.delete(this.eventDocs.keys().next().value as string);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: true });
  }

  dispose(): void {
    this.panel?.dispose();
    this.provider?.dispose();
    this.provider = undefined;
  }
}

function titleOf(text: string): string | undefined {
  const m = /^title:\s*['"]?(.+?)['"]?\s*$/m.exec(text);
  return m?.[1];
}

/** Opens a text sample file; for line-oriented formats (NDJSON, CSV) reveals the event's line. */
async function openSample(source: string, index: number, isUri: boolean, lineRule: LineRule): Promise<void> {
  const uri = isUri ? vscode.Uri.parse(source) : vscode.Uri.file(source);
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: true });
  let line = -1;
  if (lineRule === 'ndjson') line = nthNonEmptyLine(doc, index);
  else if (lineRule === 'csv') line = nthNonEmptyLine(doc, index + 1);
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
