import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flattenEvent, highlightEvent, termsOf } from '../../client/src/preview/highlight';
import { loadSource } from '../../server/src/engine/document/source';
import { highlightTerms } from '../../server/src/engine/preview/highlight-terms';

/** What the server sends with a preview result of `text`. */
const ruleTerms = (path: string, text: string): ReturnType<typeof termsOf> => termsOf(highlightTerms(loadSource(path, text)));
import { contentSecurityPolicy, formatCount, renderPreviewHtml, summaryLine } from '../../client/src/preview/html';
import type { PreviewResult } from '../../client/src/protocol';

const RULE = `title: Bot API
logsource:
    category: proxy
detection:
    selection:
        cs-host|endswith: '.telegram.org'
        c-uri|contains: '/bot*/sendMessage'
    keywords:
        - 'exfil'
    condition: selection or keywords
`;

const assets = { cspSource: 'https://csp.example', nonce: 'N0nce', styleUri: 'https://csp.example/preview.css', scriptUri: 'https://csp.example/preview.js' };

describe('preview panel: highlights', () => {
  const terms = ruleTerms('rule.yml', RULE);

  it('reads fields and literal pieces of each selection (wildcards split values)', () => {
    assert.deepEqual(terms.get('selection'), [
      { field: 'cs-host', pieces: ['.telegram.org'] },
      { field: 'c-uri', pieces: ['/bot', '/sendmessage'] },
    ]);
    assert.deepEqual(terms.get('keywords'), [{ field: '', pieces: ['exfil'] }]);
  });

  it('marks the fields a matched selection names and the matching text, case-insensitively', () => {
    const rows = highlightEvent({ 'cs-host': 'API.Telegram.org', 'c-uri': '/bot123/sendMessage?x=1', 'c-ip': '10.0.0.5' }, ['selection'], terms);
    const host = rows.find((r) => r.path === 'cs-host')!;
    assert.equal(host.matchedField, true);
    assert.deepEqual(host.spans, [[3, 16]]);
    const uri = rows.find((r) => r.path === 'c-uri')!;
    assert.deepEqual(uri.spans, [
      [0, 4],
      [7, 19],
    ]);
    assert.equal(rows.find((r) => r.path === 'c-ip')!.matchedField, false);
  });

  it('finds fields nested in EVTX-style events and flattens arrays of objects', () => {
    const rows = highlightEvent({ Event: { EventData: { 'cs-host': 'x.telegram.org' } } }, ['selection'], terms);
    assert.equal(rows[0].path, 'Event.EventData.cs-host');
    assert.equal(rows[0].matchedField, true);
    assert.deepEqual(flattenEvent({ a: [{ b: 1 }, { b: 2 }], c: [1, 2] }), [
      { path: 'a[0].b', value: '1' },
      { path: 'a[1].b', value: '2' },
      { path: 'c', value: '[1,2]' },
    ]);
  });
});

describe('preview panel: HTML', () => {
  const result: PreviewResult = {
    rule: 'rule.yml',
    scanned: 1000,
    matched: 2,
    matches: [
      {
        source: '/s/proxy.ndjson',
        index: 4,
        event: { 'cs-host': 'api.telegram.org', 'c-uri': '/bot1/sendMessage', note: '<script>alert(1)</script>' },
        selections: ['selection'],
      },
      { source: '/s/proxy.ndjson', index: 9, event: { msg: 'exfil "now"' }, selections: ['keywords'] },
    ],
    skipped: [{ source: '/s/bad.ndjson', index: 3, reason: 'not JSON' }],
  };
  const html = renderPreviewHtml('Bot <API>', result, ruleTerms('rule.yml', RULE), assets);

  it('has a strict content security policy: no inline script without the nonce, nothing remote', () => {
    const csp = contentSecurityPolicy(assets);
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-N0nce'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.ok(html.includes(`<script nonce="N0nce" src="https://csp.example/preview.js"></script>`));
    assert.equal((html.match(/<script/g) ?? []).length, 1);
  });

  it('escapes everything that comes from telemetry or the rule', () => {
    assert.ok(!html.includes('<script>alert(1)</script>'));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(html.includes('Bot &lt;API&gt;'));
    assert.ok(html.includes('exfil &quot;now&quot;') || html.includes('<mark>exfil</mark> &quot;now&quot;'));
  });

  it('shows counts, selections, highlighted values, source links and unreadable events', () => {
    assert.match(html, /2 matches in 1,000 events · 1 event could not be read/);
    assert.match(html, /<mark>\.telegram\.org<\/mark>/);
    assert.match(html, /<span class="sel">selection<\/span>/);
    assert.match(html, /<button type="button" class="link" data-source="\/s\/proxy.ndjson" data-index="9"/);
    assert.match(html, /<label class="visually-hidden" for="filter">Filter matches<\/label>/);
    assert.match(html, /bad.ndjson#3: not JSON/);
  });

  it('lays out each match as a card: matched fields first and in full, the rest folded and one line each', () => {
    const cards = html.split('<article class="match"').slice(1);
    assert.equal(cards.length, 2);
    const [first] = cards;
    const hitsPart = first.slice(0, first.indexOf('<details class="rest">'));
    assert.match(hitsPart, /<div class="row hit marked"><dt title="cs-host">cs-host<\/dt>/, 'the matched field leads, unfolded');
    assert.doesNotMatch(hitsPart, /title="note"/, 'an unmatched field is not among the leading rows');
    assert.match(
      first,
      /<details class="rest"><summary>\d+ more fields?<\/summary><dl class="fields">.*<div class="row other"><dt title="note">note<\/dt><dd title="&lt;script&gt;/s,
    );
    assert.match(html, /<body class="only-matched">/, '"matched fields only" is on by default');
    assert.match(html, /<input id="only-matched" type="checkbox" checked>/);
    assert.match(first, /tabindex="0"/, 'cards take keyboard focus');
  });

  it('labels nested fields by their last segment, with the full path on hover', () => {
    const nested = renderPreviewHtml(
      'r',
      {
        rule: 'r',
        scanned: 1,
        matched: 1,
        matches: [{ source: 's', index: 0, event: { Event: { EventData: { 'cs-host': 'api.telegram.org' } } }, selections: ['selection'] }],
        skipped: [],
      },
      ruleTerms('rule.yml', RULE),
      assets,
    );
    assert.match(nested, /<dt title="Event.EventData.cs-host">cs-host<\/dt>/);
  });

  it('formats counts as the CodeLens does', () => {
    assert.equal(formatCount(52254), '52,254');
    assert.equal(summaryLine({ rule: 'r', scanned: 52254, matched: 1, matches: [], skipped: [] }), '1 match in 52,254 events (showing the first 0)');
  });

  it('says when there is nothing to show', () => {
    const none = renderPreviewHtml('r', { rule: 'r', scanned: 10, matched: 0, matches: [], skipped: [] }, new Map(), assets);
    assert.match(none, /No event of the samples matches this rule/);
    assert.match(none, /0 matches in 10 events/);
  });
});
