import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { TestClient } from './lsp-client';

const RULE = `title: Telegram bot API from script engines
id: 9b3e3a6c-6a57-4bd2-9a40-5d3c2b1e0f11
status: experimental
description: Script engines talking to the Telegram bot API.
author: tests
date: 2026-01-01
tags:
    - attack.command-and-control
    - attack.t1481.002
    - attack.resource-development
    - attack.t1583.006
logsource:
    product: windows
    category: network_connection
detection:
    selection:
        Image|endswith: '\\wscript.exe'
        DestinationHostname|endswith: '.api.telegram.org'
    condition: selection
level: high
`;

interface Hover {
  contents: { kind: string; value: string };
  range: { start: { line: number; character: number } };
}
interface Item {
  label: string;
  sortText?: string;
  textEdit?: { newText: string; range: { start: { line: number; character: number } } };
}
interface Action {
  title: string;
  isPreferred?: boolean;
  diagnostics?: { code: string }[];
  edit?: { changes: Record<string, { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]> };
}

describe('ATT&CK over the language server protocol', () => {
  let client: TestClient;
  let dir: string;
  let uri: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tripline-attack-lsp-'));
    uri = pathToFileURL(join(dir, 'rule.yml')).href;
    writeFileSync(join(dir, 'rule.yml'), RULE);
    client = new TestClient();
    await client.initialize(dir);
  });
  after(async () => {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes the attack diagnostics of the rule', async () => {
    const d = await client.open(uri, RULE);
    const codes = d.diagnostics.map((x) => x.code).filter((c) => c.startsWith('attack/'));
    assert.deepEqual(codes, ['attack/platform-mismatch']);
  });

  it('hovers a technique tag with the ATT&CK facts and the catalog version', async () => {
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 10, character: 15 } });
    assert.equal(h.contents.kind, 'markdown');
    assert.match(h.contents.value, /T1583\.006.*Acquire Infrastructure: Web Services/);
    assert.match(h.contents.value, /DET0896.*AN2028/);
    assert.match(h.contents.value, /catalog 19\.0/);
    assert.deepEqual(h.range.start, { line: 10, character: 6 });
  });

  it('completes techniques after attack. by name fragment', async () => {
    const text = RULE.replace('    - attack.t1583.006\n', '    - attack.t1583.006\n    - attack.web serv\n');
    await client.change(uri, 2, text);
    const items = await client.request<Item[]>('textDocument/completion', { textDocument: { uri }, position: { line: 11, character: 21 } });
    const labels = items.map((i) => i.label);
    for (const id of ['t1102', 't1481', 't1583.006', 't1584.006']) assert.ok(labels.includes(id), id);
    const t1102 = items.find((i) => i.label === 't1102')!;
    assert.deepEqual(t1102.textEdit!.range.start, { line: 11, character: 13 });
    await client.change(uri, 3, RULE);
  });

  it('offers the namesake swap as a quick fix', async () => {
    const actions = await client.request<Action[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 8, character: 10 }, end: { line: 8, character: 10 } },
      context: { diagnostics: [] },
    });
    const fix = actions.find((a) => a.diagnostics?.[0]?.code === 'attack/platform-mismatch');
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(fix.isPreferred, true);
    assert.match(fix.title, /t1102\.002/);
    assert.deepEqual(fix.edit!.changes[uri], [{ range: { start: { line: 8, character: 6 }, end: { line: 8, character: 22 } }, newText: 'attack.t1102.002' }]);
  });

  it('answers tripline/coverage for given paths and for the workspace folders', async () => {
    interface Coverage {
      catalogVersion: string;
      techniques: { id: string; covered: boolean; rules: { uri: string; title: string; line: number }[] }[];
    }
    const r = await client.request<Coverage>('tripline/coverage', { paths: [dir] });
    assert.equal(r.catalogVersion, '19.0');
    const acquire = r.techniques.find((t) => t.id === 'T1583.006')!;
    assert.deepEqual(acquire.rules, [{ uri, title: 'Telegram bot API from script engines', line: 10 }]);
    assert.equal(r.techniques.find((t) => t.id === 'T1584.006')!.covered, false);
    client.conn.onRequest('workspace/workspaceFolders', () => [{ uri: pathToFileURL(dir).href, name: 'ws' }]);
    const ws = await client.request<Coverage>('tripline/coverage', {});
    assert.ok(ws.techniques.find((t) => t.id === 'T1481.002')!.covered);
  });
});
