import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KqlPreviewError, previewKql } from './index';

/** The single row of `print ...` (or of a query over table T). */
async function row(query: string, rows: Record<string, unknown>[] = [], clock?: string): Promise<Record<string, unknown>> {
  const text = rows.map((r) => JSON.stringify(r)).join('\n');
  const r = await previewKql('q.kql', query, [{ source: 'T.ndjson', text, format: 'ndjson' }], clock ? { clock } : {});
  assert.equal(r.matches.length, 1, `one row from ${query}`);
  return r.matches[0].event;
}

describe('KQL preview scalar functions', () => {
  it('conditionals and null tests', async () => {
    assert.deepEqual(
      await row(
        'print a = iff(1 > 2, "y", "n"), b = iif(true, 1, 2), c = case(false, 1, 2 > 1, 2, 3), d = case(false, 1, 9), e = coalesce("", "x"), f = isnull(long(null)), g = isnotnull(0), h = isempty(""), i = isnotempty(" ")',
      ),
      { a: 'n', b: 1, c: 2, d: 9, e: 'x', f: true, g: true, h: true, i: true },
    );
  });
  it('conversions', async () => {
    assert.deepEqual(
      await row(
        'print a = tostring(123), b = toint("42"), c = toint("x"), d = tolong(3.7), e = toreal("2.5"), f = tobool("true"), g = todatetime("2025-01-10"), h = totimespan("1.02:03:04"), i = tostring(datetime(2025-01-10))',
      ),
      { a: '123', b: 42, c: null, d: 3, e: 2.5, f: true, g: '2025-01-10T00:00:00.000Z', h: '1.02:03:04', i: '2025-01-10T00:00:00Z' },
    );
  });
  it('strings', async () => {
    assert.deepEqual(
      await row(
        'print a = strcat("a", 1, true), b = split("a,b,c", ","), c = split("a,b,c", ",", 1), d = strlen("héllo"), e = substring("abcdef", 2, 3), f = tolower("AbC"), g = toupper("AbC"), h = indexof("abc", "c"), i = replace_string("a.b.c", ".", "-"), j = trim(@"\\s+", "  x  "), k = strcat_delim("/", "a", "b"), l = countof("aaa", "aa")',
      ),
      { a: 'a1true', b: ['a', 'b', 'c'], c: ['b'], d: 5, e: 'cde', f: 'abc', g: 'ABC', h: 2, i: 'a-b-c', j: 'x', k: 'a/b', l: 2 },
    );
  });
  it('regex functions: extract with a group and a type, extract_all, replace_regex with \\1', async () => {
    assert.deepEqual(
      await row(
        'print a = extract(@"id=(\\d+)", 1, "x id=42 y"), b = extract(@"id=(\\d+)", 1, "x id=42 y", typeof(long)), c = extract(@"id=(\\d+)", 1, "none"), d = extract_all(@"(\\d+)", "a1b22c333"), e = replace_regex("a1b2", @"(\\d)", @"<\\1>")',
      ),
      { a: '42', b: 42, c: '', d: ['1', '22', '333'], e: 'a<1>b<2>' },
    );
  });
  it('dynamic values: parse_json/todynamic with property and index access, from a JSON string column too', async () => {
    const r = await row(
      'T | extend a = parse_json(J).a.b[1], b = todynamic(J)["a"]["b"][-1], c = F.k, d = array_length(parse_json(J).a.b), e = set_has_element(dynamic(["a", "b"]), "b"), f = pack_array(1, "a"), g = bag_pack("k", 1), h = F.absent | project a, b, c, d, e, f, g, h',
      [{ J: '{"a":{"b":[1,2,3]}}', F: { k: 'v' } }],
    );
    assert.deepEqual(r, { a: 2, b: 3, c: 'v', d: 3, e: true, f: [1, 'a'], g: { k: 1 }, h: null });
  });
  it('parse_url, parse_path, parse_command_line, extractjson', async () => {
    const r = await row(
      'print u = parse_url("https://u:p@host.example:8443/p/a?x=1&y=2#f"), p = parse_path(@"C:\\Windows\\System32\\cmd.exe"), c = parse_command_line(@"a.exe ""b c"" d", "windows"), j = extractjson("$.a.b", @"{""a"":{""b"":7}}")',
    );
    assert.deepEqual(r.u, {
      Scheme: 'https',
      Host: 'host.example',
      Port: '8443',
      Path: '/p/a',
      Username: 'u',
      Password: 'p',
      'Query Parameters': { x: '1', y: '2' },
      Fragment: 'f',
    });
    assert.deepEqual(
      [(r.p as Record<string, string>).Filename, (r.p as Record<string, string>).Extension, (r.p as Record<string, string>).DirectoryPath],
      ['cmd.exe', 'exe', 'C:\\Windows\\System32'],
    );
    assert.deepEqual(r.c, ['a.exe', 'b c', 'd']);
    assert.equal(r.j, 7);
  });
  it('ipv4 functions', async () => {
    assert.deepEqual(
      await row(
        'print a = ipv4_is_private("10.1.2.3"), b = ipv4_is_private("8.8.8.8"), c = ipv4_is_in_range("192.168.1.7", "192.168.1.0/24"), d = ipv4_is_in_range("192.168.2.7", "192.168.1.0/24")',
      ),
      { a: true, b: false, c: true, d: false },
    );
  });
});

