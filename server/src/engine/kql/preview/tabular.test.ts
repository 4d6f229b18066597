import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { previewKql } from './index';

type Rows = Record<string, unknown>[];

/** Runs a query over in-memory tables, one NDJSON "file" per table. */
async function q(query: string, tables: Record<string, Rows>, clock?: string): Promise<Record<string, unknown>[]> {
  const samples = Object.entries(tables).map(([name, rows]) => ({
    source: `${name}.ndjson`,
    text: rows.map((r) => JSON.stringify(r)).join('\n'),
    format: 'ndjson' as const,
  }));
  const r = await previewKql('q.kql', query, samples, clock ? { clock, limit: 100000 } : { limit: 100000 });
  return r.matches.map((m) => m.event);
}

// The join pages' own example tables (learn.microsoft.com/kusto/query/join-operator and the pages per kind).
const X = [
  { Key: 'a', Value1: 1 },
  { Key: 'b', Value1: 2 },
  { Key: 'b', Value1: 3 },
  { Key: 'c', Value1: 4 },
];
const Y = [
  { Key: 'b', Value2: 10 },
  { Key: 'c', Value2: 20 },
  { Key: 'c', Value2: 30 },
  { Key: 'd', Value2: 40 },
];
const XY = { X, Y };

describe('KQL preview join kinds (Kusto documentation examples)', () => {
  it('innerunique (the default) keeps the first left row per key; the right key is repeated as Key1', async () => {
    assert.deepEqual(await q('X | join Y on Key', XY), [
      { Key: 'b', Value1: 2, Key1: 'b', Value2: 10 },
      { Key: 'c', Value1: 4, Key1: 'c', Value2: 20 },
      { Key: 'c', Value1: 4, Key1: 'c', Value2: 30 },
    ]);
    assert.deepEqual(await q('X | join kind=innerunique Y on Key', XY), await q('X | join Y on Key', XY));
  });
  it('inner keeps every left row: all pairs', async () => {
    assert.deepEqual(await q('X | join kind=inner Y on Key', XY), [
      { Key: 'b', Value1: 2, Key1: 'b', Value2: 10 },
      { Key: 'b', Value1: 3, Key1: 'b', Value2: 10 },
      { Key: 'c', Value1: 4, Key1: 'c', Value2: 20 },
      { Key: 'c', Value1: 4, Key1: 'c', Value2: 30 },
    ]);
  });
  it('leftouter, rightouter and fullouter fill the missing side with nulls', async () => {
    const lo = await q('X | join kind=leftouter Y on Key', XY);
    assert.deepEqual(
      lo.map((r) => [r.Key, r.Value1, r.Key1, r.Value2]),
      [
        ['a', 1, null, null],
        ['b', 2, 'b', 10],
        ['b', 3, 'b', 10],
        ['c', 4, 'c', 20],
        ['c', 4, 'c', 30],
      ],
    );
    const ro = await q('X | join kind=rightouter Y on Key', XY);
    assert.deepEqual(
      ro.map((r) => [r.Key, r.Value1, r.Key1, r.Value2]),
      [
        ['b', 2, 'b', 10],
        ['b', 3, 'b', 10],
        ['c', 4, 'c', 20],
        ['c', 4, 'c', 30],
        [null, null, 'd', 40],
      ],
    );
    const fo = await q('X | join kind=fullouter Y on Key', XY);
    assert.deepEqual(
      fo.map((r) => [r.Key, r.Key1]),
      [
        ['a', null],
        ['b', 'b'],
        ['b', 'b'],
        ['c', 'c'],
        ['c', 'c'],
        [null, 'd'],
      ],
    );
  });
  it('semi and anti joins return one side only', async () => {
    assert.deepEqual(await q('X | join kind=leftsemi Y on Key', XY), [X[1], X[2], X[3]]);
    assert.deepEqual(await q('X | join kind=leftanti Y on Key', XY), [X[0]]);
    assert.deepEqual(await q('X | join kind=leftantisemi Y on Key', XY), [X[0]]);
    assert.deepEqual(await q('X | join kind=rightsemi Y on Key', XY), [Y[0], Y[1], Y[2]]);
    assert.deepEqual(await q('X | join kind=rightanti Y on Key', XY), [Y[3]]);
  });
  it('$left.A == $right.B, several conditions, a parenthesised right side with its own pipeline', async () => {
    const rows = await q('X | join kind=inner (Y | where Value2 < 30 | project K2 = Key, Value2) on $left.Key == $right.K2', XY);
    assert.deepEqual(rows, [
      { Key: 'b', Value1: 2, K2: 'b', Value2: 10 },
      { Key: 'b', Value1: 3, K2: 'b', Value2: 10 },
      { Key: 'c', Value1: 4, K2: 'c', Value2: 20 },
    ]);
    // X gets V = 5, 10, 15, 20; Y gets V = 10, 20, 30, 40: (b, 10) and (c, 20) match on both keys.
    const both = await q('X | extend V = Value1 * 5 | join kind=inner (Y | extend V = Value2) on Key, V', XY);
    assert.deepEqual(both, [
      { Key: 'b', Value1: 2, V: 10, Key1: 'b', Value2: 10, V1: 10 },
      { Key: 'c', Value1: 4, V: 20, Key1: 'c', Value2: 20, V1: 20 },
    ]);
    // Y gets W = 2, 4, 6, 8: X's (b, 2) and (c, 4) match.
    const and = await q('X | join kind=inner (Y | extend W = Value2 / 5) on $left.Key == $right.Key and $left.Value1 == $right.W', XY);
    assert.deepEqual(and, [
      { Key: 'b', Value1: 2, Key1: 'b', Value2: 10, W: 2 },
      { Key: 'c', Value1: 4, Key1: 'c', Value2: 20, W: 4 },
    ]);
  });
  it('lookup adds the right columns without repeating the key', async () => {
    const dims = [
      { Key: 'b', Name: 'bee' },
      { Key: 'c', Name: 'sea' },
    ];
    assert.deepEqual(await q('X | lookup D on Key', { X, D: dims }), [
      { Key: 'a', Value1: 1, Name: null },
      { Key: 'b', Value1: 2, Name: 'bee' },
      { Key: 'b', Value1: 3, Name: 'bee' },
      { Key: 'c', Value1: 4, Name: 'sea' },
    ]);
    assert.deepEqual((await q('X | lookup kind=inner D on Key', { X, D: dims })).length, 3);
  });
  it('a null key matches nothing', async () => {
    const rows = await q('L | join kind=inner R on K', {
      L: [
        { K: null, a: 1 },
        { K: 'x', a: 2 },
      ],
      R: [
        { K: null, b: 1 },
        { K: 'x', b: 2 },
      ],
    });
    assert.deepEqual(rows, [{ K: 'x', a: 2, K1: 'x', b: 2 }]);
  });
});

