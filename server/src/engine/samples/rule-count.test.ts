import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { loadSource } from '../document/source';
import { previewRule } from '../preview';
import { findProfile, profileAdmits } from '../preview/fields/profiles';
import { EventView } from '../preview/fields/resolve';
import { compileLogsource, LOGSOURCE_ENTRIES } from '../preview/logsource';
import { compileRule } from '../preview/compile/rule';
import { matchEvent } from '../preview';
import { collectRuleFiles } from '../workspace/files';
import { sharedPath, skipWithoutShared } from '../../../../test/shared-data';
import { candidateGroups, countOnIndex } from './rule-count';
import { bundledSamples } from './sources';
import { DEFAULT_INDEX_FIELDS, SampleIndex } from './value-index';

const EXAMPLES = join(__dirname, '..', '..', '..', '..', '..', 'examples', 'sigma');

/**
 * The CodeLens count from the sample index must be the preview's count: the same events read,
 * the same `matchEvent`, and only groups skipped whose events the logsource rejects.
 */
describe('rule counts from the sample index', () => {
  let index: SampleIndex;
  const { sources, attack } = bundledSamples();
  before(async () => {
    index = new SampleIndex(sources, attack);
    await index.add(DEFAULT_INDEX_FIELDS);
  });

  it('equals the full preview for every example rule on the bundled samples', async () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yml'));
    assert.ok(files.length >= 10, `${files.length} example rules`);
    let withMatches = 0;
    for (const f of files) {
      const rulePath = join(EXAMPLES, f);
      const ruleText = readFileSync(rulePath, 'utf8');
      const rule = loadSource(rulePath, ruleText).sigma.find((r) => r.type === 'detection');
      if (!rule) continue;
      const counted = countOnIndex(index, rule);
      const preview = await previewRule({ ruleText, rulePath }, sources, { limit: 1 });
      assert.ok(counted, `${f}: counted from the index`);
      assert.deepEqual(
        [counted.matched, counted.scanned, counted.unreadable],
        [preview.matched, preview.scanned, preview.skipped.filter((s) => s.index >= 0).length],
        f,
      );
      if (preview.matched > 0) withMatches++;
    }
    assert.ok(withMatches >= 5, `${withMatches} example rules match something: the comparison is not all zeros`);
  });

  it('skips a group only when the logsource or the shape of its events rejects each of them (every SigmaHQ logsource mapping)', () => {
    const logsources = new Map<string, { category?: string; product?: string; service?: string }>();
    for (const e of LOGSOURCE_ENTRIES) logsources.set(JSON.stringify([e.category, e.product, e.service]), e);
    let skippedGroups = 0;
    for (const ls of logsources.values()) {
      const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      const located = (v?: string) => (v === undefined ? undefined : { value: v, range: at });
      const filter = compileLogsource({ range: at, keyRange: at, category: located(ls.category), product: located(ls.product), service: located(ls.service) });
      const category = ls.category?.toLowerCase() ?? null;
      for (const group of index.groups.values()) {
        const shapeAdmits = profileAdmits(group.profile === null ? null : (findProfile(group.profile) ?? null), category);
        if (shapeAdmits && filter.test((f) => group.logsource[f]) !== 0) continue;
        skippedGroups++;
        for (const id of group.ids.slice(0, 25)) {
          const view = new EventView(index.event(id), { forced: null });
          const rejected = !profileAdmits(view.currentProfile(), category) || filter.test((f) => view.get(f)) === 0;
          assert.ok(rejected, `${JSON.stringify(ls)} skips group ${group.key} but would evaluate event ${id}`);
        }
      }
    }
    assert.ok(skippedGroups > 50, `${skippedGroups} groups skipped across the mappings`);
  });

  it(
    'skips a group for a rule only when matchEvent rejects its events (SigmaHQ network, DNS, proxy and process rules)',
    { skip: skipWithoutShared('corpus/sigmahq/rules') },
    () => {
      const folders = ['windows/network_connection', 'windows/dns_query', 'web/proxy_generic', 'windows/process_creation', 'network/dns'];
      const files = folders.flatMap((f) => collectRuleFiles([sharedPath('corpus', 'sigmahq', 'rules', ...f.split('/'))])).filter((_, i) => i % 4 === 0);
      let rules = 0;
      let skips = 0;
      for (const path of files) {
        const rule = loadSource(path, readFileSync(path, 'utf8')).sigma.find((r) => r.type === 'detection');
        if (!rule) continue;
        let compiled;
        try {
          compiled = compileRule(rule);
        } catch {
          continue;
        }
        rules++;
        const kept = new Set(candidateGroups(index, compiled));
        for (const group of index.groups.values()) {
          if (kept.has(group)) continue;
          skips++;
          for (const id of group.ids.filter((_, i) => i % 97 === 0).slice(0, 40))
            assert.equal(matchEvent(compiled, index.event(id)).matched, false, `${path} skips group ${group.key} but matches event ${id}`);
        }
      }
      assert.ok(rules > 100 && skips > rules, `${rules} rules, ${skips} groups skipped`);
    },
  );
});