describe('KQL preview datetime and timespan arithmetic (Kusto datetime-timespan-arithmetic)', () => {
  it('negative spans, datetime ± timespan, datetime − datetime, timespan ratios, integer division', async () => {
    assert.deepEqual(
      await row(
        'print a = datetime(2025-01-10) + -90d, b = datetime(2025-01-10) - datetime(2025-01-09 12:00), c = 1d / 1h, d = 2 * 1h, e = 7 / 2, f = 7.5 / 2.5, g = -(3)',
      ),
      { a: '2024-10-12T00:00:00.000Z', b: '12:00:00', c: 24, d: '02:00:00', e: 3, f: 3, g: -3 },
    );
  });
  it('now() - 1d and ago() read the preview clock', async () => {
    assert.deepEqual(await row('print a = now() - 1d, b = ago(2h), c = now(-1h)', [], '2025-01-10T12:00:00Z'), {
      a: '2025-01-09T12:00:00.000Z',
      b: '2025-01-10T10:00:00.000Z',
      c: '2025-01-10T11:00:00.000Z',
    });
  });
  it('between and !between, inclusive, with a timespan upper bound', async () => {
    assert.deepEqual(
      await row(
        'print a = 5 between (1 .. 5), b = 6 between (1 .. 5), c = 6 !between (1 .. 5), d = datetime(2025-01-10) between (datetime(2025-01-09) .. 1d), e = datetime(2025-01-10 00:00:01) between (datetime(2025-01-09) .. 1d)',
      ),
      { a: true, b: false, c: true, d: true, e: false },
    );
  });
  it('startofday/week/month, dayofweek, hourofday, datetime_diff, datetime_add, format_datetime', async () => {
    const r = await row(
      'let t = datetime(2025-01-10 13:45:07);\nprint a = startofday(t), b = startofweek(t), c = startofmonth(t), d = dayofweek(t), e = hourofday(t), f = datetime_diff("day", t, datetime(2025-01-01 23:00)), g = datetime_add("month", 1, t), h = format_datetime(t, "yyyy-MM-dd HH:mm:ss"), i = startofday(t, -1)',
    );
    // 2025-01-10 is a Friday: the week starts on Sunday the 5th, dayofweek is 5 days.
    assert.deepEqual(r, {
      a: '2025-01-10T00:00:00.000Z',
      b: '2025-01-05T00:00:00.000Z',
      c: '2025-01-01T00:00:00.000Z',
      d: '5.00:00:00',
      e: 13,
      f: 9,
      g: '2025-02-10T13:45:07.000Z',
      h: '2025-01-10 13:45:07',
      i: '2025-01-09T00:00:00.000Z',
    });
  });
  it('ago() filters old sample data once the clock is set to it', async () => {
    const T = [
      { Timestamp: '2020-05-01T10:00:00Z', n: 1 },
      { Timestamp: '2020-05-03T10:00:00Z', n: 2 },
    ];
    const text = T.map((r) => JSON.stringify(r)).join('\n');
    const r = await previewKql('q.kql', 'T | where Timestamp > ago(1d)', [{ source: 'T.ndjson', text, format: 'ndjson' }], { clock: '2020-05-03T12:00:00Z' });
    assert.deepEqual(
      r.matches.map((m) => m.event.n),
      [2],
    );
  });
});

