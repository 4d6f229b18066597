/**
 * A correlation rule in the editor: `tripline/preview` answers with the same correlations as
 * `tripline preview --format json`, and the CodeLens counts correlations (bundled samples).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { EXAMPLES_DIR } from '../sample-labels';
import { CLI, ROOT, TestClient } from './lsp-client';

interface Json {
  rule: string;
  matched: number;
  correlations?: { group: Record<string, string>; window: { start: string; end: string }; count: number; events: { source: string; index: number }[] }[];
}
interface Lens {
  data?: unknown;
  command?: { title: string };
}

/** The bundled Telegram example, named so a correlation can refer to it, under an event_count correlation. */
function correlationFile(): { path: string; text: string } {
  const base = readFileSync(join(EXAMPLES_DIR, 'sigma', 'net_connection_win_telegram_bot_api_non_browser.yml'), 'utf8').replace(
    /^title:/m,
    'name: tg_bot\ntitle:',
  );
  const text = `title: Repeated Telegram bot API contact from one host\ncorrelation:\n    type: event_count\n    rules:\n        - tg_bot\n    group-by:\n        - Computer\n    timespan: 1h\n    condition:\n        gte: 3\n---\n${base}`;
  const path = join(mkdtempSync(join(tmpdir(), 'tripline-lsp-corr-')), 'mr_telegram.yml');
  writeFileSync(path, text);
  return { path, text };
}
const rel = (e: { source: string; index: number }): string => `${e.source.replaceAll('\\', '/').replace(/^.*\/samples\//, '')}#${e.index}`;

describe('correlation preview over LSP', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient();
    client.conn.onRequest('workspace/codeLens/refresh', () => null);
    client.conn.onRequest('workspace/inlayHint/refresh', () => null);
    await client.initialize();
  });
  after(async () => client.shutdown());

  it('answers the correlations tripline preview prints, and the lens counts them', async () => {
    const f = correlationFile();
    const uri = pathToFileURL(f.path).href;
    await client.open(uri, f.text);
    const r = await client.request<Json>('tripline/preview', { uri, limit: 10 });
    const cli = spawnSync(process.execPath, [CLI, 'preview', f.path, '--samples', join(ROOT, 'samples'), '--format', 'json', '--limit', '10'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(cli.status, 0, cli.stderr);
    const expected = JSON.parse(cli.stdout) as Json;
    assert.equal(r.rule, 'Repeated Telegram bot API contact from one host');
    assert.ok((r.correlations?.length ?? 0) > 0, 'the bundled implant polls the Bot API for hours');
    assert.equal(r.matched, expected.matched);
    // The editor lists the bundled files in another order than the CLI's folder walk: compare as sets.
    const shape = (j: Json): string[] => (j.correlations ?? []).map((c) => JSON.stringify({ ...c, events: c.events.map(rel) })).sort();
    assert.deepEqual(shape(r), shape(expected));
    for (const c of r.correlations ?? []) {
      assert.ok(c.count >= 3);
      assert.ok(Date.parse(c.window.end) - Date.parse(c.window.start) <= 3600000);
    }
    const lenses = await client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses.length, 2, 'the correlation and the rule it names');
    const resolved = await client.request<Lens>('codeLens/resolve', lenses[0]);
    assert.match(resolved.command?.title ?? '', new RegExp(`^▶ ${r.correlations!.length} correlations \\(${r.matched} matched events in `));
  });
});
