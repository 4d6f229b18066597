import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { expandSamplePattern } from '../../../samples/glob';
import { previewRule } from '../../index';
import { readSample, type ReadItem } from '../index';
import { BinWriter, chunk, fileHeader, record, templateInstance, type SubValue } from './synth';
import { formatFiletime, T } from './values';

const dir = mkdtempSync(join(tmpdir(), 'tripline-evtx-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function le(bytes: number, v: number | bigint, signed = false): Buffer {
  const b = Buffer.alloc(bytes);
  if (bytes === 8 && signed) b.writeBigInt64LE(BigInt(v));
  else if (bytes === 8) b.writeBigUInt64LE(BigInt(v));
  else if (signed) b.writeIntLE(Number(v), 0, bytes);
  else b.writeUIntLE(Number(v), 0, bytes);
  return b;
}
const str = (s: string): SubValue => ({ type: T.STRING, bytes: Buffer.from(s + '\0', 'utf16le') });
const val = (type: number, bytes: Uint8Array): SubValue => ({ type, bytes });

function guidBytes(): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt32LE(0x5770385f, 0);
  b.writeUInt16LE(0xc22a, 4);
  b.writeUInt16LE(0x43e0, 6);
  Buffer.from('BF4C06F5698FFBD9', 'hex').copy(b, 8);
  return b;
}
function systime(): Buffer {
  const b = Buffer.alloc(16);
  [2024, 2, 4, 29, 13, 5, 9, 7].forEach((v, i) => b.writeUInt16LE(v, i * 2));
  return b;
}
/** 2023-11-14T22:13:20Z (Unix 1700000000) plus 0.1234567 s, in 100 ns ticks since 1601. */
const FILETIME = (1700000000n + 11644473600n) * 10000000n + 1234567n;

/** Typed values, each in `<Data Name=…>`, and what the JSON export shows for them. */
const TYPED: [string, SubValue, unknown][] = [
  ['Int8', val(T.INT8, le(1, -5, true)), -5],
  ['UInt64', val(T.UINT64, le(8, 2n ** 40n)), 1099511627776],
  ['Int64', val(T.INT64, le(8, -7n, true)), -7],
  ['Int16', val(T.INT16, le(2, -300, true)), -300],
  ['Real64', val(T.REAL64, Buffer.from(new Float64Array([1.5]).buffer)), 1.5],
  ['Real32', val(T.REAL32, Buffer.from(new Float32Array([0.1]).buffer)), 0.1],
  ['Bool', val(T.BOOL, le(4, 1)), true],
  ['Binary', val(T.BINARY, Buffer.from([0xde, 0xad, 0x01])), 'DEAD01'],
  ['Guid', val(T.GUID, guidBytes()), '5770385F-C22A-43E0-BF4C-06F5698FFBD9'],
  ['Sid', val(T.SID, Buffer.concat([Buffer.from([1, 3, 0, 0, 0, 0, 0, 5]), le(4, 21), le(4, 1), le(4, 500)])), 'S-1-5-21-1-500'],
  ['Hex64', val(T.HEX64, le(8, 0x8000000000000000n)), '0x8000000000000000'],
  ['Hex32', val(T.HEX32, le(4, 0x3b5e64)), '0x3b5e64'],
  ['SizeT', val(T.SIZE_T, le(8, 255)), '0xff'],
  ['SysTime', val(T.SYSTIME, systime()), '2024-02-29T13:05:09.007000Z'],
  ['FileTime', val(T.FILETIME, le(8, FILETIME)), '2023-11-14T22:13:20.123456Z'],
  ['Ansi', val(T.ANSI, Buffer.from('abc\0', 'latin1')), 'abc'],
  ['Strings', val(T.STRING | T.ARRAY, Buffer.from('a\0b c\0', 'utf16le')), ['a', 'b c']],
  ['Int32s', val(T.INT32 | T.ARRAY, Buffer.concat([le(4, 1), le(4, -2, true)])), [1, -2]],
  ['Empty', str(''), ''],
  ['Padded', str('cmd.exe '), 'cmd.exe'],
  ['__proto__', str('own property'), 'own property'],
];