describe('KQL preview operators with row-dependent right-hand sides', () => {
  it('has, contains and in with a column on the right', async () => {
    const text = [
      { U: 'https://cdn.discord.com/x', K: 'discord.com' },
      { U: 'evildiscord.com', K: 'discord.com' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    const r = await previewKql('q.kql', 'T | extend h = U has K, c = U contains K, i = K in (U, "discord.com")', [
      { source: 'T.ndjson', text, format: 'ndjson' },
    ]);
    assert.deepEqual(
      r.matches.map((m) => [m.event.h, m.event.c, m.event.i]),
      [
        [true, true, true],
        [false, true, true],
      ],
    );
  });
});

describe('KQL preview regex time budget', () => {
  it('a pattern JavaScript backtracks on exponentially stops at the budget, named, instead of freezing', async () => {
    const text = JSON.stringify({ U: 'a'.repeat(40) + 'b' });
    const t = Date.now();
    const e = await previewKql('q.kql', 'T\n| where U matches regex "^(a+)+$"', [{ source: 'T.ndjson', text, format: 'ndjson' }]).catch((x: Error) => x);
    assert.ok(e instanceof KqlPreviewError, String(e));
    assert.match(e.message, /regex "\^\(a\+\)\+\$" ran past the 2000 ms budget on a value of 41 characters/);
    assert.deepEqual([e.line, e.character], [1, 24]);
    assert.ok(Date.now() - t < 10000);
  });
  it('the same pattern still matches ordinary values, short and long', async () => {
    const rows = [{ U: 'aaaa' }, { U: 'a'.repeat(30) }, { U: 'aab' }].map((r) => JSON.stringify(r)).join('\n');
    const r = await previewKql('q.kql', 'T | where U matches regex "^(a+)+$" | extend n = strlen(U)', [{ source: 'T.ndjson', text: rows, format: 'ndjson' }]);
    assert.deepEqual(
      r.matches.map((m) => m.event.n),
      [4, 30],
    );
  });
});

describe('KQL preview set, encoding and hashing functions (their documentation examples)', () => {
  it('set_union, set_difference, set_intersect keep distinct values', async () => {
    assert.deepEqual(
      await row(
        'print u = set_union(dynamic([1, 2, 3]), dynamic([1, 2]), dynamic([4, 5])), d = set_difference(dynamic([1, 2, 3]), dynamic([1, 2])), i = set_intersect(dynamic([1, 2, 3]), dynamic([1, 2]), dynamic([2, 9])), n = set_union(dynamic([1]), "x")',
      ),
      { u: [1, 2, 3, 4, 5], d: [3], i: [2], n: null },
    );
  });
  it("tohex in two's complement and padded; hash_sha256; base64_decode_toarray; parse_urlquery; dynamic_to_json sorts keys", async () => {
    assert.deepEqual(
      await row(
        'print a = tohex(256), b = tohex(-256), c = tohex(256, 8), d = hash_sha256("World"), e = base64_decode_toarray("S3VzdG8="), f = parse_urlquery("k1=v1&k2=v%202")["Query Parameters"], g = dynamic_to_json(dynamic({"b": 1, "a": "x"}))',
      ),
      {
        a: '100',
        b: 'ffffffffffffff00',
        c: '00000100',
        d: '78ae647dc5544d227130a0682a51e30bc7777fbb6d8a8f17007463a3ecd1d524',
        e: [75, 117, 115, 116, 111],
        f: { k1: 'v1', k2: 'v 2' },
        g: '{"a":"x","b":1}',
      },
    );
  });
  it('max_of, min_of (nulls ignored), make_string, array_strcat', async () => {
    assert.deepEqual(
      await row(
        'print a = max_of(10, 1, -3, 17), b = min_of(10, 1, -3, 17), c = max_of(long(null), 5), d = max_of(long(null), long(null)), e = make_string(75, 117, 115, 116, 111), f = make_string(dynamic([75, 117]), 115), g = array_strcat(dynamic([1, "b"]), "-")',
      ),
      { a: 17, b: -3, c: 5, d: null, e: 'Kusto', f: 'Kus', g: '1-b' },
    );
  });
  it('deprecated aliases: columnifexists, arraylength', async () => {
    assert.deepEqual(
      await row('T | project a = columnifexists("Missing", "dflt"), b = columnifexists("X", "dflt"), c = arraylength(dynamic([1, 2]))', [{ X: 'x' }]),
      { a: 'dflt', b: 'x', c: 2 },
    );
  });
});
