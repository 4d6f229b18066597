import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { rule } from '../checks/testing';
import { loadSource } from '../document/source';
import { domainEntries } from '../domains/extractors';
import { entryHits } from './entry-hits';
import { IndexStore } from './index-store';
import { DEFAULT_INDEX_FIELDS, SampleIndex } from './value-index';

const dir = mkdtempSync(join(tmpdir(), 'tripline-index-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const ndjson = (events: object[]): string => events.map((e) => JSON.stringify(e)).join('\n') + '\n';
const net = (host: string) => ({ EventID: 3, Channel: 'Microsoft-Windows-Sysmon/Operational', Image: 'C:\\x.exe', DestinationHostname: host });

function samples(name: string, events: object[]): { path: string; sources: { source: string; path: string }[]; attack: Map<string, Set<number>> } {
  const path = join(dir, name);
  writeFileSync(path, ndjson(events) + 'not json\n');
  return { path, sources: [{ source: path, path }], attack: new Map([[path, new Set([1])]]) };
}

const RULE = loadSource(
  'rule.yml',
  rule(`    selection:
        DestinationHostname|endswith:
            - '.google.com'
            - 'pastebin.com'
    condition: selection`),
);

/** Builds or reads back an index, and says which it was (and how often `build` ran). */
async function indexWith(store: IndexStore, s: ReturnType<typeof samples>): Promise<{ index: SampleIndex; origin: string; builds: number }> {
  const index = new SampleIndex(s.sources, s.attack);
  let builds = 0;
  const origin = await store.loadOrBuild(index, s.attack, DEFAULT_INDEX_FIELDS, async () => {
    builds++;
    await index.add(DEFAULT_INDEX_FIELDS);
  });
  return { index, origin: origin.kind, builds };
}

describe('sample index kept between sessions', () => {
  it('builds and saves the index once, then reads it back with the same counts', async () => {
    const store = new IndexStore(join(dir, 'store-a'));
    const s = samples('a.ndjson', [net('www.google.com'), net('pastebin.com'), net('mail.google.com'), { EventID: 22, QueryName: 'x.org' }]);
    const first = await indexWith(store, s);
    assert.deepEqual([first.origin, first.builds], ['built', 1]);
    const second = await indexWith(store, s);
    assert.deepEqual([second.origin, second.builds], ['loaded', 0]);
    assert.equal(second.index.ready, true);
    assert.deepEqual(second.index.events, first.index.events);
    assert.equal(second.index.unreadable, 1, 'the unreadable line is remembered');
    assert.deepEqual(second.index.eventText, first.index.eventText);
    assert.deepEqual(
      entryHits(RULE, domainEntries(RULE), second.index).map((h) => [h.entry.value, h.hits, h.attackHits, h.events]),
      entryHits(RULE, domainEntries(RULE), first.index).map((h) => [h.entry.value, h.hits, h.attackHits, h.events]),
    );
    // And a field the saved index never held is still indexed on demand.
    await second.index.add(['Image']);
    assert.ok(second.index.groups.size > 0 && second.index.fields.has('image'));
  });

  it('is keyed by content: the same bytes reuse it, a changed sample builds a new one', async () => {
    const store = new IndexStore(join(dir, 'store-b'));
    const s = samples('b.ndjson', [net('www.google.com')]);
    assert.equal((await indexWith(store, s)).origin, 'built');
    // Rewritten with the same content (new mtime): still the same index.
    writeFileSync(s.path, ndjson([net('www.google.com')]) + 'not json\n');
    assert.equal((await indexWith(store, s)).origin, 'loaded');
    writeFileSync(s.path, ndjson([net('drive.google.com')]));
    const changed = await indexWith(store, s);
    assert.equal(changed.origin, 'built');
    assert.match(changed.index.eventText[0], /drive\.google\.com/);
  });

  it('rebuilds over a corrupt file, and builds in memory when the folder cannot be written', async () => {
    const store = new IndexStore(join(dir, 'store-c'));
    const s = samples('c.ndjson', [net('www.google.com')]);
    await indexWith(store, s);
    for (const f of readdirSync(store.dir)) writeFileSync(join(store.dir, f), 'garbage');
    const again = await indexWith(store, s);
    assert.deepEqual([again.origin, again.builds, again.index.events.baseline + again.index.events.attack], ['built', 1, 1]);

    const blocked = join(dir, 'a-file');
    writeFileSync(blocked, '');
    const unwritable = await indexWith(new IndexStore(join(blocked, 'store')), s);
    assert.deepEqual([unwritable.origin, unwritable.builds], ['memory', 1]);
    assert.equal(unwritable.index.ready, true);
  });

  it('two threads starting at once build once: the second waits for the first and reads its file', async () => {
    const store = new IndexStore(join(dir, 'store-d'));
    const s = samples('d.ndjson', Array.from({ length: 2000 }, (_, i) => net(`h${i}.example.com`)));
    const [a, b] = await Promise.all([indexWith(store, s), indexWith(store, s)]);
    assert.equal(a.builds + b.builds, 1, `builds: ${a.builds} + ${b.builds}`);
    assert.deepEqual([a.origin, b.origin].sort(), ['built', 'loaded']);
    assert.equal(b.index.eventText.length, 2000);
    assert.equal(readdirSync(store.dir).filter((f) => f.endsWith('.lock')).length, 0, 'the lock is released');
  });

  it('keeps a handful of index files, not one per sample set ever seen', async () => {
    const store = new IndexStore(join(dir, 'store-e'));
    for (let i = 0; i < 7; i++) await indexWith(store, samples(`e${i}.ndjson`, [net(`h${i}.example.com`)]));
    assert.ok(readdirSync(store.dir).filter((f) => f.endsWith('.v8')).length <= 4);
  });
});
