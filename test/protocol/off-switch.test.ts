import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sleep, TestClient } from './lsp-client';

const RULE = `title: Telegram bot API from script engines
id: 0b1e3a6c-6a57-4bd2-9a40-5d3c2b1e0f22
status: experimental
description: Script engines talking to the Telegram bot API.
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
        DestinationHostname|endwith: '.telegram.org'
    condition: selection
level: high
`;

/**
 * `tripline.enable: false` is off, not hidden: the findings are cleared once, nothing is analysed
 * or published while the user types, features answer empty, and turning it back on brings the
 * findings back.
 */
describe('turning Tripline off', () => {
  let client: TestClient;
  const uri = 'file:///tmp/tripline-off-switch/rule.yml';
  before(async () => {
    client = new TestClient();
    await client.initialize();
  });
  after(async () => client.shutdown());

  it('clears the findings once, analyses nothing while typing, and brings them back when on', async () => {
    const first = await client.open(uri, RULE);
    assert.ok(
      first.diagnostics.some((d) => d.code === 'sigma/unknown-modifier'),
      'a finding while on',
    );

    client.settings = { enable: false };
    const cleared = client.diagnosticsFor(uri);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    assert.deepEqual((await cleared).diagnostics, [], 'turning off clears the findings');

    const before = client.history.length;
    for (let v = 2; v <= 21; v++) {
      await client.change(uri, v, RULE.replace('Script engines', `Script engines ${'x'.repeat(v)}`));
      await sleep(15);
    }
    await sleep(500);
    assert.deepEqual(
      client.history.slice(before).filter((p) => p.uri === uri),
      [],
      'nothing is published for keystrokes while off',
    );
    const pos = { line: RULE.split('\n').findIndex((l) => l.includes('endwith')), character: 30 };
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: pos }), null, 'no hover while off');
    assert.deepEqual(await client.request('textDocument/codeLens', { textDocument: { uri } }), [], 'no CodeLens while off');

    client.settings = {};
    const back = client.diagnosticsFor(uri, 21);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    assert.ok(
      (await back).diagnostics.some((d) => d.code === 'sigma/unknown-modifier'),
      'the findings come back for the current version',
    );
  });
});