/** <Event><System>…</System><EventData>typed Data…, entity/char refs, CDATA</EventData><UserData>{BinXml}</UserData></Event> */
function defineEvent(w: BinWriter): void {
  w.fragmentHeader().open('Event', true).attr('xmlns').text('http://schemas.microsoft.com/win/2004/08/events/event').closeStart();
  w.open('System').closeStart();
  w.open('Provider', true).attr('Name').sub(0, T.STRING).closeEmpty();
  w.open('EventID').closeStart().sub(1, T.UINT16).end();
  w.open('TimeCreated', true).attr('SystemTime').sub(2, T.FILETIME).closeEmpty();
  w.open('Correlation', true).attr('ActivityID').sub(3, T.GUID, true).closeEmpty();
  w.open('Computer').closeStart().sub(4, T.STRING).end();
  w.end();
  w.open('EventData').closeStart();
  TYPED.forEach(([name, v], i) =>
    w
      .open('Data', true)
      .attr('Name')
      .text(name)
      .closeStart()
      .sub(6 + i, v.type)
      .end(),
  );
  // Entity and character references, CDATA: "a&B<c>"
  w.open('Data', true).attr('Name').text('Refs').closeStart().text('a').u8(0x09).name('amp').u8(0x08).u16(0x42).u8(0x07).u16(3).utf16('<c>').end();
  w.end();
  w.open('UserData').closeStart().sub(5, T.BINXML, true).end();
  w.end().eos();
}

/** A nested BinXML value (UserData content): element starts carry no dependency identifier. */
function userData(offset: number): Buffer {
  const w = new BinWriter(offset);
  w.fragmentHeader().open('Op', true, true).attr('xmlns').text('urn:op').closeStart();
  w.open('Who', false, true).closeStart().text('alice').end();
  w.open('Who', false, true).closeStart().text('bob').end();
  return w.end().eos().done();
}

/** A record with the event template: inline definition the first time, by offset afterwards. */
function eventRecord(offset: number, id: number, computer: string, define: number | null, out?: { def: number }): Buffer {
  return record(offset, id, (w) => {
    w.fragmentHeader();
    // The nested fragment's names are chunk offsets too: build it where it will land.
    const values = (at: number): SubValue[] => [
      str('Test-Provider'),
      val(T.UINT16, le(2, 4688)),
      val(T.FILETIME, le(8, FILETIME)),
      val(T.NULL, Buffer.alloc(0)),
      str(computer),
      { type: T.BINXML, bytes: userData(at) },
      ...TYPED.map((t) => t[1]),
    ];
    const probe = new BinWriter(w.pos);
    templateInstance(probe, define ?? defineEvent, values(0));
    const size = values(0).reduce((n, v) => n + v.bytes.length, 0);
    const userDataAt =
      probe.pos -
      size +
      values(0)
        .slice(0, 5)
        .reduce((n, v) => n + v.bytes.length, 0);
    const def = templateInstance(w, define ?? defineEvent, values(userDataAt));
    if (out) out.def = def;
    w.eos();
  });
}

