import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { previewInWorker, previewRule } from './index';
import { planParts, SPLIT_MIN_BYTES } from './split';
import { ruleText } from './testing';

const dir = mkdtempSync(join(tmpdir(), 'tripline-split-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const RULE = {
  ruleText: ruleText(
    `    selection:
        Initiated: 'true'
        DestinationHostname|endswith: 'pastebin.com'
    filter:
        Image|endswith: '\\chrome.exe'
    condition: selection and not filter`,
    '    product: windows\n    category: network_connection',
  ),
  rulePath: 'r.yml',
};

/** A large NDJSON file with matches, blank lines and broken lines spread through it. */
function bigFile(name: string, bytes: number): string {
  const p = join(dir, name);
  const fd = openSync(p, 'w');
  let written = 0;
  let i = 0;
  while (written < bytes) {
    const lines: string[] = [];
    for (let k = 0; k < 2000; k++, i++) {
      if (i % 9973 === 5) lines.push('{"broken": ');
      else if (i % 7919 === 3) lines.push('');
      else
        lines.push(
          JSON.stringify({
            EventID: 3,
            Initiated: 'true',
            DestinationHostname: i % 10 === 0 ? 'pastebin.com' : 'example.org',
            Image: i % 20 === 0 ? 'C:\\chrome.exe' : 'C:\\w.exe',
            n: i,
            pad: 'x'.repeat(60),
          }),
        );
    }
    const chunk = lines.join('\n') + '\n';
    writeSync(fd, chunk);
    written += Buffer.byteLength(chunk);
  }
  closeSync(fd);
  return p;
}

describe('preview split across worker threads', () => {
  const big = bigFile('big.ndjson', SPLIT_MIN_BYTES + (4 << 20));
  const small = join(dir, 'small.ndjson');
  writeFileSync(small, '{"EventID":3,"Initiated":"true","DestinationHostname":"pastebin.com","Image":"x"}\n{"oops"\n');

  it('plans ranges of a large NDJSON file at line starts, in order, covering it exactly', async () => {
    const parts = await planParts(
      [
        { source: small, path: small },
        { source: big, path: big },
      ],
      2,
    );
    assert.equal(parts.length, 2);
    const flat = parts.flat();
    assert.equal(flat[0].source, small);
    const ranges = flat.filter((s) => s.range).map((s) => s.range!);
    assert.equal(ranges.length, 2);
    assert.equal(ranges[0].start, 0);
    assert.equal(ranges[0].end, ranges[1].start);
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(big);
    assert.equal(ranges[1].end, bytes.length);
    assert.equal(bytes[ranges[1].start - 1], 10, 'a range starts after a line break');
    assert.deepEqual(await planParts([{ source: small, path: small }], 2), [[{ source: small, path: small }]], 'small inputs stay in one part');
  });

  it('gives exactly the single-thread result: counts, matches, indexes, skipped lines, sources', async () => {
    const samples = [
      { source: small, path: small },
      { source: big, path: big },
    ];
    const one = await previewInWorker(RULE, samples, { limit: 100000, workers: 1 });
    const two = await previewInWorker(RULE, samples, { limit: 100000, workers: 2 });
    const inproc = await previewRule(RULE, samples, { limit: 100000 });
    assert.ok(one.matched > 5000 && one.skipped.length > 10, `${one.matched} matches, ${one.skipped.length} skipped`);
    assert.equal(two.scanned, one.scanned);
    assert.equal(two.matched, one.matched);
    assert.deepEqual(
      two.matches.map((m) => `${m.source}#${m.index}:${String(m.event.n)}`),
      one.matches.map((m) => `${m.source}#${m.index}:${String(m.event.n)}`),
    );
    assert.deepEqual(two.skipped, one.skipped);
    assert.deepEqual(two.sources, one.sources);
    assert.deepEqual(one.skipped, inproc.skipped);
    assert.equal(one.matched, inproc.matched);
    // The limit keeps the first matches in input order.
    const limited = await previewInWorker(RULE, samples, { limit: 5, workers: 2 });
    assert.deepEqual(
      limited.matches.map((m) => m.index),
      one.matches.slice(0, 5).map((m) => m.index),
    );
    assert.equal(limited.matched, one.matched);
  });
});
