import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { rule } from '../checks/testing';
import { loadSource } from '../document/source';
import { domainEntries } from '../domains/extractors';
import { EntryHitsMemo, entryHits, type EntryHits } from './entry-hits';
import { SampleIndex } from './value-index';

const dir = mkdtempSync(join(tmpdir(), 'tripline-entry-memo-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const net = (host: string, image = 'C:\\Windows\\System32\\svchost.exe') => ({ EventID: 3, Image: image, DestinationHostname: host });

const text = (hosts: string[], filterImage: string): string =>
  rule(`    selection:
        DestinationHostname|endswith:
${hosts.map((h) => `            - '${h}'`).join('\n')}
    filter_main:
        Image|endswith: '${filterImage}'
    condition: selection and not filter_main`);

const counts = (hits: EntryHits[]): [string, number, number, number][] => hits.map((h) => [h.entry.value, h.hits, h.attackHits, h.events]);

/** Counts kept between analyses must be the counts a fresh analysis would make, whatever was edited. */
describe('entry counts kept between analyses', () => {
  let index: SampleIndex;
  before(async () => {
    const path = join(dir, 'net.ndjson');
    const events = [
      ...Array.from({ length: 20 }, () => net('www.google.com')),
      ...Array.from({ length: 7 }, () => net('www.google.com', 'C:\\Program Files\\Chrome\\chrome.exe')),
      ...Array.from({ length: 4 }, () => net('pastebin.com')),
      ...Array.from({ length: 3 }, () => net('pastebin.com', 'C:\\Program Files\\Chrome\\chrome.exe')),
      net('api.telegram.org'),
    ];
    writeFileSync(path, events.map((e) => JSON.stringify(e)).join('\n'));
    index = new SampleIndex([{ source: path, path }], new Map());
    await index.add(['DestinationHostname', 'Image']);
  });

  const analyse = (t: string, memo?: EntryHitsMemo) => {
    const file = loadSource('rule.yml', t);
    return counts(entryHits(file, domainEntries(file), index, memo ? { memo } : {}));
  };

  it('equal fresh counts while one entry is typed, and when another search changes', () => {
    const memo = new EntryHitsMemo();
    const edits = [
      text(['google.com', 'pastebin.com', 'telegram.org'], 'chrome.exe'),
      // Typing in the first entry: the other entries' counts are reused.
      text(['google.co', 'pastebin.com', 'telegram.org'], 'chrome.exe'),
      text(['google.c', 'pastebin.com', 'telegram.org'], 'chrome.exe'),
      // The filter changes: every entry's count changes with it.
      text(['google.c', 'pastebin.com', 'telegram.org'], 'svchost.exe'),
      text(['google.c', 'pastebin.com', 'telegram.org'], 'nothing.exe'),
      // A new entry in the same list leaves the others alone; removing one too.
      text(['google.c', 'pastebin.com', 'telegram.org', 'google.com'], 'nothing.exe'),
      text(['pastebin.com', 'telegram.org', 'google.com'], 'nothing.exe'),
    ];
    for (const [i, t] of edits.entries()) assert.deepEqual(analyse(t, memo), analyse(t), `edit ${i}`);
    // The filter was honoured (the memo did not keep the first filter's counts).
    assert.deepEqual(analyse(edits[3], memo)[1], ['pastebin.com', 3, 0, 35]);
    assert.deepEqual(analyse(edits[4], memo)[1], ['pastebin.com', 7, 0, 35]);
  });

  it('equal fresh counts when the same values move between lists and searches', () => {
    const memo = new EntryHitsMemo();
    const edits = [
      rule(`    selection:
        DestinationHostname|endswith:
            - 'google.com'
            - 'pastebin.com'
    filter_main:
        Image|endswith: 'chrome.exe'
    condition: selection and not filter_main`),
      // The same values, each in its own selection: every list is another rule part.
      rule(`    selection_a:
        DestinationHostname|endswith:
            - 'google.com'
    selection_b:
        DestinationHostname|endswith:
            - 'pastebin.com'
    filter_main:
        Image|endswith: 'chrome.exe'
    condition: 1 of selection_* and not filter_main`),
      // One of them moves into the filter, beside another field of the same map.
      rule(`    selection:
        DestinationHostname|endswith:
            - 'google.com'
    filter_main:
        Image|endswith: 'chrome.exe'
        DestinationHostname|endswith: 'pastebin.com'
    condition: selection and not filter_main`),
      // A second map in the selection's list of maps holds the other value.
      rule(`    selection:
        - DestinationHostname|endswith: 'google.com'
        - DestinationHostname|endswith: 'pastebin.com'
          Image|endswith: 'svchost.exe'
    condition: selection`),
    ];
    for (const [i, t] of edits.entries()) assert.deepEqual(analyse(t, memo), analyse(t), `edit ${i}`);
    for (const [i, t] of edits.entries()) assert.deepEqual(analyse(t, memo), analyse(t), `again, edit ${i}`);
  });

  it('reuses the counts of entries that did not change', () => {
    const memo = new EntryHitsMemo();
    const before = loadSource('rule.yml', text(['google.com', 'pastebin.com'], 'chrome.exe'));
    const first = entryHits(before, domainEntries(before), index, { memo });
    const after = loadSource('rule.yml', text(['google.co', 'pastebin.com'], 'chrome.exe'));
    const second = entryHits(after, domainEntries(after), index, { memo });
    const { entry: _a, ...pastebinBefore } = first[1];
    const { entry: _b, ...pastebinAfter } = second[1];
    // The very object kept from the first analysis: not recounted.
    assert.equal(second[1].top, first[1].top);
    assert.deepEqual(pastebinAfter, pastebinBefore);
    assert.notEqual(second[0].top, first[0].top);
  });
});
