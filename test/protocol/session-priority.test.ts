import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { platform } from 'node:os';
import { after, before, describe, it } from 'node:test';
import { sleep, TestClient, until } from './lsp-client';

const RULE = `title: Script engines calling paste sites
id: 0c6f1d7e-5a4b-4c1e-9f0a-2b7d3e8c4a51
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
        DestinationHostname|endswith:
            - '.pastebin.com'
    condition: selection
level: high
`;

/** "/autogroup-123 nice 10" → 10. */
const groupNice = (pid: number): number => Number(/nice (-?\d+)/.exec(readFileSync(`/proc/${pid}/autogroup`, 'utf8'))?.[1]);

/** Resolves once the autogroup of `pid` has nice `want`; fails after `ms`. */
const niceBecomes = (pid: number, want: number, ms: number): Promise<true> =>
  until(`nice ${want} on the autogroup of ${pid}`, () => groupNice(pid) === want || undefined, ms, 10);

const noAutogroups = platform() !== 'linux' || !existsSync('/proc/self/autogroup') ? 'needs Linux autogroups (/proc/self/autogroup)' : false;

/**
 * While the user types, a server started in a session of its own (as the VS Code extension starts
 * it on Linux) gives its whole session the lowest CPU weight, so the editor's keystrokes go first
 * on a busy machine; after a pause it is back at normal weight. A server started inside someone
 * else's session (a terminal, another editor) never touches that session's weight.
 */
describe('the server session yields the CPU while the user types', { skip: noAutogroups }, () => {
  describe('started in a session of its own', () => {
    let client: TestClient;
    const uri = 'file:///tmp/tripline-priority/rule.yml';
    before(async () => {
      client = new TestClient(undefined, { detached: true });
      await client.initialize();
      await client.open(uri, RULE);
    });
    after(async () => client.shutdown());

    it('runs at nice 19 while edits come and at 0 again after the pause', async () => {
      assert.ok(
        client.logs.some((l) => l.includes('leads its scheduling group')),
        client.logs.join('\n'),
      );
      assert.equal(groupNice(client.proc.pid!), 0, 'normal weight before any edit');
      await client.change(uri, 2, RULE.replace("'.pastebin.com'", "'.pastebin.coma'"));
      await niceBecomes(client.proc.pid!, 19, 2000); // the lowest weight while typing
      await client.change(uri, 3, RULE.replace("'.pastebin.com'", "'.pastebin.comab'"));
      await sleep(250);
      assert.equal(groupNice(client.proc.pid!), 19, 'still low 250 ms after the last key');
      await niceBecomes(client.proc.pid!, 0, 3000); // normal again after the pause
    });
  });

  describe('started inside the caller session', () => {
    let client: TestClient;
    const uri = 'file:///tmp/tripline-priority/inside.yml';
    before(async () => {
      client = new TestClient();
      await client.initialize();
      await client.open(uri, RULE);
    });
    after(async () => client.shutdown());

    it('leaves the session it shares alone', async () => {
      const mine = readFileSync('/proc/self/autogroup', 'utf8');
      await client.change(uri, 2, RULE.replace("'.pastebin.com'", "'.pastebin.coma'"));
      await client.diagnosticsFor(uri, 2);
      await sleep(100);
      assert.equal(readFileSync('/proc/self/autogroup', 'utf8'), mine);
      assert.ok(
        client.logs.some((l) => l.includes('not started in a session of its own')),
        client.logs.join('\n'),
      );
    });
  });
});
