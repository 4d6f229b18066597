/**
 * Tabular operators added for real hunting queries: top-nested, mv-apply, partition, invoke,
 * table(), `<>`, and a union over subqueries that contain `*`. Expected results follow the
 * operators' pages under learn.microsoft.com/kusto/query/ (examples reproduced on small tables).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { previewKql } from './index';

type Rows = Record<string, unknown>[];

async function q(query: string, tables: Record<string, Rows>): Promise<Rows> {
  const samples = Object.entries(tables).map(([name, rows]) => ({
    source: `${name}.ndjson`,
    text: rows.map((r) => JSON.stringify(r)).join('\n'),
    format: 'ndjson' as const,
  }));
  const r = await previewKql('q.kql', query, samples, { limit: 100000 });
  return r.matches.map((m) => m.event);
}

const NET = {
  T: [
    { D: 'a.com', Dev: 'd1' },
    { D: 'a.com', Dev: 'd2' },
    { D: 'a.com', Dev: 'd3' },
    { D: 'b.com', Dev: 'd1' },
    { D: 'b.com', Dev: 'd1' },
    { D: 'c.com', Dev: 'd2' },
    { D: 'c.com', Dev: 'd3' },
  ],
};

describe('KQL preview top-nested (top-nested-operator)', () => {
  it('ranks partitions by the aggregate, ascending when asked; the aggregate column is aggregated_<Expr>', async () => {
    // dcount(Dev): a.com 3, b.com 1, c.com 2 → ascending, first two.
    assert.deepEqual(await q('T | top-nested 2 of D by dcount(Dev) asc', NET), [
      { D: 'b.com', aggregated_D: 1 },
      { D: 'c.com', aggregated_D: 2 },
    ]);
  });
  it('is descending by default, names a named aggregate, and "with others" sums up the rest', async () => {
    // count(): a.com 3, b.com 2, c.com 2 → the top one, then "other" with 2 + 2.
    assert.deepEqual(await q('T | top-nested 1 of D with others = "other" by n = count()', NET), [
      { D: 'a.com', n: 3 },
      { D: 'other', n: 4 },
    ]);
  });
  it('without N keeps every partition; a second clause refines each kept partition', async () => {
    assert.equal((await q('T | top-nested of D by count()', NET)).length, 3);
    assert.deepEqual(await q('T | top-nested 1 of D by count(), top-nested 1 of Dev by count()', NET), [
      { D: 'a.com', aggregated_D: 3, Dev: 'd1', aggregated_Dev: 1 },
    ]);
    assert.deepEqual(await q('T | top-nested 1 of D by count() | where aggregated_D <= 2', NET), []);
  });
});

const ARR = {
  T: [
    { Name: 'x', Xs: [1, 5, 3] },
    { Name: 'y', Xs: [7] },
    { Name: 'z', Xs: [] },
  ],
};

describe('KQL preview mv-apply (mv-apply-operator)', () => {
  it("applies the subquery to each row's expansion: the two largest elements per row", async () => {
    assert.deepEqual(await q('T | mv-apply Xs to typeof(long) on (top 2 by Xs desc)', ARR), [
      { Name: 'x', Xs: 5 },
      { Name: 'x', Xs: 3 },
      { Name: 'y', Xs: 7 },
    ]);
  });
  it('adds the columns that were not expanded back after a summarize, and keeps the array under a new name', async () => {
    const twoRows = { T: ARR.T.slice(0, 2) };
    assert.deepEqual(await q('T | mv-apply Xs to typeof(long) on (top 2 by Xs | summarize SumOfTop2 = sum(Xs))', twoRows), [
      { Name: 'x', SumOfTop2: 8 },
      { Name: 'y', SumOfTop2: 7 },
    ]);
    assert.deepEqual(await q('T | mv-apply e = Xs to typeof(long) on (top 1 by e) | project Name, e, n = array_length(Xs)', ARR), [
      { Name: 'x', e: 5, n: 3 },
      { Name: 'y', e: 7, n: 1 },
    ]);
  });
  it('with_itemindex numbers the elements; a let list filters rows as the FalconFriday query does', async () => {
    assert.deepEqual(await q('T | mv-apply with_itemindex = i Xs on (where Xs > 2) | project Name, Xs, i', ARR), [
      { Name: 'x', Xs: 5, i: 1 },
      { Name: 'x', Xs: 3, i: 2 },
      { Name: 'y', Xs: 7, i: 0 },
    ]);
    const files = {
      F: [
        { Prev: 'a.txt', File: 'a.exe' },
        { Prev: 'b.exe', File: 'b2.exe' },
        { Prev: 'c.doc', File: 'c.pdf' },
      ],
    };
    const samples = [{ source: 'F.ndjson', text: files.F.map((r) => JSON.stringify(r)).join('\n'), format: 'ndjson' as const }];
    const r = await previewKql(
      'q.kql',
      'let exts = dynamic([".exe", ".dll"]);\nF | mv-apply ext = exts to typeof(string) on (where Prev !endswith ext and File endswith ext)',
      samples,
      {},
    );
    assert.deepEqual(
      r.matches.map((m) => [m.source, m.index, m.event.File, m.event.ext]),
      [['F.ndjson', 0, 'a.exe', '.exe']],
    );
  });
});

describe('KQL preview partition, invoke, table()', () => {
  const T = {
    T: [
      { K: 'a', n: 1 },
      { K: 'b', n: 5 },
      { K: 'a', n: 3 },
      { K: 'b', n: 2 },
    ],
  };
  it('partition runs the subquery once per value and concatenates the results', async () => {
    assert.deepEqual(await q('T | partition hint.strategy=native by K (top 1 by n)', T), [
      { K: 'a', n: 3 },
      { K: 'b', n: 5 },
    ]);
  });
  it("invoke passes the piped table as the function's first argument", async () => {
    assert.deepEqual(await q('let f = (R:(*), m:long) { R | where n > m };\nT | invoke f(2)', T), [
      { K: 'b', n: 5 },
      { K: 'a', n: 3 },
    ]);
  });
  it('table() reads the table a constant name (often a parameter) names', async () => {
    assert.deepEqual(await q('let f = (tableName:string) { table(tableName) | where n >= 3 };\nf("T")', T), [
      { K: 'b', n: 5 },
      { K: 'a', n: 3 },
    ]);
  });
  it('a function whose result is a tabular let of its own body is tabular (the Sentinel signin-correlation pattern)', async () => {
    const query =
      'let f = (tableName:string) { let S = table(tableName) | where n > 1 | summarize make_set(K); S };\nlet Bad = union isfuzzy=true f("T") | summarize make_set(set_K);\nT | where K in (Bad) | summarize count()';
    assert.deepEqual(await q(query, T), [{ count_: 4 }]);
  });
  it('<> is not-equals; a union of subqueries whose parse pattern holds * runs', async () => {
    assert.deepEqual(await q('T | where K <> "a"', T), [
      { K: 'b', n: 5 },
      { K: 'b', n: 2 },
    ]);
    const u = await q('union isfuzzy=true (T | parse K with * "a" Rest | where n == 1), (T | take 1)', T);
    assert.equal(u.length, 2);
  });
});

describe('KQL preview parse_xml, mv-expand bagexpansion=array, evaluate bag_unpack (Windows EventData queries)', () => {
  it("parse_xml converts as its page's table says", async () => {
    const one = async (xml: string): Promise<unknown> => (await q(`print x = parse_xml(${JSON.stringify(xml)})`, {}))[0].x;
    assert.deepEqual(await one('<e/>'), { e: null });
    assert.deepEqual(await one('<e>text</e>'), { e: 'text' });
    assert.deepEqual(await one('<e name="value" />'), { e: { '@name': 'value' } });
    assert.deepEqual(await one('<e name="value">text</e>'), { e: { '@name': 'value', '#text': 'text' } });
    assert.deepEqual(await one('<e> <a>text</a> <b>text</b> </e>'), { e: { a: 'text', b: 'text' } });
    assert.deepEqual(await one('<e> <a>text</a> <a>text</a> </e>'), { e: { a: ['text', 'text'] } });
    assert.deepEqual(await one('<e> text <a>text</a> </e>'), { e: { '#text': 'text', a: 'text' } });
    assert.deepEqual(await one('<?xml version="1.0"?><!-- c --><d><v>1 &lt; 2</v></d>'), { d: { v: '1 < 2' } });
    assert.equal(await one('<a><b></a></b>'), null, 'mismatched tags are invalid XML');
    assert.equal(await one('not xml'), null);
  });
  it('reads a Windows EventData blob the way the Sentinel queries do', async () => {
    const xml = '<DataItem><EventData><Data Name="SubjectUserName">bob</Data><Data Name="CommandLine">auditpol /set</Data></EventData></DataItem>';
    const rows = await q('T | extend D = parse_xml(X).DataItem.EventData.Data | mv-expand D | project N = tostring(D["@Name"]), V = tostring(D["#text"])', {
      T: [{ X: xml }],
    });
    assert.deepEqual(rows, [
      { N: 'SubjectUserName', V: 'bob' },
      { N: 'CommandLine', V: 'auditpol /set' },
    ]);
  });
  it('mv-expand bagexpansion=array gives [key, value] arrays', async () => {
    assert.deepEqual(await q('T | mv-expand bagexpansion=array B | project B', { T: [{ B: { a: 1, b: 'x' } }] }), [{ B: ['a', 1] }, { B: ['b', 'x'] }]);
    assert.deepEqual(await q('T | mv-expand B | project B', { T: [{ B: { a: 1 } }] }), [{ B: { a: 1 } }]);
  });
  it("bag_unpack: one column per property (the page's example), a prefix, and column conflicts", async () => {
    const people = { T: [{ d: { Name: 'John', Age: 20 } }, { d: { Name: 'Dave', Age: 40 } }, { d: { Name: 'Jasmine' } }] };
    assert.deepEqual(await q('T | evaluate bag_unpack(d)', people), [
      { Age: 20, Name: 'John' },
      { Age: 40, Name: 'Dave' },
      { Age: null, Name: 'Jasmine' },
    ]);
    assert.deepEqual(await q('T | take 1 | evaluate bag_unpack(d, "Property_")', people), [{ Property_Age: 20, Property_Name: 'John' }]);
    assert.deepEqual(await q('T | take 1 | evaluate bag_unpack(d, ignoredProperties = dynamic(["Age"]))', people), [{ Name: 'John' }]);
    const clash = { T: [{ Name: 'source', d: { Name: 'bag' } }] };
    assert.deepEqual(await q('T | evaluate bag_unpack(d, columnsConflict = "keep_source")', clash), [{ Name: 'source' }]);
    assert.deepEqual(await q('T | evaluate bag_unpack(d, columnsConflict = "replace_source")', clash), [{ Name: 'bag' }]);
    await assert.rejects(q('T | evaluate bag_unpack(d)', clash), /bag_unpack of a property Name that is also a column/);
  });
});

describe('KQL preview evaluate pivot and find', () => {
  // The pivot-plugin page's first example, on a few rows: one row, one column per State, counts.
  const storms = {
    S: [
      { State: 'ALASKA', EventType: 'High Wind' },
      { State: 'ALABAMA', EventType: 'Strong Wind' },
      { State: 'ALASKA', EventType: 'Marine High Wind' },
      { State: 'ALABAMA', EventType: 'High Wind' },
      { State: 'ALABAMA', EventType: 'Strong Wind' },
    ],
  };
  it('pivot without columns: one row of counts per value, columns in name order', async () => {
    assert.deepEqual(await q('S | evaluate pivot(State)', storms), [{ ALABAMA: 3, ALASKA: 2 }]);
  });
  it('pivot with an aggregation and group-by columns, as the EventData queries use it', async () => {
    const kv = {
      KV: [
        { Id: 1, Key: 'User', Value: 'bob' },
        { Id: 1, Key: 'Cmd', Value: 'x.exe' },
        { Id: 2, Key: 'User', Value: 'eve' },
      ],
    };
    assert.deepEqual(await q('KV | evaluate pivot(Key, any(Value), Id)', kv), [
      { Id: 1, Cmd: 'x.exe', User: 'bob' },
      { Id: 2, Cmd: null, User: 'eve' },
    ]);
    assert.deepEqual(await q('KV | evaluate pivot(Key, Id)', kv), [
      { Id: 1, Cmd: 1, User: 1 },
      { Id: 2, Cmd: 0, User: 1 },
    ]);
  });
  it('find in (tables) where ... project: the table name in source_, missing columns null', async () => {
    const tables = {
      A: [
        { IP: '1.2.3.4', Name: 'a1' },
        { IP: '5.6.7.8', Name: 'a2' },
      ],
      B: [{ Url: 'x.com', Name: 'b1' }],
    };
    assert.deepEqual(await q('find in (A, B) where IP == "1.2.3.4" or Url =~ "X.com" project Name, IP', tables), [
      { source_: 'A', Name: 'a1', IP: '1.2.3.4' },
      { source_: 'B', Name: 'b1', IP: null },
    ]);
    assert.deepEqual(await q('find withsource=T in (B) where Name == "b1" project Name', tables), [{ T: 'B', Name: 'b1' }]);
    await assert.rejects(q('find in (A) where Name == "a1"', tables), /unsupported: find without a plain project list/);
  });
});
