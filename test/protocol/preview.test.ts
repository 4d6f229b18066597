/**
 * Preview over LSP, against the real server (`tripline lsp --stdio`) and the bundled samples:
 * `tripline/preview`, its progress and cancellation, the CodeLens, the inlay hints, and
 * `domains/noisy-in-samples` arriving once the sample index is built — counts from samples/labels.json,
 * and the editor's noisy findings identical to `tripline check`'s.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import { compactCount } from '../../server/src/lsp/analysis/inlay';
import { attackKeys, EXAMPLES_DIR, loadLabels } from '../sample-labels';
import { CLI, findingsOf, ROOT, TestClient, until, type PublishedDiagnostics } from './lsp-client';
import { LENS_QUIET_MS } from '../../server/src/lsp/features/code-lens';
import { HINT_QUIET_MS } from '../../server/src/lsp/features/inlay-hints';

const labels = loadLabels();
const ALL_FILES = Object.keys(labels.files);
const TOTAL = ALL_FILES.reduce((n, f) => n + labels.files[f].events, 0);
const fmt = (n: number): string => n.toLocaleString('en-US');

interface PreviewJson {
  rule: string;
  scanned: number;
  matched: number;
  matches: { source: string; index: number; event: Record<string, unknown>; selections: string[] }[];
  skipped: { source: string; index: number; reason: string }[];
}

interface Lens {
  range: { start: { line: number } };
  data?: unknown;
  command?: { title: string; command: string; arguments?: unknown[] };
}

const example = (name: string): { uri: string; text: string; path: string } => {
  const path = join(EXAMPLES_DIR, 'sigma', name);
  return { path, uri: pathToFileURL(path).href, text: readFileSync(path, 'utf8') };
};

/** "samples/proxy/proxy.ndjson#12": the bundled file a match came from, relative to samples/. */
const key = (m: { source: string; index: number }): string => `${m.source.replaceAll('\\', '/').replace(/^.*\/samples\//, '')}#${m.index}`;

