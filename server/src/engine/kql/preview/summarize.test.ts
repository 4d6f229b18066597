import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { previewKql } from './index';

async function q(query: string, rows: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  const text = rows.map((r) => JSON.stringify(r)).join('\n');
  const r = await previewKql('q.kql', query, [{ source: 'E.ndjson', text, format: 'ndjson' }], { limit: 1000 });
  return r.matches.map((m) => m.event);
}

const E = [
  { Timestamp: '2025-01-10T10:15:00Z', Dev: 'a', Url: 'x.com', Bytes: 10, Tags: ['p', 'q'] },
  { Timestamp: '2025-01-10T10:45:00Z', Dev: 'a', Url: 'y.com', Bytes: 30, Tags: ['q'] },
  { Timestamp: '2025-01-10T11:05:00Z', Dev: 'b', Url: 'x.com', Bytes: null, Tags: [] },
  { Timestamp: '2025-01-10T11:55:00Z', Dev: 'a', Url: 'x.com', Bytes: 20, Tags: ['r'] },
];

describe('KQL preview summarize: aggregates, their Kusto names, nulls ignored', () => {
  it('several aggregates by a column', async () => {
    const rows = await q(
      'E | summarize count(), dcount(Url), make_set(Url), make_list(Bytes), min(Bytes), max(Bytes), sum(Bytes), avg(Bytes), countif(Bytes > 15), take_any(Url) by Dev',
      E,
    );
    assert.deepEqual(rows, [
      {
        Dev: 'a',
        count_: 3,
        dcount_Url: 2,
        set_Url: ['x.com', 'y.com'],
        list_Bytes: [10, 30, 20],
        min_Bytes: 10,
        max_Bytes: 30,
        sum_Bytes: 60,
        avg_Bytes: 20,
        countif_: 2,
        any_Url: 'x.com',
      },
      {
        Dev: 'b',
        count_: 1,
        dcount_Url: 1,
        set_Url: ['x.com'],
        list_Bytes: [],
        min_Bytes: null,
        max_Bytes: null,
        sum_Bytes: 0,
        avg_Bytes: null,
        countif_: 0,
        any_Url: 'x.com',
      },
    ]);
  });
  it('named aggregates, -if forms, deprecated spellings, make_set expands arrays, stdev is the sample deviation', async () => {
    const rows = await q(
      'E | summarize Urls = makeset(Url), Big = dcountif(Url, Bytes >= 20), S = sumif(Bytes, Dev == "a"), T = make_set(Tags), Sd = stdev(Bytes)',
      E,
    );
    // Bytes 10, 30, 20: mean 20, sample variance (100 + 100 + 0) / 2 = 100.
    assert.deepEqual(rows, [{ Urls: ['x.com', 'y.com'], Big: 2, S: 60, T: ['p', 'q', 'r'], Sd: 10 }]);
  });
  it('without by, an empty input gives one row of default values', async () => {
    assert.deepEqual(await q('E | where Dev == "z" | summarize count(), make_set(Url), max(Bytes), sum(Bytes)', E), [
      { count_: 0, set_Url: [], max_Bytes: null, sum_Bytes: 0 },
    ]);
    assert.deepEqual(await q('E | where Dev == "z" | summarize count() by Dev', E), []);
  });
  it('arg_max(T, *) returns the whole row once per group, by columns first and not repeated', async () => {
    assert.deepEqual(await q('E | summarize arg_max(Timestamp, *) by Dev', E), [
      { Dev: 'a', Timestamp: '2025-01-10T11:55:00Z', Url: 'x.com', Bytes: 20, Tags: ['r'] },
      { Dev: 'b', Timestamp: '2025-01-10T11:05:00Z', Url: 'x.com', Bytes: null, Tags: [] },
    ]);
  });
  it('arg_min with named columns; a null first argument never wins', async () => {
    assert.deepEqual(await q('E | summarize arg_min(Bytes, Url) by Dev', E), [
      { Dev: 'a', Bytes: 10, Url: 'x.com' },
      { Dev: 'b', Bytes: null, Url: null },
    ]);
    assert.deepEqual(await q('E | summarize (First, FirstUrl) = arg_min(Timestamp, Url)', E), [{ First: '2025-01-10T10:15:00Z', FirstUrl: 'x.com' }]);
    assert.deepEqual(await q('E | summarize Last = arg_max(Timestamp, Url)', E), [{ Last: '2025-01-10T11:55:00Z', Url: 'x.com' }]);
  });
});

describe('KQL preview bin()', () => {
  it('bins datetimes by the hour and keeps the column name', async () => {
    assert.deepEqual(await q('E | summarize n = count() by bin(Timestamp, 1h)', E), [
      { Timestamp: '2025-01-10T10:00:00.000Z', n: 2 },
      { Timestamp: '2025-01-10T11:00:00.000Z', n: 2 },
    ]);
  });
  it('bins numbers down to a multiple of the size; null stays null', async () => {
    assert.deepEqual(
      (await q('E | summarize count() by b = bin(Bytes, 15)', E)).map((r) => r.b),
      [0, 30, null, 15],
    );
  });
  it('aligns datetime bins to 0001-01-01 (a Monday), not to 1970-01-01 (a Thursday)', async () => {
    const rows = await q(
      'print w = bin(datetime(2025-01-10 13:00), 7d), d = bin(datetime(2025-01-10 13:00), 1d), s = floor(datetime(2025-01-10 13:17:42), 5m)',
      [],
    );
    assert.deepEqual(rows, [{ w: '2025-01-06T00:00:00.000Z', d: '2025-01-10T00:00:00.000Z', s: '2025-01-10T13:15:00.000Z' }]);
  });
});
