/** The preview panel's Correlations section (client/src/preview/correlations.ts), rendered in Node. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderCorrelations, shortTime, windowText } from '../../client/src/preview/correlations';
import { renderPreviewHtml } from '../../client/src/preview/html';
import type { PreviewResult } from '../../client/src/protocol';

const assets = { cspSource: 'https://csp.example', nonce: 'N0nce', styleUri: 'https://csp.example/preview.css', scriptUri: 'https://csp.example/preview.js' };

const RESULT: PreviewResult = {
  rule: 'corr.yml',
  scanned: 500,
  matched: 3,
  matches: [
    { source: '/s/dns.ndjson', index: 7, event: { Computer: 'ws-1', QueryName: 'pastebin.com' }, selections: ['selection'] },
    { source: '/s/proc.ndjson', index: 2, event: { Computer: 'ws-1', CommandLine: 'curl pastebin.com/raw/x' }, selections: ['selection'] },
    { source: '/s/dns.ndjson', index: 9, event: { Computer: '<ws-2>', QueryName: 'pastebin.com' }, selections: ['selection'] },
  ],
  skipped: [],
  correlations: [
    {
      rule: 'Paste then download',
      group: { Computer: 'ws-1' },
      window: { start: '2025-03-10T17:59:00.000Z', end: '2025-03-10T18:04:30.000Z' },
      count: 2,
      events: [
        { source: '/s/dns.ndjson', index: 7 },
        { source: '/s/proc.ndjson', index: 2 },
      ],
    },
    {
      rule: 'Paste then download',
      group: { Computer: '<ws-2>' },
      window: { start: '2025-03-10T23:59:00.000Z', end: '2025-03-11T00:01:00.000Z' },
      value: 4,
      events: [
        { source: '/s/dns.ndjson', index: 9 },
        { source: '/s/x.zip!logs/a.json', index: 40 },
      ],
    },
  ],
};

describe('preview panel: Correlations section', () => {
  const html = renderPreviewHtml('Paste then download', RESULT, new Map(), assets);

  it('comes before the match cards, one card per group with its count', () => {
    const at = html.indexOf('<section class="correlations"');
    assert.ok(at > 0 && at < html.indexOf('<section class="matches"'));
    assert.match(html, /<h2>Correlations <span class="count">2 groups<\/span><\/h2>/);
    assert.equal(html.split('<article class="correlation"').length - 1, 2);
  });

  it('shows the group values (escaped), the window and the count or value', () => {
    const [, first, second] = html.split('<article class="correlation"');
    assert.match(first, /<span class="grp"><span class="k">Computer<\/span>=ws-1<\/span>/);
    assert.match(first, /2025-03-10 17:59:00 – 18:04:30/);
    assert.match(first, /count 2/);
    assert.match(second, /=&lt;ws-2&gt;/);
    assert.doesNotMatch(html, /<ws-2>/);
    assert.match(second, /2025-03-10 23:59:00 – 2025-03-11 00:01:00/, 'a window across midnight keeps both dates');
    assert.match(second, /value 4/);
  });

  it('links each event to its match card; an event not among the cards opens its sample', () => {
    assert.match(html, /<article class="match" id="match-1" /);
    assert.match(html, /<a class="ev" href="#match-1" data-card="match-1" [^>]*>dns\.ndjson#7<\/a>/);
    assert.match(html, /<a class="ev" href="#match-2" data-card="match-2" [^>]*>proc\.ndjson#2<\/a>/);
    assert.match(html, /<a class="ev" href="#match-3" data-card="match-3" [^>]*>dns\.ndjson#9<\/a>/);
    assert.match(html, /<button type="button" class="link ev" data-source="\/s\/x\.zip!logs\/a\.json" data-index="40" [^>]*>a\.json#40<\/button>/);
  });

  it('is absent for a detection rule and says so when a correlation does not fire', () => {
    assert.equal(renderCorrelations(undefined, []), '');
    assert.doesNotMatch(renderPreviewHtml('r', { ...RESULT, correlations: undefined }, new Map(), assets), /class="correlations"/);
    assert.match(renderCorrelations([], []), /The correlation does not fire on the samples/);
  });

  it('shortens times for the narrow panel', () => {
    assert.equal(shortTime('2025-03-10T17:59:00.123Z'), '2025-03-10 17:59:00');
    assert.equal(shortTime('not a time'), 'not a time');
    assert.equal(windowText({ start: '2025-03-10T17:59:00Z', end: '2025-03-10T17:59:00Z' }), '2025-03-10 17:59:00');
  });
});
