import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UNKNOWN } from './access';
import { RawLineAccess, unescapeJson } from './raw-access';

describe('raw-line field access', () => {
  it('decodes string escapes exactly as JSON.parse does', () => {
    const bodies = ['C:\\\\Windows\\\\cmd.exe', 'a\\"b', '\\/\\b\\f\\n\\r\\t', '\\u00e9t\\u00E9', '\\ud83d\\ude00', 'end\\\\', 'x\\u0041y'];
    for (const b of bodies) assert.equal(unescapeJson(b), JSON.parse(`"${b}"`), b);
  });

  it('is UNKNOWN where JSON.parse would throw', () => {
    for (const b of ['a\\x', 'a\\u12', 'a\\u12g4', 'tab\there\\n', 'a\\']) {
      assert.throws(() => JSON.parse(`"${b}"`), b);
      assert.equal(unescapeJson(b), UNKNOWN, b);
    }
  });

  it('reads each line’s own values as the cursor moves down a chunk', () => {
    const lines = ['{"Image":"C:\\\\a.exe","N":1}', '{"N":2}', '{"Image":"b","Image":"c"}', '{"Image":{"x":1}}'];
    const text = lines.join('\n');
    const raw = new RawLineAccess();
    raw.setChunk(text);
    const seen: unknown[] = [];
    let at = 0;
    for (const l of lines) {
      const flat = raw.reset(at, at + l.length);
      seen.push(flat ? [raw.value('Image'), raw.value('N')] : 'nested');
      at += l.length + 1;
    }
    assert.deepEqual(seen, [['C:\\a.exe', 1], [UNKNOWN, 2], ['c', UNKNOWN], 'nested']);
  });
});
