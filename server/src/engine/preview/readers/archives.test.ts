import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { SampleSource } from '../types';
import { tar, utf16be, zip } from './archive-fixtures';
import { CHUNK_BYTES } from './chunks';
import { SAMPLE_FILE } from './extensions';
import { readSample, type ReadItem } from './index';

const dir = mkdtempSync(join(tmpdir(), 'tripline-archives-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, data: Buffer | string): SampleSource {
  const p = join(dir, name);
  writeFileSync(p, data);
  return { source: p, path: p };
}

async function readAll(src: SampleSource): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const item of readSample(src)) out.push(item);
  return out;
}

/** `member#index:value-of-a` for each event, and `member#index:reason` for each skipped record. */
async function listing(src: SampleSource): Promise<string[]> {
  const base = src.source;
  return (await readAll(src)).map((i) => {
    const where = `${(i.source ?? base).replace(base, '')}#${i.index}`;
    return i.kind === 'event' ? `${where}:${String(i.event.a)}` : `${where}:${i.reason}`;
  });
}

const ndjson = (...values: unknown[]): string => values.map((a) => JSON.stringify({ a })).join('\n') + '\n';

describe('zip archives', () => {
  it('reads every telemetry member, nested folders included, each by its own format, named archive!member', async () => {
    const src = file(
      'set.zip',
      zip([
        { name: 'logs/', data: '' },
        { name: 'logs/2024/sysmon.json', data: ndjson(1, 2) },
        { name: 'logs/proxy.csv', data: 'a,b\nx,1\n', store: true },
        { name: 'pretty.json', data: JSON.stringify([{ a: 'p' }], null, 2) },
        { name: 'README.md', data: '# not telemetry' },
        { name: '__MACOSX/logs/._proxy.csv', data: '\u0000\u0005binary' },
        { name: 'inner.zip', data: 'PK' },
      ]),
    );
    assert.deepEqual(await listing(src), [
      '!logs/2024/sysmon.json#0:1',
      '!logs/2024/sysmon.json#1:2',
      '!logs/proxy.csv#0:x',
      '!pretty.json#0:p',
      '!inner.zip#-1:an archive inside an archive: extract the outer one first',
    ]);
  });

  it('an archive with bytes after its end record (as published) still reads', async () => {
    const src = file('trailing.zip', Buffer.concat([zip([{ name: 'a.json', data: ndjson(7) }]), Buffer.from('\n')]));
    assert.deepEqual(await listing(src), ['!a.json#0:7']);
  });

  it('reports an archive with no telemetry member, and a broken one, as unreadable', async () => {
    assert.deepEqual(await listing(file('docs.zip', zip([{ name: 'README.md', data: 'x' }]))), [
      `#-1:${join(dir, 'docs.zip')}: no telemetry files (.json, .ndjson, .csv, .log...) in this archive`,
    ]);
    const broken = file('broken.zip', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(40)]));
    await assert.rejects(readAll(broken), /not a readable zip archive/);
  });

  it('streams a member larger than a read chunk, in order', async () => {
    const count = Math.ceil((CHUNK_BYTES * 2.5) / 40);
    const values = Array.from({ length: count }, (_, i) => `v${i}`.padEnd(24, '.'));
    const items = await readAll(file('big.zip', zip([{ name: 'big.ndjson', data: ndjson(...values) }])));
    assert.equal(items.length, count);
    assert.ok(items.every((it, i) => it.kind === 'event' && it.event.a === values[i] && it.index === i));
  });
});

