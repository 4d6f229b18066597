import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export const ROOT = join(__dirname, '..', '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `f` every `everyMs` until it gives a value (not undefined); fails after `ms`. */
export async function until<T>(what: string, f: () => Promise<T | undefined> | T | undefined, ms = 60000, everyMs = 200): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: {
    code: string;
    severity: number;
    message: string;
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    relatedInformation?: { message: string; location: { uri: string; range: { start: { line: number; character: number } } } }[];
  }[];
}

/**
 * A real LSP client for protocol tests: spawns `tripline lsp --stdio` and speaks JSON-RPC to it,
 * exactly as Neovim or Helix would.
 */
export class TestClient {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  private readonly waiters: { uri: string; version?: number; resolve: (d: PublishedDiagnostics) => void }[] = [];
  readonly published = new Map<string, PublishedDiagnostics>();
  /** Every publish, in order. */
  readonly history: PublishedDiagnostics[] = [];
  /** window/showMessage notifications, in order. */
  readonly messages: { type: number; message: string }[] = [];
  stderr = '';
  /** What the client answers for the `tripline` section of workspace/configuration. */
  settings: Record<string, unknown> = {};

  /** window/logMessage notifications, in order. */
  readonly logs: string[] = [];

  /** `detached` starts the server in a session of its own, as the VS Code extension does on Linux. */
  constructor(cwd = ROOT, { detached = false }: { detached?: boolean } = {}) {
    this.proc = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { cwd, detached, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      this.history.push(p);
      this.settle(p);
    });
    // The server says so instead of republishing identical findings for a new version.
    this.conn.onNotification('$/tripline/diagnosticsUnchanged', (p: { uri: string; version: number }) => {
      const shown = this.published.get(p.uri);
      if (shown) this.settle({ ...shown, version: p.version });
    });
    this.conn.onNotification('window/logMessage', (m: { message: string }) => void this.logs.push(m.message));
    this.conn.onNotification('window/showMessage', (m: { type: number; message: string }) => {
      this.messages.push(m);
    });
    this.conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) => (i.section === 'tripline' ? this.settings : {})),
    );
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.listen();
  }

  /** The findings of `p.uri` as of `p.version`: kept, and given to whoever waits for them. */
  private settle(p: PublishedDiagnostics): void {
    this.published.set(p.uri, p);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const w = this.waiters[i];
      if (w.uri === p.uri && (w.version === undefined || w.version === p.version)) {
        this.waiters.splice(i, 1);
        w.resolve(p);
      }
    }
  }

  async initialize(rootPath = ROOT, initializationOptions?: Record<string, unknown>): Promise<Record<string, unknown>> {
    const result = (await this.conn.sendRequest('initialize', {
      processId: process.pid,
      initializationOptions,
      rootUri: pathToFileURL(rootPath).href,
      workspaceFolders: [{ uri: pathToFileURL(rootPath).href, name: 'root' }],
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } }, window: { workDoneProgress: true } },
    })) as { capabilities: Record<string, unknown> };
    await this.conn.sendNotification('initialized', {});
    return result.capabilities;
  }

  diagnosticsFor(uri: string, version?: number): Promise<PublishedDiagnostics> {
    return new Promise((resolve) => this.waiters.push({ uri, version, resolve }));
  }

  async open(uri: string, text: string, languageId = 'yaml', version = 1): Promise<PublishedDiagnostics> {
    const wait = this.diagnosticsFor(uri, version);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return wait;
  }

  async change(uri: string, version: number, text: string): Promise<void> {
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.conn.sendRequest(method, params) as Promise<T>;
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // the process may already be gone
    }
    this.conn.dispose();
    await new Promise<void>((resolve) => {
      if (this.proc.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        this.proc.kill();
        resolve();
      }, 2000);
      this.proc.on('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}

/** Every `code` finding of a publish, also those shown inside a leading diagnostic's related information (one squiggle per entry). */
export function findingsOf(p: PublishedDiagnostics, code: string): { line: number; message: string }[] {
  const prefix = `Also ${code} (`;
  return p.diagnostics.flatMap((d) =>
    d.code === code
      ? [{ line: d.range.start.line, message: d.message }]
      : (d.relatedInformation ?? [])
          .filter((r) => r.message.startsWith(prefix))
          .map((r) => ({ line: r.location.range.start.line, message: r.message.replace(/^Also [^ ]+ \(\w+\): /, '') })),
  );
}
