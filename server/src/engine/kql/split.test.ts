import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kqlFileSegmentAt, kqlFileSegments } from './segments';
import { splitKqlQueries } from './split';

const parts = (text: string): string[] => splitKqlQueries(text).map((s) => text.slice(s.start, s.end));

describe('splitKqlQueries: a .kql file as Log Analytics reads it', () => {
  it('separates queries at blank lines and drops comment-only blocks', () => {
    const text = '// Hunting pack\n// author: x\n\n// Query 1\nDeviceNetworkEvents\n| take 1\n\n   \nDeviceProcessEvents\n| take 2\n';
    assert.deepEqual(parts(text), ['// Query 1\nDeviceNetworkEvents\n| take 1', 'DeviceProcessEvents\n| take 2']);
  });

  it('keeps CRLF line ends out of the spans', () => {
    assert.deepEqual(parts('A\r\n| take 1\r\n\r\nB\r\n'), ['A\r\n| take 1', 'B']);
  });

  it('does not split at a blank line inside a ``` multi-line string', () => {
    const text = 'print x = ```line one\n\nline three```\n\nT | take 1';
    assert.deepEqual(parts(text), ['print x = ```line one\n\nline three```', 'T | take 1']);
  });

  it('ignores quotes and comment markers inside strings when judging a block', () => {
    // The `|` inside the string and after `//` do not make the block open.
    const text = 'T | where Url has "a|" // and |\n\nU | take 1';
    assert.deepEqual(parts(text), ['T | where Url has "a|" // and |', 'U | take 1']);
  });

  it('joins let statements separated by a blank line from the query that uses them', () => {
    const text = 'let Domains = dynamic(["a.com", "b.com"]);\n\nDeviceNetworkEvents\n| where RemoteUrl has_any (Domains)';
    assert.deepEqual(parts(text), [text]);
  });

  it('joins a block that continues the previous one (leading pipe, trailing operator, and/or)', () => {
    assert.deepEqual(parts('T\n| where A == 1\n\n| project A'), ['T\n| where A == 1\n\n| project A']);
    assert.deepEqual(parts('T\n| where A == 1 and\n\nB == 2'), ['T\n| where A == 1 and\n\nB == 2']);
    assert.deepEqual(parts('T\n| where A == 1\n\nand B == 2\n\nU'), ['T\n| where A == 1\n\nand B == 2', 'U']);
  });

  it('does not split inside an unclosed bracket (a function body with a blank line)', () => {
    const text = 'let f = (x: string) {\n    T\n    | where A == x\n\n    | project A\n};\nf("a")\n\nU | take 1';
    assert.deepEqual(parts(text), ['let f = (x: string) {\n    T\n    | where A == x\n\n    | project A\n};\nf("a")', 'U | take 1']);
    const text2 = 'T | where A in (\n  "x",\n\n  "y" // ) not counted\n)\n\nU';
    assert.deepEqual(parts(text2), ['T | where A in (\n  "x",\n\n  "y" // ) not counted\n)', 'U']);
  });

  it('does not let one unclosed bracket swallow the queries after it', () => {
    assert.deepEqual(parts('T | where (A == 1\n\nU | take 1\n\nV | take 2'), ['T | where (A == 1', 'U | take 1', 'V | take 2']);
  });

  it('does not mistake a word ending in "in" for the in operator', () => {
    assert.deepEqual(parts('T | project Domain\n\nU | take 1'), ['T | project Domain', 'U | take 1']);
  });

  it('returns nothing for an empty or comment-only file', () => {
    assert.deepEqual(parts(''), []);
    assert.deepEqual(parts('// nothing here\n\n// still nothing\n'), []);
  });
});

describe('kqlFileSegments and kqlFileSegmentAt', () => {
  const text = 'A | take 1\n\n// second\nB\n| take 2\n';
  it('maps query offsets to file offsets', () => {
    const [a, b] = kqlFileSegments(text);
    assert.equal(a.text, 'A | take 1');
    assert.equal(b.text, '// second\nB\n| take 2');
    const i = b.text.indexOf('B');
    assert.equal(text[b.map(i)], 'B');
    assert.equal(b.map(b.text.length), text.indexOf('2') + 1);
  });
  it('finds the query under an offset, the next one from a blank line, the last one past the end', () => {
    assert.equal(kqlFileSegmentAt(text, 3)?.text, 'A | take 1');
    assert.equal(kqlFileSegmentAt(text, text.indexOf('\n\n') + 1)?.text, '// second\nB\n| take 2');
    assert.equal(kqlFileSegmentAt(text, text.length)?.text, '// second\nB\n| take 2');
    assert.equal(kqlFileSegmentAt('// only a comment\n', 0), null);
  });
});