describe('preview over LSP', () => {
  let client: TestClient;
  const progress: { token: unknown; kind: string }[] = [];
  before(async () => {
    client = new TestClient();
    client.conn.onNotification('$/progress', (p: { token: unknown; value: { kind: string } }) => {
      progress.push({ token: p.token, kind: p.value.kind });
    });
    client.conn.onRequest('workspace/codeLens/refresh', () => null);
    client.conn.onRequest('workspace/inlayHint/refresh', () => null);
    const caps = await client.initialize();
    assert.deepEqual(caps.codeLensProvider, { resolveProvider: true });
    assert.ok(caps.inlayHintProvider);
  });
  after(async () => client.shutdown());

  it('tripline/preview answers with the CLI JSON: exactly the labelled webhook posts, in every bundled event', async () => {
    const ex = example('proxy_webhook_exfiltration.yml');
    await client.open(ex.uri, ex.text);
    const r = await client.request<PreviewJson>('tripline/preview', { uri: ex.uri, limit: 50 });
    // The CLI's keys, plus what the panel highlights (the client never parses rules itself).
    assert.deepEqual(Object.keys(r).sort(), ['matched', 'matches', 'rule', 'scanned', 'skipped', 'terms']);
    const terms = (r as unknown as { terms: Record<string, { field: string; pieces: string[] }[]> }).terms;
    assert.ok(
      terms.selection?.some((t) => t.field !== '' && t.pieces.length > 0),
      JSON.stringify(terms),
    );
    const expected = attackKeys(labels, ALL_FILES, (a) => a.pattern === 'webhook-exfil' && a.category === 'proxy');
    assert.equal(r.scanned, TOTAL);
    assert.equal(r.matched, expected.size);
    assert.deepEqual(new Set(r.matches.map(key)), expected);
    assert.ok(r.matches.every((m) => m.selections.includes('selection')));
    assert.deepEqual(r.skipped, []);
    // Work-done progress: begun and ended for the scan.
    const kinds = progress.map((p) => p.kind);
    assert.ok(kinds.includes('begin') && kinds.includes('end'), kinds.join(','));
  });

  it('tripline/preview of a KQL hunting query answers what `tripline preview` prints for it', async () => {
    const path = join(EXAMPLES_DIR, 'kql', 'seed_web_service_hunt.kql');
    const uri = pathToFileURL(path).href;
    const r = await client.request<PreviewJson & { table: string }>('tripline/preview', { uri, limit: 1000 });
    const samples = ['defender'].map((d) => join(ROOT, 'samples', d));
    const cli = spawnSync(process.execPath, [CLI, 'preview', path, '--samples', ...samples, '--format', 'json', '--limit', '1000'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(cli.status, 0, cli.stderr);
    const expected = JSON.parse(cli.stdout) as PreviewJson & { table: string };
    assert.equal(r.table, 'DeviceNetworkEvents');
    assert.ok(r.matched > 0);
    assert.equal(r.matched, expected.matched);
    assert.deepEqual(new Set(r.matches.map(key)), new Set(expected.matches.map(key)));
    // Outside the subset, the editor refuses exactly as the CLI does, naming the place.
    const twoQueries = pathToFileURL(join(EXAMPLES_DIR, 'kql', 'hunt_web_service_domains.kql')).href;
    await assert.rejects(client.request('tripline/preview', { uri: twoQueries }), (e: { message?: string }) =>
      /line 19, column 1: unsupported: a second query statement/.test(e.message ?? ''),
    );
  });

  it('the CodeLens says how many events the rule matches, and opens the preview', async () => {
    const ex = example('mobile_android_firebase_relay_sideloaded.yml');
    await client.open(ex.uri, ex.text);
    const lenses = await client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri: ex.uri } });
    assert.equal(lenses.length, 1);
    assert.equal(
      lenses[0].range.start.line,
      ex.text.split('\n').findIndex((l) => l.startsWith('title:')),
    );
    const resolved = await client.request<Lens>('codeLens/resolve', lenses[0]);
    // iOS events carry no `installer`, so the rule's `installer: null` filter leaves them out.
    const expected = attackKeys(
      labels,
      ['mobile/android-network.ndjson'],
      (a) => a.pattern === 'firebase-relay' && ['register', 'exfil'].includes(a.step),
    ).size;
    assert.equal(resolved.command?.title, `▶ ${fmt(expected)} matches in ${fmt(TOTAL)} events`);
    assert.equal(resolved.command?.command, 'tripline.previewMatches');
    assert.deepEqual(resolved.command?.arguments, [ex.uri]);
  });

  it('while the rule is being edited, the CodeLens waits for a pause before scanning; a cancelled one gives up at once', async () => {
    const ex = example('mobile_android_firebase_relay_sideloaded.yml');
    const uri = ex.uri.replace('.yml', '-typing.yml');
    await client.open(uri, ex.text);
    const edited = Date.now();
    await client.change(uri, 2, ex.text.replace('level: high', 'level: medium'));
    const [lens] = await client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri } });
    // The next keystroke cancels the pending resolve: no scan was started for it.
    const cts = new CancellationTokenSource();
    const t0 = Date.now();
    const pending = client.conn.sendRequest<Lens>('codeLens/resolve', lens, cts.token);
    setTimeout(() => cts.cancel(), 100);
    const cancelled = await pending.catch((e: { code?: number }) => e);
    assert.ok(Date.now() - t0 < LENS_QUIET_MS, `gave up in ${Date.now() - t0} ms`);
    assert.ok(!('command' in cancelled) || !/\d+ match/.test((cancelled as Lens).command?.title ?? ''), 'no count for a cancelled resolve');
    // Left alone, the lens resolves after the pause with the count.
    const resolved = await client.request<Lens>('codeLens/resolve', lens);
    assert.match(resolved.command?.title ?? '', /^▶ \d+ match/);
    assert.ok(Date.now() - edited >= LENS_QUIET_MS, `the scan waited for the pause after the edit (${Date.now() - edited} ms)`);
  });

  it('a preview can be cancelled', async () => {
    const ex = example('net_connection_win_telegram_bot_api_non_browser.yml');
    const uri = ex.uri.replace('.yml', '-cancel.yml');
    // A content no other test previews, so no cached result answers at once.
    await client.open(uri, ex.text.replace('level: high', 'level: medium'));
    const cts = new CancellationTokenSource();
    const pending = client.conn.sendRequest('tripline/preview', { uri }, cts.token);
    setTimeout(() => cts.cancel(), 50);
    await assert.rejects(pending, (e: { code?: number }) => e.code === -32800);
  });

  it('a rule that cannot be evaluated is a clear error, not a crash', async () => {
    const uri = 'file:///tmp/tripline-preview/no-condition.yml';
    await client.open(uri, 'title: x\nlogsource:\n    category: proxy\ndetection:\n    selection:\n        cs-host: a\n');
    await assert.rejects(
      client.request('tripline/preview', { uri }),
      (e: { code?: number; message?: string }) => e.code === -32602 && /condition/i.test(e.message ?? ''),
    );
  });

  it('inlay hints and domains/noisy-in-samples on the broad list, the same as tripline check', async () => {
    const ex = example('net_connection_win_web_service_broad_list.yml');
    await client.open(ex.uri, ex.text);
    // The sample index is built in the background; the finding arrives with a later publish.
    const published = await until('noisy-in-samples', async () => {
      const p: PublishedDiagnostics | undefined = client.published.get(ex.uri);
      return p && findingsOf(p, 'domains/noisy-in-samples').length > 0 ? p : undefined;
    });
    const lines = ex.text.split('\n').length;
    const line = (v: string): number => ex.text.split('\n').findIndex((l) => l === `            - '${v}'`);
    // The first entry reported as noisy (counted through the rule's whole logic) and its hint.
    const noisy = findingsOf(published, 'domains/noisy-in-samples')[0];
    assert.ok(noisy, 'no entry reported as noisy');
    // Each analysis worker builds its own sample index: the worker answering the hints may still be
    // building it (the server refreshes the hints when it is done), so ask until it has the counts.
    type Hint = { position: { line: number; character: number }; label: string; tooltip: string };
    const hints = await until('hit hints', async () => {
      const got = await client.request<Hint[]>('textDocument/inlayHint', {
        textDocument: { uri: ex.uri },
        range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } },
      });
      return got.some((h) => h.position.line === noisy.line) ? got : undefined;
    });
    const google = hints.find((h) => h.position.line === noisy.line);
    assert.ok(google, 'no hint on the noisy entry');
    const count = /\(([\d,]+) of [\d,]+\)/.exec(noisy.message)![1];
    // The label is short (compact count); the tooltip has the exact figure.
    assert.equal(google.label, `${compactCount(Number(count.replace(/,/g, '')))} hits`, `${google.label} vs ${count}`);
    assert.match(google.tooltip, new RegExp(`\\(${count} of `));
    // The hover on the entry says the same.
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri: ex.uri },
      position: { line: noisy.line, character: 16 },
    });
    assert.match(hover.contents.value, new RegExp(`Sample telemetry.*\\(${count} of `));
    // An entry only attack events reach says so; hints stay short.
    assert.match(hints.find((h) => h.position.line === line('api.telegram.org'))!.label, /^\d+ attack$/);
    assert.ok(
      hints.every((h) => h.label.length <= 10),
      hints.map((h) => h.label).join(' | '),
    );

    const cli = spawnSync(process.execPath, [CLI, 'check', ex.path, '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
    const fromCli = (
      JSON.parse(cli.stdout) as { files: { diagnostics: { code: string; message: string; range: { start: { line: number } } }[] }[] }
    ).files[0].diagnostics.filter((d) => d.code === 'domains/noisy-in-samples');
    const fromLsp = findingsOf(published, 'domains/noisy-in-samples');
    assert.deepEqual(fromLsp.map((d) => [d.line, d.message]).sort(), fromCli.map((d) => [d.range.start.line, d.message]).sort());

    // While the user types, hints wait for a pause (the editor keeps its hints meanwhile and
    // cancels the request at the next key): an answer comes HINT_QUIET_MS after the last edit, for
    // the text as it is then, and a cancelled request ends empty.
    const all = { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } };
    const textLines = ex.text.split('\n');
    textLines.splice(noisy.line, 0, '');
    const editedAt = Date.now();
    await client.change(ex.uri, 2, textLines.join('\n'));
    const cancelled = new CancellationTokenSource();
    const abandoned = client.conn.sendRequest<Hint[]>('textDocument/inlayHint', { textDocument: { uri: ex.uri }, range: all }, cancelled.token);
    cancelled.cancel();
    // Either way the editor discards it: no hints computed for a request nobody waits for.
    assert.deepEqual(await abandoned.catch(() => []), []);
    const moved = await client.request<Hint[]>('textDocument/inlayHint', { textDocument: { uri: ex.uri }, range: all });
    assert.ok(Date.now() - editedAt >= HINT_QUIET_MS, `answered ${Date.now() - editedAt} ms after the edit`);
    // The hint follows its entry one line down: computed on the edited text.
    assert.ok(
      moved.some((h) => h.position.line === noisy.line + 1 && h.label === google.label),
      moved.map((h) => `${h.position.line}:${h.label}`).join(' '),
    );
  });
});
