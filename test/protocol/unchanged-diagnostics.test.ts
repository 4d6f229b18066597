import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TestClient } from './lsp-client';

const RULE = `title: Script engines calling paste sites
id: 6b1e3a6c-6a57-4bd2-9a40-5d3c2b1e0f33
status: experimental
description: Script engines talking to paste sites.
author: tests
date: 2026-01-01
tags:
    - attack.command-and-control
    - attack.t1102.001
logsource:
    product: windows
    category: network_connection
detection:
    selection:
        Image|endswith: '\\\\wscript.exe'
        DestinationHostname|endswith:
            - '.pastebin.com'
            - 'hastebin.com'
    condition: selection
level: high
`;

/**
 * Republishing the same findings makes the editor replace and redraw every marker: a new version
 * whose findings are the ones already shown is answered with `$/tripline/diagnosticsUnchanged`,
 * and a change of findings is published as always.
 */
describe('identical findings are not republished', () => {
  let client: TestClient;
  const uri = 'file:///tmp/tripline-unchanged/rule.yml';
  before(async () => {
    client = new TestClient();
    await client.initialize();
  });
  after(async () => client.shutdown());

  it('typing in the description publishes nothing new; editing a flagged entry does', async () => {
    const first = await client.open(uri, RULE);
    assert.ok(
      first.diagnostics.some((d) => d.code === 'domains/no-dot-boundary'),
      'hastebin.com is flagged',
    );
    const publishes = client.history.length;
    const typed = RULE.replace('paste sites.', 'paste sites, typed.');
    await client.change(uri, 2, typed);
    const same = await client.diagnosticsFor(uri, 2);
    assert.deepEqual(same.diagnostics, first.diagnostics, 'the findings as of version 2 are the ones shown');
    assert.equal(client.history.length, publishes, 'no publish for identical findings');

    await client.change(uri, 3, typed.replace("- 'hastebin.com'", "- '.hastebin.com'"));
    const fixed = await client.diagnosticsFor(uri, 3);
    assert.equal(client.history.length, publishes + 1, 'changed findings are published');
    assert.ok(!fixed.diagnostics.some((d) => d.code === 'domains/no-dot-boundary'));
  });
});
