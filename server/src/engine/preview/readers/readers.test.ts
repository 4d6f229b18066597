import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { SampleSource } from '../types';
import { CHUNK_BYTES } from './chunks';
import { detectFormat, readSample, type ReadItem } from './index';

async function readAll(src: SampleSource): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const item of readSample(src)) out.push(item);
  return out;
}
const mem = (source: string, text: string): SampleSource => ({ source, text });
const events = (items: ReadItem[]): unknown[] => items.filter((i) => i.kind === 'event').map((i) => (i.kind === 'event' ? i.event : null));
const skipped = (items: ReadItem[]): { index: number; reason: string }[] =>
  items.flatMap((i) => (i.kind === 'skipped' ? [{ index: i.index, reason: i.reason }] : []));

const dir = mkdtempSync(join(tmpdir(), 'tripline-readers-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('NDJSON', () => {
  it('reads one object per line, skips blank lines, reports broken and non-object lines with their position', async () => {
    const items = await readAll(mem('a.ndjson', '{"a":1}\r\n\n{"a":2}\n{"a":\n[1,2]\n{"a":3}'));
    assert.deepEqual(events(items), [{ a: 1 }, { a: 2 }, { a: 3 }]);
    const s = skipped(items);
    assert.equal(s.length, 2);
    assert.match(s[0].reason, /^line 4: invalid JSON/);
    assert.equal(s[0].index, 2);
    assert.match(s[1].reason, /^line 5: not a JSON object \(array\)/);
    assert.deepEqual(
      items.map((i) => i.index),
      [0, 1, 2, 3, 4],
    );
  });
});

describe('JSON documents', () => {
  it('a single object, and an array of objects', async () => {
    assert.deepEqual(events(await readAll(mem('a.json', '{\n  "a": {"b": [1, "}"]}\n}\n'))), [{ a: { b: [1, '}'] } }]);
    const items = await readAll(mem('b.json', '[\n {"a":1},\n {"a":"[x]"}, 7 ,\n {"a":3}\n]'));
    assert.deepEqual(events(items), [{ a: 1 }, { a: '[x]' }, { a: 3 }]);
    assert.match(skipped(items)[0].reason, /not a JSON object \(number\)/);
  });
  it('concatenated pretty-printed objects, recovering after a broken one', async () => {
    const text = '{\n  "a": 1\n}\n{\n  "a": 2,\n  "b": \n{\n  "a": "x\\"}"\n}\n{\n  "a": 4 5\n}\n';
    const items = await readAll(mem('c.json', text));
    assert.deepEqual(events(items), [{ a: 1 }, { a: 'x"}' }]);
    const s = skipped(items);
    assert.equal(s.length, 2);
    assert.match(s[0].reason, /line 4: unterminated JSON object/);
    assert.match(s[1].reason, /line 10: invalid JSON/);
  });
  it('a truncated file and text outside values are reported, not lost', async () => {
    const items = await readAll(mem('d.json', '{\n"a":1}\ngarbage here\n{"a":2}\n{"a": {"b": 1'));
    assert.deepEqual(events(items), [{ a: 1 }, { a: 2 }]);
    const s = skipped(items).map((x) => x.reason);
    assert.ok(
      s.some((r) => /line 3: text outside any JSON value/.test(r)),
      s.join('|'),
    );
    assert.ok(
      s.some((r) => /line 5: the file ends inside this record/.test(r)),
      s.join('|'),
    );
    assert.equal(s.length, 2);
  });
  it('EVTX exported to JSON (as in SigmaHQ regression data) reads as events', async () => {
    const evtx = { Event: { '#attributes': { xmlns: 'x' }, System: { EventID: 1 }, EventData: { Image: 'C:\\a.exe' } } };
    const text = JSON.stringify(evtx, null, 2) + '\n' + JSON.stringify(evtx, null, 2) + '\n';
    assert.equal(events(await readAll(mem('e.json', text))).length, 2);
  });
});

describe('CSV', () => {
  it('quoted fields with commas, doubled quotes and line breaks; CRLF; BOM', async () => {
    const text = '\ufeffImage,CommandLine,User\r\n"C:\\a.exe","a, ""quoted"" arg",bob\r\nC:\\b.exe,"line1\nline2",\r\n';
    assert.deepEqual(events(await readAll(mem('a.csv', text))), [
      { Image: 'C:\\a.exe', CommandLine: 'a, "quoted" arg', User: 'bob' },
      { Image: 'C:\\b.exe', CommandLine: 'line1\nline2', User: '' },
    ]);
  });
  it('reports rows with the wrong number of fields and an unterminated quote', async () => {
    const items = await readAll(mem('b.csv', 'a,b\n1,2\n1,2,3\n3,4\n"5,6\n'));
    assert.deepEqual(events(items), [
      { a: '1', b: '2' },
      { a: '3', b: '4' },
    ]);
    const s = skipped(items);
    assert.match(s[0].reason, /line 3: 3 fields where the header has 2/);
    assert.match(s[1].reason, /line 5: the file ends inside a quoted field/);
  });
  it('tab-separated by extension or by a header without commas', async () => {
    assert.deepEqual(events(await readAll(mem('a.tsv', 'a\tb\n1\t2\n'))), [{ a: '1', b: '2' }]);
    assert.deepEqual(events(await readAll(mem('a.csv', 'a;b\n1;2\n'))), [{ a: '1', b: '2' }]);
  });
});

describe('text and detection', () => {
  it('plain text logs become {message} events', async () => {
    assert.deepEqual(events(await readAll(mem('x.log', 'one\r\n\ntwo'))), [{ message: 'one' }, { message: 'two' }]);
  });
  it('binary EVTX is read by name or signature; unknown content is an unreadable source', async () => {
    assert.equal(await detectFormat(mem('x.evtx', 'ElfFile\u0000\u0000')), 'evtx');
    assert.equal(await detectFormat(mem('x.dat', 'ElfFile\u0000\u0000')), 'evtx');
    assert.ok(typeof (await detectFormat(mem('x.dat', 'hello'))) !== 'string');
    assert.equal(await detectFormat(mem('x.dat', '{"a":1}\n{"a":2}\n')), 'ndjson');
    assert.equal(await detectFormat(mem('x.dat', '{\n "a":1\n}\n')), 'json');
  });
  it('streams files across chunk edges, multi-byte characters included', async () => {
    const line = JSON.stringify({ v: 'é€😀'.repeat(50) });
    const count = Math.ceil((CHUNK_BYTES * 2.5) / Buffer.byteLength(line + '\n'));
    const p = join(dir, 'big.ndjson');
    writeFileSync(p, (line + '\n').repeat(count));
    const items = await readAll({ source: p, path: p });
    assert.equal(items.length, count);
    assert.ok(items.every((i) => i.kind === 'event' && (i.event.v as string).length === 200));
    const pj = join(dir, 'big.json');
    writeFileSync(
      pj,
      JSON.stringify(
        Array.from({ length: 3000 }, (_, i) => ({ i, v: 'é€😀'.repeat(100) })),
        null,
        1,
      ),
    );
    const arr = await readAll({ source: pj, path: pj });
    assert.equal(arr.length, 3000);
    assert.equal(skipped(arr).length, 0);
  });
});
