import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TestClient } from './lsp-client';

const RULE = `id: 5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a11
name: Web service C2
severity: Medium
queryFrequency: 1h
queryPeriod: 1h
triggerOperator: gt
triggerThreshold: 0
tactics:
  - CommandAndControl
relevantTechniques:
  - T1102.002
query: |
  DeviceNetworkEvents
  | where RemoteURL has "api.telegram.org"
kind: Scheduled
`;

describe('language server on KQL and Sentinel documents', () => {
  it('publishes kql/unknown-name in a Sentinel rule and kql/syntax in a .kql file; hover and completion answer', async () => {
    const client = new TestClient();
    try {
      await client.initialize();
      const rule = await client.open('file:///tmp/tripline-lsp/rule.yaml', RULE);
      const unknown = rule.diagnostics.find((d) => d.code === 'kql/unknown-name');
      assert.ok(unknown, JSON.stringify(rule.diagnostics));
      assert.deepEqual(unknown.range.start, { line: 13, character: 10 });
      const kql = await client.open(
        'file:///tmp/tripline-lsp/q.kql',
        'DeviceNetworkEvents\n| where RemoteUrl in~ ("a.example", "b.example"\n| take 1\n',
        'kql',
      );
      const syntax = kql.diagnostics.find((d) => d.code === 'kql/syntax');
      assert.ok(syntax);
      assert.equal(syntax.range.start.line, 1);
      const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
        textDocument: { uri: 'file:///tmp/tripline-lsp/rule.yaml' },
        position: { line: 12, character: 5 },
      });
      assert.match(hover?.contents.value ?? '', /DeviceNetworkEvents\*\* \(table/);
      const items = await client.request<{ label: string }[]>('textDocument/completion', {
        textDocument: { uri: 'file:///tmp/tripline-lsp/rule.yaml' },
        position: { line: 13, character: 10 },
      });
      assert.ok(items.some((i) => i.label === 'RemoteUrl'));
    } finally {
      await client.shutdown();
    }
  });
});
