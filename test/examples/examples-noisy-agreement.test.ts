/**
 * `domains/noisy-in-samples`, the inlay hints and the hover count each selection entry through the
 * rule's whole logic. This checks those counts against `tripline preview` itself on every Sigma
 * example rule and the bundled samples: an entry's count must equal the number of events preview
 * matches with the full rule whose value of the entry's field the entry matches (the same events
 * as the rule with that entry as the only value of its list, since a list is an OR).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Engine } from '../../server/src/engine/index';
import { entryMatcher } from '../../server/src/engine/domains/matching';
import { previewRule } from '../../server/src/engine/preview';
import { EventView } from '../../server/src/engine/preview/fields/resolve';
import { previewKql } from '../../server/src/engine/kql/preview';
import { bundledSamples, sampleHitsOf } from '../../server/src/engine/samples';
import { entryQuery } from '../../server/src/engine/samples/kql-entry-query';
import { EXAMPLES_DIR } from '../sample-labels';

const texts = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined || v === null ? [] : [String(v)]);

describe('noisy-in-samples counts agree with preview on every example rule', () => {
  const dir = join(EXAMPLES_DIR, 'sigma');
  const rules = readdirSync(dir).filter((f) => f.endsWith('.yml'));
  // One engine, as a front end holds it: its sample list feeds both the counts and the preview.
  const engine = new Engine();
  const sources = engine.samples().sources;
  let compared = 0;
  it('has example rules and bundled samples to compare', () => {
    assert.ok(rules.length >= 10 && sources.length >= 8);
  });
  for (const name of rules) {
    it(name, async () => {
      const path = join(dir, name);
      const text = readFileSync(path, 'utf8');
      const report = await engine.analyze(path, text);
      const hits = (sampleHitsOf(report.file)?.hits ?? []).filter((h) => h.scope === 'rule');
      if (hits.length === 0) return; // no selection entry with a field (a keyword or modifier-only rule)
      const result = await previewRule({ ruleText: text, rulePath: path }, sources, { limit: 1_000_000 });
      assert.equal(result.matches.length, result.matched);
      compared++;
      for (const h of hits) {
        const match = entryMatcher(h.entry);
        const expected = result.matches.filter((m) => texts(new EventView(m.event, { forced: null }).get(h.entry.field)).some(match)).length;
        assert.equal(h.hits + h.attackHits, expected, `${name}: '${h.entry.value}' counts ${h.hits}+${h.attackHits}, preview ${expected}`);
      }
    });
  }
  it('compared the counts of most example rules (the engine attached sample hits)', () => {
    assert.ok(compared >= rules.length / 2, `only ${compared} of ${rules.length} rules had counts`);
  });
});

/**
 * KQL and Sentinel examples: each selecting entry's count must equal what `tripline preview`
 * returns for the query with that entry as the only value of its list (its comparison ANDed into
 * its where, the query stopped before its first aggregation; entryQuery), read from the sample
 * files, baseline and labelled attack rows apart.
 */
describe('KQL noisy-in-samples counts agree with preview on every KQL and Sentinel example', () => {
  const files = ['kql', 'sentinel'].flatMap((d) => readdirSync(join(EXAMPLES_DIR, d)).filter((f) => /\.(kql|ya?ml)$/.test(f)).map((f) => join(EXAMPLES_DIR, d, f)));
  const engine = new Engine();
  const set = bundledSamples();
  // The examples query DeviceNetworkEvents: reading only its files keeps 40 previews fast (asserted below).
  const network = set.sources.filter((s) => /DeviceNetworkEvents/.test(s.source));
  const attack = new Set(set.sources.flatMap((s) => [...(set.attack.get(s.path ?? '') ?? [])].map((i) => `${s.source}\u0000${i}`)));
  it('has KQL and Sentinel examples', () => {
    assert.ok(files.length >= 3);
  });
  for (const path of files) {
    it(path.slice(EXAMPLES_DIR.length + 1), async () => {
      const report = await engine.analyze(path, readFileSync(path, 'utf8'));
      const hits = (sampleHitsOf(report.file)?.hits ?? []).filter((h) => h.entry.format === 'kql');
      const counted = hits.filter((h) => h.scope === 'rule');
      // Every selecting entry of the examples is inside the preview's subset: none falls back.
      assert.deepEqual(hits.filter((h) => h.entry.context.polarity === 'match' && h.scope !== 'rule').map((h) => `${h.entry.value}: ${h.fallback}`), []);
      assert.ok(counted.length > 0);
      let nonZero = 0;
      for (const h of counted) {
        const q = entryQuery(report.file, h.entry);
        assert.ok(q.text !== null);
        // A .kql file runs the blank-line-separated query under the cursor: keep the entry's query one block.
        const result = await previewKql('entry.kql', q.text.replace(/\n\s*\n/g, '\n'), network, { limit: 1_000_000 });
        assert.equal(result.table, 'DeviceNetworkEvents');
        assert.equal(result.matches.length, result.matched);
        const attackRows = result.matches.filter((m) => attack.has(`${m.source}\u0000${m.index}`)).length;
        assert.equal(`${h.hits}+${h.attackHits}`, `${result.matched - attackRows}+${attackRows}`, `'${h.entry.value}' (line ${h.entry.range.start.line + 1})`);
        if (result.matched > 0) nonZero++;
      }
      // The comparison means something only if some entries match sample rows.
      assert.ok(nonZero > 0, 'no entry matched any sample row');
    });
  }
});
