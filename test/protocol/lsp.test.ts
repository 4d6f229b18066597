import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestClient } from './lsp-client';

const RULE = `title: Dropbox API use by script engines
id: 9b3e3a6c-6a57-4bd2-9a40-5d3c2b1e0f11
status: experimental
description: Script engines talking to the Dropbox API.
author: tests
date: 2026-01-01
tags:
    - attack.command-and-control
    - attack.t1102.002
logsource:
    product: windows
    category: network_connection
detection:
    selection:
        Image|endswith:
            - '\\wscript.exe'
            - '\\cscript.exe'
        DestinationHostname|endwith: '.dropboxapi.com'
    filter_main:
        Image|startswith: 'C:\\Program Files\\'
    condition: selection and not filter_mian
level: high
`;

describe('language server over stdio', () => {
  let client: TestClient;
  const uri = 'file:///tmp/tripline-protocol/rule.yml';
  before(async () => {
    client = new TestClient();
    const caps = await client.initialize();
    assert.ok(
      caps.hoverProvider && caps.completionProvider && caps.codeActionProvider && caps.documentSymbolProvider && caps.definitionProvider && caps.renameProvider,
    );
  });
  after(async () => client.shutdown());

  it('publishes the diagnostics the CLI would, with codes and ranges', async () => {
    const d = await client.open(uri, RULE);
    const codes = d.diagnostics.map((x) => x.code).sort();
    assert.deepEqual(
      codes.filter((c) => c.startsWith('sigma/')),
      ['sigma/undefined-identifier', 'sigma/unknown-modifier', 'sigma/unused-selection'],
    );
    const mod = d.diagnostics.find((x) => x.code === 'sigma/unknown-modifier')!;
    assert.deepEqual(mod.range, { start: { line: 17, character: 28 }, end: { line: 17, character: 35 } });
    assert.equal(mod.severity, 1);
  });

  it('offers the quick fix for the misspelt modifier', async () => {
    const actions = await client.request<{ title: string; isPreferred: boolean; edit: { changes: Record<string, { newText: string; range: unknown }[]> } }[]>(
      'textDocument/codeAction',
      {
        textDocument: { uri },
        range: { start: { line: 17, character: 30 }, end: { line: 17, character: 30 } },
        context: { diagnostics: [] },
      },
    );
    const fix = actions.find((a) => a.title === "Change to 'endswith'");
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(fix.isPreferred, true);
    assert.equal(fix.edit.changes[uri][0].newText, 'endswith');
  });

  it('completes modifiers after a pipe', async () => {
    const items = await client.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri }, position: { line: 17, character: 28 } });
    const labels = items.map((i) => i.label);
    for (const m of ['contains', 'endswith', 'all', 're', 'cidr', 'windash']) assert.ok(labels.includes(m), m);
  });

  it('lists selections, filters and the condition as symbols', async () => {
    const symbols = await client.request<{ name: string; children?: { name: string; children?: { name: string }[] }[] }[]>('textDocument/documentSymbol', {
      textDocument: { uri },
    });
    assert.equal(symbols[0].name, 'Dropbox API use by script engines');
    const detection = symbols[0].children!.find((c) => c.name === 'detection')!;
    assert.deepEqual(
      detection.children!.map((c) => c.name),
      ['selection', 'filter_main', 'condition'],
    );
  });

  it('goes from a condition identifier to its definition', async () => {
    const locs = await client.request<{ range: { start: { line: number } } }[]>('textDocument/definition', {
      textDocument: { uri },
      position: { line: 20, character: 17 },
    });
    assert.equal(locs.length, 1);
    assert.equal(locs[0].range.start.line, 13);
  });

  it('renames a search identifier in its definition and the condition', async () => {
    const edit = await client.request<{ changes: Record<string, { newText: string; range: { start: { line: number } } }[]> }>('textDocument/rename', {
      textDocument: { uri },
      position: { line: 13, character: 6 },
      newName: 'selection_dropbox',
    });
    const lines = edit.changes[uri].map((e) => e.range.start.line).sort((a, b) => a - b);
    assert.deepEqual(lines, [13, 20]);
  });

  it('publishes only results for the latest version after rapid edits', async () => {
    const fixed = RULE.replace('endwith', 'endswith').replace('filter_mian', 'filter_main');
    for (let v = 2; v <= 6; v++) await client.change(uri, v, v === 6 ? fixed : RULE.replace('Dropbox', `Dropbox ${v}`));
    const d = await client.diagnosticsFor(uri, 6);
    assert.deepEqual(
      d.diagnostics.filter((x) => x.code.startsWith('sigma/')).map((x) => x.code),
      [],
    );
  });

  it('survives malformed input and keeps answering', async () => {
    const bad = 'title: x\ndetection:\n  selection: [\nlogsource: {';
    const d = await client.open('file:///tmp/tripline-protocol/bad.yml', bad);
    assert.ok(d.diagnostics.some((x) => x.code === 'sigma/yaml-syntax'));
    const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: 'file:///tmp/tripline-protocol/bad.yml' } });
    assert.ok(Array.isArray(symbols));
  });
});

describe('language server configuration', () => {
  it('reads tripline.config.json from the workspace and reloads it when it changes', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { pathToFileURL } = await import('node:url');
    const dir = mkdtempSync(join(tmpdir(), 'tripline-lsp-config-'));
    const cfg = join(dir, 'tripline.config.json');
    writeFileSync(cfg, JSON.stringify({ checks: { 'sigma/unused-selection': 'off' } }));
    const client = new TestClient(dir);
    try {
      await client.initialize(dir);
      const uri = pathToFileURL(join(dir, 'rule.yml')).href;
      const first = await client.open(uri, RULE);
      assert.ok(!first.diagnostics.some((d) => d.code === 'sigma/unused-selection'));
      writeFileSync(cfg, JSON.stringify({ checks: { 'sigma/unused-selection': 'error' } }));
      const next = client.diagnosticsFor(uri);
      await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(cfg).href, type: 2 }] });
      const d = await next;
      assert.equal(d.diagnostics.find((x) => x.code === 'sigma/unused-selection')?.severity, 1);
    } finally {
      await client.shutdown();
    }
  });
});

describe('code actions', () => {
  it('offer a fix shared by several findings on one entry only once', async () => {
    const client = new TestClient();
    try {
      await client.initialize();
      const uri = 'file:///tmp/tripline-protocol/dupes.yml';
      const text = RULE.replace("DestinationHostname|endwith: '.dropboxapi.com'", "DestinationHostname|endswith: 'dropboxapi.com'");
      const d = await client.open(uri, text);
      const line = text.split('\n').findIndex((l) => l.includes("'dropboxapi.com'"));
      const onEntry = d.diagnostics.filter((x) => x.range.start.line === line && x.code.startsWith('domains/'));
      // One squiggle per entry: the other findings ride in its related information.
      assert.equal(onEntry.length, 1, JSON.stringify(onEntry.map((x) => x.code)));
      assert.ok((onEntry[0].relatedInformation ?? []).length >= 1, JSON.stringify(onEntry[0]));
      const actions = await client.request<{ title: string }[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: onEntry[0].range,
        context: { diagnostics: [] },
      });
      const titles = actions.map((a) => a.title);
      assert.equal(new Set(titles).size, titles.length, titles.join(' | '));
      assert.ok(
        titles.some((t) => /allowlist/i.test(t)),
        titles.join(' | '),
      );
    } finally {
      await client.shutdown();
    }
  });
});
