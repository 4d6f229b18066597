import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { TestClient, type PublishedDiagnostics } from './lsp-client';

const GOOD = `title: Script engine talks to Telegram
id: 9b3e3a6c-6a57-4bd2-9a40-5d3c2b1e0f11
status: experimental
description: test
author: tests
date: 2026-01-01
tags:
    - attack.command-and-control
    - attack.t1102.002
logsource:
    product: windows
    category: process_creation
detection:
    selection:
        Image|endswith: '\\wscript.exe'
    unused:
        CommandLine|contains: 'x'
    condition: selection
level: high
`;

/** A common Sigma mistake: an unquoted leading `*` is a YAML alias to nothing. */
const ALIAS = GOOD.replace("CommandLine|contains: 'x'", 'CommandLine: *foo*');

async function within<T>(what: string, p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)));
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('language server: broken and hostile files', () => {
  let client: TestClient;
  const uri = 'file:///tmp/tripline-robust/alias.yml';
  before(async () => {
    client = new TestClient();
    // A short budget so the slow file below is stopped quickly.
    await client.initialize(undefined, { analysisBudgetMs: 2000 });
  });
  after(async () => client.shutdown());

  it('replaces the diagnostics of a file that turns unparseable (YAML alias), never leaving them stale', async () => {
    const first = await client.open(uri, GOOD);
    assert.ok(
      first.diagnostics.some((d) => d.code === 'sigma/unused-selection'),
      JSON.stringify(first.diagnostics),
    );
    const next = client.diagnosticsFor(uri, 2);
    await client.change(uri, 2, ALIAS);
    const d = await within('diagnostics after the alias edit', next, 30000);
    // The new version's findings, not the old ones: the alias is named where it is, with the help a
    // user needs; the rest of the rule is still checked (so its other findings may stay, rightly).
    const problem = d.diagnostics.find((x) => x.code === 'sigma/yaml-syntax');
    assert.ok(problem, `no finding names the problem: ${JSON.stringify(d.diagnostics)}`);
    assert.match(problem.message, /alias.*quote|quote.*alias/is);
    assert.equal(
      problem.range.start.line,
      ALIAS.split('\n').findIndex((l) => l.includes('*foo*')),
    );
  });

  it('answers every request on the broken file, empty rather than with an error', async () => {
    const pos = { line: 15, character: 12 };
    const at = { textDocument: { uri }, position: pos };
    const hover = await client.request<unknown>('textDocument/hover', at);
    assert.ok(hover === null || typeof hover === 'object');
    assert.ok(Array.isArray(await client.request<unknown[]>('textDocument/completion', at)));
    assert.ok(Array.isArray(await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } })));
    const actions = await client.request<unknown[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: pos, end: pos },
      context: { diagnostics: [] },
    });
    assert.ok(Array.isArray(actions));
    await client.request('textDocument/definition', at);
    await client.request('textDocument/codeLens', { textDocument: { uri } });
  });

  it('stops a KQL file that would take minutes, says so on it, and keeps serving other documents', async () => {
    const slow = 'file:///tmp/tripline-robust/parens.kql';
    // Unbalanced parentheses: Kusto.Language takes tens of seconds on these (roughly quadratic).
    const published = client.open(slow, `SigninLogs\n| where ${'('.repeat(4000)}`, 'kql');
    // Give the worker time to start on it (the first KQL file also loads the parser, which is not
    // charged to the budget).
    await new Promise((r) => setTimeout(r, 300));
    const other = 'file:///tmp/tripline-robust/other.yml';
    const t0 = Date.now();
    const d = await within('diagnostics of another document while the KQL file is analysed', client.open(other, GOOD), 10000);
    assert.ok(d.diagnostics.some((x) => x.code === 'sigma/unused-selection'));
    const hover = await within(
      'hover on another document',
      client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: other }, position: { line: 8, character: 10 } }),
      10000,
    );
    assert.ok(hover, 'no hover on the ATT&CK tag');
    assert.ok(Date.now() - t0 < 10000);
    const s: PublishedDiagnostics = await within('the slow file stopped', published, 90000);
    const stopped = s.diagnostics.find((x) => x.code === 'tripline/not-checked');
    assert.ok(stopped, JSON.stringify(s.diagnostics));
    assert.match(stopped.message, /not checked: analysis exceeded 2 s/i);
    // Requests on the stopped file answer at once, empty.
    const h = await within(
      'hover on the stopped file',
      client.request<unknown>('textDocument/hover', { textDocument: { uri: slow }, position: { line: 1, character: 10 } }),
      5000,
    );
    assert.equal(h, null);
  });
});

