import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSource } from '../document/source';
import { queryRange } from './ranges';
import { kqlSegments } from './segments';

function mapped(yaml: string): { text: string; at: (s: string) => string } {
  const file = loadSource('r.yaml', yaml);
  const seg = kqlSegments(file)[0];
  // The file text the range of the query's first occurrence of `s` covers.
  return {
    text: seg.text,
    at: (s) => {
      const i = seg.text.indexOf(s);
      const r = queryRange(file, seg, i, i + s.length);
      return file.text.slice(file.index.offset(r.start), file.index.offset(r.end));
    },
  };
}

const HEAD = 'name: x\nqueryFrequency: 1h\ntriggerOperator: gt\n';

describe('KQL segments: query offsets mapped back into the YAML', () => {
  it('literal block scalar, indented and with CRLF line ends', () => {
    const m = mapped(`${HEAD}query: |\r\n    T\r\n    | where A has "x"\r\n`);
    assert.equal(m.text, 'T\n| where A has "x"\n');
    assert.equal(m.at('where'), 'where');
    assert.equal(m.at('"x"'), '"x"');
  });
  it('folded block scalar', () => {
    const m = mapped(`${HEAD}query: >-\n  T\n  | where A has "x"\n`);
    assert.equal(m.text, 'T | where A has "x"');
    assert.equal(m.at('"x"'), '"x"');
  });
  it('double-quoted scalar with escapes', () => {
    const m = mapped(`${HEAD}query: "T | where A has \\"x\\" and B == 1"\n`);
    assert.equal(m.text, 'T | where A has "x" and B == 1');
    assert.equal(m.at('B == 1'), 'B == 1');
    assert.equal(m.at('"x"'), '\\"x\\"');
  });
  it('single-quoted and plain scalars', () => {
    assert.equal(mapped(`${HEAD}query: 'T | where A == ''x'' | take 1'\n`).at('take'), 'take');
    assert.equal(mapped(`${HEAD}query: T | where A == 1\n`).at('A == 1'), 'A == 1');
  });
});