describe('KQL preview union, let, materialize, toscalar, datatable, print and functions', () => {
  it('union as a source and as an operator, withsource names the table', async () => {
    assert.deepEqual(await q('union X, Y | where Key == "c" | project Key, Value1, Value2', XY), [
      { Key: 'c', Value1: 4, Value2: null },
      { Key: 'c', Value1: null, Value2: 20 },
      { Key: 'c', Value1: null, Value2: 30 },
    ]);
    const w = await q('X | where Key == "a" | union withsource=Src (Y | where Key == "d")', XY);
    assert.deepEqual(w, [
      { Src: 'union_arg0', Key: 'a', Value1: 1 },
      { Src: 'union_arg1', Key: 'd', Value2: 40 },
    ]);
    const s = await q('union withsource=T X, Y | summarize n = count() by T', XY);
    assert.deepEqual(s, [
      { T: 'X', n: 4 },
      { T: 'Y', n: 4 },
    ]);
  });
  it('tabular lets, materialize and toscalar', async () => {
    const rows = await q(
      'let big = Y | where Value2 >= 20;\nlet m = materialize(big | summarize max(Value2));\nlet top = toscalar(m);\nX | where Key in (big | project Key) | extend Top = top',
      XY,
    );
    assert.deepEqual(rows, [{ Key: 'c', Value1: 4, Top: 40 }]);
    const n = await q('X | where Value1 > toscalar(X | summarize avg(Value1))', XY);
    assert.deepEqual(
      n.map((r) => r.Value1),
      [3, 4],
    );
  });
  it('datatable and print need no sample table', async () => {
    assert.deepEqual(await q('datatable(a:string, b:long) ["x", 1, "y", 2] | where b > 1', {}), [{ a: 'y', b: 2 }]);
    assert.deepEqual(await q('print x = 1 + 2, y = strcat("a", "b")', {}), [{ x: 3, y: 'ab' }]);
  });
  it('let functions, scalar and tabular, with defaults and a view without parameters', async () => {
    const rows = await q(
      'let twice = (n:long, k:long = 2) { n * k };\nlet keys = (T:(Key:string), v:long) { T | where Value1 >= v | project Key };\nlet V = view () { Y | where Value2 > 25 };\nkeys(X, 3) | extend t = twice(3), u = twice(3, 5) | join kind=inner V on Key',
      XY,
    );
    assert.deepEqual(rows, [{ Key: 'c', t: 6, u: 15, Key1: 'c', Value2: 30 }]);
  });
});

