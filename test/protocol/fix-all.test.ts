import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { TestClient } from './lsp-client';

const RULE = `title: Fix all
id: 9b3e3a6c-6a57-4bd2-9a40-5d3c2b1e0f12
status: Experimental
description: test
author: tests
date: 2026/01/02
logsource:
    product: windows
    category: process_creation
detection:
    selection:
        Image|endwith: '\\\\cmd.exe' # the shell
    condition: 1 of them
level: High
`;

type Edit = { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string };
type Action = { title: string; kind?: string; edit?: { changes: Record<string, Edit[]> } };

function apply(text: string, e: Edit): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
}

describe('source.fixAll.tripline over stdio', () => {
  let client: TestClient;
  let caps: Record<string, unknown>;
  const uri = 'file:///tmp/tripline-protocol/fix-all.yml';
  before(async () => {
    client = new TestClient();
    caps = await client.initialize();
    await client.open(uri, RULE);
  });
  after(async () => client.shutdown());

  it('advertises the kind, so editor.codeActionsOnSave can name it', () => {
    const kinds = (caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds;
    assert.ok(kinds.includes('source.fixAll.tripline'), JSON.stringify(kinds));
    assert.ok(kinds.includes('quickfix'));
  });

  it('returns one edit with every safe fix of the document, comments kept', async () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const actions = await client.request<Action[]>('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(actions.length, 1, JSON.stringify(actions.map((a) => a.title)));
    const [all] = actions;
    assert.equal(all.kind, 'source.fixAll.tripline');
    assert.match(all.title, /^Fix all safe problems in this file/);
    const edits = all.edit!.changes[uri];
    assert.equal(edits.length, 1);
    const fixed = apply(RULE, edits[0]);
    assert.equal(
      fixed,
      RULE.replace('Experimental', 'experimental')
        .replace('2026/01/02', '2026-01-02')
        .replace('endwith', 'endswith')
        .replace('1 of them', 'selection')
        .replace('High', 'high'),
    );
  });

  it('is not mixed into the quick fixes, and says nothing when the file needs no fix', async () => {
    const range = { start: { line: 11, character: 16 }, end: { line: 11, character: 16 } };
    const quick = await client.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } });
    assert.ok(quick.length > 0 && quick.every((a) => a.kind === 'quickfix'), JSON.stringify(quick.map((a) => a.kind)));
    const clean = 'file:///tmp/tripline-protocol/clean.yml';
    const text = RULE.replace('Experimental', 'experimental')
      .replace('2026/01/02', '2026-01-02')
      .replace('endwith', 'endswith')
      .replace('1 of them', 'selection')
      .replace('High', 'high');
    await client.open(clean, text);
    const none = await client.request<Action[]>('textDocument/codeAction', {
      textDocument: { uri: clean },
      range,
      context: { diagnostics: [], only: ['source'] },
    });
    assert.deepEqual(none, []);
  });
});

describe('profiles over stdio', () => {
  let client: TestClient;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tripline-profile-'));
    writeFileSync(join(dir, 'tripline.config.json'), JSON.stringify({ extends: 'sigmahq' }));
    client = new TestClient(dir);
    await client.initialize(dir);
  });
  after(async () => {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the profile in the effective configuration and runs its checks', async () => {
    const r = await client.request<{ config: { extends: string } }>('tripline/effectiveConfig', {});
    assert.equal(r.config.extends, 'sigmahq');
    const fixed = RULE.replace('Experimental', 'experimental')
      .replace('2026/01/02', '2026-01-02')
      .replace('endwith', 'endswith')
      .replace('1 of them', 'selection')
      .replace('High', 'high');
    const bad = await client.open(pathToFileURL(join(dir, 'Cmd Rule.yml')).href, fixed);
    assert.ok(
      bad.diagnostics.some((d) => d.code === 'sigma/filename-convention'),
      JSON.stringify(bad.diagnostics.map((d) => d.code)),
    );
    const good = await client.open(pathToFileURL(join(dir, 'proc_creation_win_cmd_rule.yml')).href, fixed);
    assert.ok(!good.diagnostics.some((d) => d.code === 'sigma/filename-convention'));
  });
});
