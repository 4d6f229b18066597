import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../engine/analyze';
import { rule } from '../../engine/checks/testing';
import { domainEntries } from '../../engine/domains/extractors';
import type { EntryHits } from '../../engine/samples';
import { compactCount, hitHints, MAX_HINT_LINE } from './inlay';

const LONG = `a${'b'.repeat(70)}.example.com`;

async function entriesOf(): Promise<{ hits: (value: string, n: number, attack?: number) => EntryHits; lineText: (line: number) => string }> {
  const text = rule(`    selection:
        DestinationHostname|endswith:
            - '.dropboxapi.com'
            - '.pastebin.com'
            - '.${LONG}'
            - '.mega.nz'
    condition: selection`);
  const report = await analyzeText('rule.yml', text);
  const entries = domainEntries(report.file);
  return {
    hits: (value, n, attack = 0) => {
      const entry = entries.find((e) => e.value === value);
      assert.ok(entry, value);
      return { entry, hits: n, attackHits: attack, events: 4000, top: [], scope: 'entry', overBudget: 0 };
    },
    lineText: (line) => report.file.index.lineText(line),
  };
}

describe('inlay hints on domain lists', () => {
  it('counts compactly: a hint stays a few characters wide', () => {
    assert.deepEqual([7, 999, 1000, 3425, 12_500, 1_250_000].map(compactCount), ['7', '999', '1k', '3.4k', '13k', '1.3M']);
  });
  it('labels only entries with hits, short, with the share in the tooltip', async () => {
    const { hits, lineText } = await entriesOf();
    const hints = hitHints(
      { hits: [hits('.dropboxapi.com', 3425), hits('.pastebin.com', 0), hits('.mega.nz', 0, 2)], sources: 3, baselineEvents: 4000 },
      lineText,
    );
    assert.deepEqual(
      hints.map((h) => h.label),
      ['3.4k hits', '2 attack'],
    );
    assert.ok(hints.every((h) => h.label.length <= 10));
    assert.match(hints[0].tooltip, /Sample telemetry \(3 files\): '\.dropboxapi\.com' matches 86% of the baseline sample events/);
    assert.equal(hints[0].position.character, lineText(hints[0].position.line).length, 'right after the entry');
  });
  it('leaves long lines bare (they would be cut off in a split editor)', async () => {
    const { hits, lineText } = await entriesOf();
    const long = hits(`.${LONG}`, 50);
    assert.ok(lineText(long.entry.range.end.line).length > MAX_HINT_LINE);
    assert.deepEqual(
      hitHints({ hits: [long, hits('.mega.nz', 1)], sources: 1, baselineEvents: 4000 }, lineText).map((h) => h.label),
      ['1 hit'],
    );
    assert.deepEqual(hitHints(undefined, lineText), []);
  });
});