describe('gzip and tar', () => {
  it('.gz holds one file, named after the archive without .gz (so x.csv.gz reads as CSV)', async () => {
    assert.deepEqual(await listing(file('events.ndjson.gz', gzipSync(ndjson(1, 2)))), ['!events.ndjson#0:1', '!events.ndjson#1:2']);
    assert.deepEqual(await listing(file('proxy.csv.gz', gzipSync('a\nq\n'))), ['!proxy.csv#0:q']);
  });

  it('.tar.gz and .tgz: members in order, folders, long names, members left unread skipped over', async () => {
    const long = `deep/${'d'.repeat(120)}/x.ndjson`;
    const t = tar([
      { name: 'set/', data: '' },
      { name: 'set/a.json', data: ndjson(1) },
      { name: 'set/notes.md', data: 'x'.repeat(700) },
      { name: long, data: ndjson(2, 3) },
      { name: 'set/b.csv', data: 'a\n4\n' },
    ]);
    const want = ['!set/a.json#0:1', `!${long}#0:2`, `!${long}#1:3`, '!set/b.csv#0:4'];
    assert.deepEqual(await listing(file('set.tar.gz', gzipSync(t))), want);
    assert.deepEqual(await listing(file('set.tgz', gzipSync(t))), want);
    assert.deepEqual(await listing(file('set.tar', t)), want);
  });

  it('a truncated .tar.gz reports the damage instead of inventing events', async () => {
    const t = gzipSync(tar([{ name: 'a.json', data: ndjson(...Array.from({ length: 2000 }, (_, i) => i)) }]));
    await assert.rejects(readAll(file('cut.tgz', t.subarray(0, t.length >> 1))), /unexpected end of file|ends inside/);
  });
});

describe('text encodings', () => {
  const text = '{"a":"é1"}\n{"a":"😀2"}\n';
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const be = Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]);
  const bom8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);

  it('NDJSON in UTF-16 LE/BE with a BOM (PowerShell 5 `>`), UTF-16 LE without one, and UTF-8 with a BOM', async () => {
    for (const [name, data] of [
      ['le.json', le],
      ['be.json', be],
      ['nobom.json', Buffer.from(text, 'utf16le')],
      ['bom8.ndjson', bom8],
    ] as const) {
      assert.deepEqual(await listing(file(name, data)), ['#0:é1', '#1:😀2'], name);
    }
  });

  it('every reader decodes them: pretty JSON, CSV, text lines, and members of archives', async () => {
    const pretty = JSON.stringify([{ a: 'x' }, { a: 'y' }], null, 2);
    assert.deepEqual(await listing(file('p.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(pretty, 'utf16le')]))), ['#0:x', '#1:y']);
    assert.deepEqual(await listing(file('c.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be('a,b\r\nü,1\r\n')]))), ['#0:ü']);
    const lines = (await readAll(file('t.log', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('one\r\ntwo\r\n', 'utf16le')])))).map((i) =>
      i.kind === 'event' ? i.event.message : i.reason,
    );
    assert.deepEqual(lines, ['one', 'two']);
    assert.deepEqual(await listing(file('u16.zip', zip([{ name: 'ps.json', data: le }]))), ['!ps.json#0:é1', '!ps.json#1:😀2']);
  });

  it('UTF-16 across read-chunk edges (surrogate pairs split between reads)', async () => {
    const line = JSON.stringify({ a: '€😀'.repeat(33) + 'x' });
    const count = Math.ceil((CHUNK_BYTES * 2.2) / (line.length * 2));
    const data = Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be((line + '\n').repeat(count))]);
    const items = await readAll(file('wide.ndjson', data));
    assert.equal(items.length, count);
    assert.ok(items.every((i) => i.kind === 'event' && i.event.a === '€😀'.repeat(33) + 'x'));
  });

  it('in-memory text is unaffected; binary is still refused', async () => {
    assert.deepEqual(await listing({ source: 'mem.json', text: '\ufeff' + text }), ['#0:é1', '#1:😀2']);
    await assert.rejects(readAll(file('bin.json', Buffer.from([0x00, 0x01, 0x02, 0x03, 0x7b]))), /binary/);
  });
});

describe('readable extensions', () => {
  it('one list: telemetry files and archives, not other files', () => {
    for (const n of ['a.json', 'a.NDJSON', 'a.csv', 'a.tsv', 'a.log', 'a.zip', 'a.tar.gz', 'a.tgz', 'a.json.gz', 'a.evtx']) assert.ok(SAMPLE_FILE.test(n), n);
    for (const n of ['a.md', 'a.yml', 'a.exe', 'labels']) assert.ok(!SAMPLE_FILE.test(n), n);
  });
});