const EXPECTED_DATA = Object.fromEntries([...TYPED.map(([name, , json]) => [name, json]), ['Refs', 'a&B<c>']]);
function expected(computer: string): unknown {
  return {
    Event: {
      '#attributes': { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' },
      System: {
        Provider: { '#attributes': { Name: 'Test-Provider' } },
        EventID: 4688,
        TimeCreated: { '#attributes': { SystemTime: '2023-11-14T22:13:20.123456Z' } },
        Correlation: null,
        Computer: computer,
      },
      EventData: EXPECTED_DATA,
      UserData: { Op: { '#attributes': { xmlns: 'urn:op' }, Who: 'alice', Who_1: 'bob' } },
    },
  };
}

/** Two records; the second refers to the first one's template definition unless `inlineTwice`. */
function goodChunk(inlineTwice = false): Buffer {
  const def = { def: 0 };
  return chunk((next) => {
    next((o) => eventRecord(o, 1, 'host-a', null, def));
    next((o) => eventRecord(o, 2, 'host-b', inlineTwice ? null : def.def));
  });
}

async function read(name: string, bytes: Buffer): Promise<ReadItem[]> {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  const out: ReadItem[] = [];
  for await (const item of readSample({ source: p, path: p })) out.push(item);
  return out;
}
const events = (items: ReadItem[]): unknown[] => items.flatMap((i) => (i.kind === 'event' ? [i.event] : []));
const reasons = (items: ReadItem[]): string[] => items.flatMap((i) => (i.kind === 'skipped' ? [`${i.index}: ${i.reason}`] : []));

/** A classic event: `<EventID Qualifiers=…>` with text, and unnamed `<Data>` elements. */
function classicRecord(offset: number): Buffer {
  return record(offset, 7, (w) => {
    w.fragmentHeader();
    templateInstance(
      w,
      (d) => {
        d.fragmentHeader().open('Event').closeStart().open('System').closeStart();
        d.open('EventID', true).attr('Qualifiers').sub(0, T.UINT16).closeStart().sub(1, T.UINT16).end();
        d.end().open('EventData').closeStart();
        d.open('Data').closeStart().sub(2, T.STRING).end().open('Data').closeStart().sub(3, T.STRING).end().open('Binary').closeStart().sub(4, T.BINARY).end();
        d.end().end().eos();
      },
      [val(T.UINT16, le(2, 16384)), val(T.UINT16, le(2, 7036)), str('Windows Update'), str('running'), val(T.BINARY, Buffer.from([1, 2]))],
    );
    w.eos();
  });
}

describe('EVTX reader', () => {
  it('formats FILETIME exactly, microseconds truncated, without BigInt rounding', () => {
    const ft = (t: bigint): string => formatFiletime(le(8, t), 0);
    assert.equal(ft(0n), '1601-01-01T00:00:00.000000Z');
    assert.equal(ft(9999999n), '1601-01-01T00:00:00.999999Z');
    assert.equal(ft(FILETIME), '2023-11-14T22:13:20.123456Z');
    assert.equal(ft(FILETIME + 2n), '2023-11-14T22:13:20.123456Z');
    assert.equal(ft(FILETIME + 3n), '2023-11-14T22:13:20.123457Z');
    // Both sides of the double-precision fast path's limit agree with BigInt arithmetic.
    const ref = (t: bigint): string =>
      `${new Date(Number(t / 10000000n - 11644473600n) * 1000).toISOString().slice(0, 19)}.${String((t % 10000000n) / 10n).padStart(6, '0')}Z`;
    for (const t of [1799999999n * 2n ** 32n + 4294967295n, 1800000000n * 2n ** 32n + 12345n]) assert.equal(ft(t), ref(t));
  });
  it('renders text beside attributes as #text and unnamed Data as a #text list', async () => {
    const items = await read('classic.evtx', Buffer.concat([fileHeader(1), chunk((next) => next(classicRecord))]));
    assert.deepEqual(events(items), [
      {
        Event: {
          System: { EventID: { '#attributes': { Qualifiers: 16384 }, '#text': 7036 } },
          EventData: { Data: { '#text': ['Windows Update', 'running'] }, Binary: '0102' },
        },
      },
    ]);
  });

  it('reads templates, substitutions, every value type and nested BinXML as the JSON export shows them', async () => {
    const items = await read('good.evtx', Buffer.concat([fileHeader(1), goodChunk()]));
    assert.deepEqual(reasons(items), []);
    assert.deepEqual(events(items), [expected('host-a'), expected('host-b')]);
    assert.deepEqual(
      items.map((i) => [i.index, i.line]),
      [
        [0, 1],
        [1, 2],
      ],
    );
  });

  it('detects EVTX by its signature whatever the file name', async () => {
    const items = await read('exported.bin', Buffer.concat([fileHeader(1), goodChunk()]));
    assert.equal(events(items).length, 2);
  });

  it('refuses a file without the ElfFile signature as a source error, not a crash', async () => {
    const bad = Buffer.concat([fileHeader(1), goodChunk()]);
    bad.write('NotAnEv', 0, 'latin1');
    await assert.rejects(read('bad-magic.evtx', bad), /not an EVTX file/);
  });

  it('skips a chunk with a bad signature and reads the next one', async () => {
    const broken = goodChunk();
    broken.write('Garbage!', 0, 'latin1');
    const items = await read('bad-chunk.evtx', Buffer.concat([fileHeader(2), broken, goodChunk()]));
    assert.deepEqual(reasons(items), ['0: chunk 0: no "ElfChnk" signature, chunk skipped']);
    assert.deepEqual(events(items), [expected('host-a'), expected('host-b')]);
  });

  it('skips a record whose size does not match its trailer, and reads on', async () => {
    const c = goodChunk();
    const size = c.readUInt32LE(512 + 4);
    c.writeUInt32LE(size + 8, 512 + 4);
    const items = await read('bad-record.evtx', Buffer.concat([fileHeader(1), c]));
    assert.deepEqual(reasons(items), [`0: record 1 (chunk 0, offset 512): bad record size ${size + 8} (chunk 0: records checksum mismatch)`]);
    assert.deepEqual(events(items), [expected('host-b')]);
  });

  it('names the record and the chunk checksum when a damaged record cannot be parsed', async () => {
    const c = goodChunk();
    // Corrupt the first element start token inside the template definition of record 1.
    const at = c.indexOf(Buffer.from([0x0f, 1, 1, 0, 0x41]), 512 + 24 + 4);
    c[at + 4] = 0x7f;
    const items = await read('bad-binxml.evtx', Buffer.concat([fileHeader(1), c]));
    const r = reasons(items);
    assert.equal(r.length, 2, r.join('\n'));
    assert.match(r[0], /^0: record 1 \(chunk 0, offset 512\): unknown BinXML token 0x7f/);
    assert.match(r[0], /records checksum mismatch/);
    // Record 2 refers to the same (broken) template definition.
    assert.match(r[1], /^1: record 2 /);
  });

  it('skips a truncated record at the end of a truncated file', async () => {
    const c = goodChunk();
    const first = c.readUInt32LE(512 + 4);
    const cut = Buffer.concat([fileHeader(1), c.subarray(0, 512 + first + 40)]);
    const items = await read('truncated.evtx', cut);
    assert.deepEqual(events(items), [expected('host-a')]);
    assert.equal(reasons(items).length, 1);
    assert.match(reasons(items)[0], /^1: record 2 \(chunk 0, offset \d+\): bad record size/);
  });

  it('skips a record whose BinXML ends early, then finds the next record signature', async () => {
    const c = goodChunk(true);
    const first = c.readUInt32LE(512 + 4);
    // Shrink record 1 to 60 bytes (trailer rewritten): its template definition is cut off.
    c.writeUInt32LE(60, 512 + 4);
    c.writeUInt32LE(60, 512 + 56);
    const items = await read('short-binxml.evtx', Buffer.concat([fileHeader(1), c]));
    const r = reasons(items);
    assert.equal(r.length, 2, r.join('\n'));
    assert.match(r[0], /^0: record 1 \(chunk 0, offset 512\): .*runs past the end/);
    assert.match(r[1], new RegExp(`^1: chunk 0: no record signature at offset 572, ${first - 60} bytes skipped`));
    assert.deepEqual(events(items), [expected('host-b')]);
  });

  it('previews a rule on an .evtx found in a sample folder, with EVTX field names', async () => {
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    writeFileSync(join(folder, 'security.evtx'), Buffer.concat([fileHeader(1), goodChunk()]));
    const { files } = expandSamplePattern(folder, dir);
    assert.deepEqual(files, [join(folder, 'security.evtx')]);
    const rule =
      'title: t\nlogsource:\n  product: windows\ndetection:\n  sel:\n    Computer: host-b\n    Provider_Name: Test-Provider\n    Image|endswith: never.exe\n  sel2:\n    Computer: host-b\n    Binary: DEAD01\n  condition: sel or sel2\n';
    const r = await previewRule(
      { ruleText: rule, rulePath: join(dir, 'rule.yml') },
      files.map((f) => ({ source: f, path: f })),
    );
    assert.deepEqual([r.scanned, r.matched, r.skipped], [2, 1, []]);
    assert.equal(r.matches[0].index, 1);
  });
});