describe('language server: workspace trust', () => {
  let dir: string;
  let ws: string;
  /** A rule in the workspace whose domain only the outside sample contains. */
  const RULE = `title: Secret host
id: 2f0e4a5b-1c6d-4e7f-8a9b-0c1d2e3f4a5b
status: experimental
description: test
author: tests
date: 2026-01-01
tags:
    - attack.command-and-control
    - attack.t1102.002
logsource:
    category: proxy
detection:
    selection:
        cs-host|endswith:
            - '.very-secret-host.example'
    condition: selection
level: high
`;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tripline-trust-'));
    ws = join(dir, 'ws');
    mkdirSync(ws);
    mkdirSync(join(dir, 'outside'));
    const event = (i: number): string =>
      JSON.stringify({
        time: '2025-03-10T07:00:00Z',
        'c-ip': '10.0.0.1',
        'cs-method': 'GET',
        'cs-host': `h${i}.very-secret-host.example`,
        'c-uri': `https://h${i}.very-secret-host.example/`,
      });
    writeFileSync(join(dir, 'outside', 'secret.log'), [1, 2, 3].map(event).join('\n') + '\n');
    writeFileSync(join(ws, 'tripline.config.json'), JSON.stringify({ samples: { paths: ['../outside/secret.log'], bundled: false } }));
    writeFileSync(join(ws, 'rule.yml'), RULE);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** What the server shows of the outside sample: the CodeLens count (main thread) and hit counts (workers). */
  async function observe(options: Record<string, unknown>): Promise<{ lens: string; inlay: string[]; messages: string[] }> {
    const client = new TestClient(ws);
    client.conn.onRequest('workspace/codeLens/refresh', () => null);
    client.conn.onRequest('workspace/inlayHint/refresh', () => null);
    try {
      await client.initialize(ws, options);
      const uri = pathToFileURL(join(ws, 'rule.yml')).href;
      await client.open(uri, RULE);
      const lenses = await client.request<{ range: unknown; data: unknown }[]>('textDocument/codeLens', { textDocument: { uri } });
      assert.equal(lenses.length, 1);
      const lens = await client.request<{ command: { title: string } }>('codeLens/resolve', lenses[0]);
      // Hit counts come with a later analysis once the sample index is built (if anything is read).
      let inlay: { label: string }[] = [];
      for (let i = 0; i < 25 && inlay.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 200));
        inlay = await client.request<{ label: string }[]>('textDocument/inlayHint', {
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } },
        });
      }
      return { lens: lens.command.title, inlay: inlay.map((h) => h.label), messages: client.messages.map((m) => m.message) };
    } finally {
      await client.shutdown();
    }
  }

  it('an untrusted workspace cannot make the server read a file outside it, and the user is told', async () => {
    const seen = await observe({ workspaceTrusted: false });
    assert.match(seen.lens, /choose sample telemetry/, seen.lens);
    assert.deepEqual(seen.inlay, []);
    const told = seen.messages.filter((m) => /samples\.paths/.test(m) && /not trusted/.test(m));
    assert.equal(told.length, 1, JSON.stringify(seen.messages));
  });

  it('a trusted workspace cannot point outside itself either, unless the user setting allows it', async () => {
    const confined = await observe({ workspaceTrusted: true });
    assert.match(confined.lens, /choose sample telemetry/, confined.lens);
    assert.deepEqual(confined.inlay, []);
    assert.ok(
      confined.messages.some((m) => /outside the workspace folder/.test(m)),
      JSON.stringify(confined.messages),
    );
    // The control: with the user's permission the same configuration reads the outside file.
    const allowed = await observe({ workspaceTrusted: true, allowPathsOutsideWorkspace: true });
    assert.match(allowed.lens, /3 matches in 3 events/, allowed.lens);
    assert.ok(
      allowed.inlay.some((l) => l.startsWith('3 hits')),
      JSON.stringify(allowed.inlay),
    );
  });
});