describe('KQL preview row operators', () => {
  const T = [
    { a: 'x', n: 3 },
    { a: 'y', n: 1 },
    { a: 'x', n: 2 },
    { a: 'z', n: null },
  ];
  it('distinct, count and top', async () => {
    assert.deepEqual(await q('T | distinct a', { T }), [{ a: 'x' }, { a: 'y' }, { a: 'z' }]);
    assert.deepEqual(await q('T | count', { T }), [{ Count: 4 }]);
    assert.deepEqual(
      (await q('T | top 2 by n', { T })).map((r) => r.n),
      [3, 2],
    );
    assert.deepEqual(
      (await q('T | top 2 by n asc', { T })).map((r) => r.n),
      [null, 1],
    );
  });
  it('project-rename, project-keep, project-reorder and unnamed project columns', async () => {
    assert.deepEqual((await q('T | take 1 | project-rename Name = a', { T }))[0], { Name: 'x', n: 3 });
    assert.deepEqual((await q('T | take 1 | extend b = 1 | project-keep a, b', { T }))[0], { a: 'x', b: 1 });
    assert.deepEqual(Object.keys((await q('T | take 1 | project-reorder n', { T }))[0]), ['n', 'a']);
    assert.deepEqual((await q('T | take 1 | project tostring(n), strlen(a), n + 1', { T }))[0], { n: '3', Column1: 1, Column2: 4 });
  });
  it('mv-expand: one row per element, in parallel, typed, bags as one-entry bags, empty arrays dropped', async () => {
    const M = [
      { id: 1, xs: [1, 2], ys: ['a'] },
      { id: 2, xs: [], ys: [] },
      { id: 3, xs: null, ys: { k: 'v', j: 'w' } },
    ];
    assert.deepEqual(await q('M | mv-expand xs, ys', { M }), [
      { id: 1, xs: 1, ys: 'a' },
      { id: 1, xs: 2, ys: null },
      { id: 3, xs: null, ys: { k: 'v' } },
      { id: 3, xs: null, ys: { j: 'w' } },
    ]);
    assert.deepEqual(await q('M | where id == 1 | mv-expand x = xs to typeof(string) | project x', { M }), [{ x: '1' }, { x: '2' }]);
    assert.deepEqual(await q('M | where id == 1 | mv-expand xs limit 1 | project xs', { M }), [{ xs: 1 }]);
  });
  it('parse (simple kind): literal anchors, typed columns, the last column takes the rest', async () => {
    const P = [{ s: 'user=bob; id=42; note=hello world' }, { s: 'nothing here' }];
    assert.deepEqual(await q('P | parse s with "user=" user "; id=" id:long "; note=" note | project user, id, note', { P }), [
      { user: 'bob', id: 42, note: 'hello world' },
      { user: '', id: null, note: '' },
    ]);
  });
});
