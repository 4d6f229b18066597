import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { sharedPath, skipWithoutShared } from '../../../../test/shared-data';
import { defaultConfig, mergeConfig } from '../config/config';
import { catalogFor, catalogVersionLine, shippedCatalog } from './load';

const catalog = shippedCatalog();

describe('shipped ATT&CK catalog', () => {
  it('is ATT&CK v19 with the counts of the v19 release notes', () => {
    assert.equal(catalog.version, '19.0');
    const active = (d: string, sub: boolean): number =>
      [...catalog.allTechniques()].filter((t) => t.domain === d && catalog.isActive(t) && t.id.includes('.') === sub).length;
    assert.equal(active('enterprise-attack', false), 222);
    assert.equal(active('enterprise-attack', true), 475);
    assert.equal(active('mobile-attack', false), 77);
    assert.equal(active('mobile-attack', true), 47);
    assert.ok(catalog.tactic('enterprise-attack', 'stealth'));
    assert.ok(catalog.tactic('enterprise-attack', 'defense-impairment'));
    assert.match(catalogVersionLine(), /ATT&CK® catalog 19\.0/);
  });

  it('knows the three seed techniques', () => {
    const acquire = catalog.technique('T1583.006')!;
    assert.equal(acquire.name, 'Web Services');
    assert.equal(acquire.domain, 'enterprise-attack');
    assert.deepEqual(acquire.platforms, ['PRE']);
    assert.deepEqual(catalog.techniqueTacticIds(acquire), ['TA0042']);
    assert.deepEqual([acquire.det, acquire.an, acquire.dc], [['DET0896'], ['AN2028'], ['DC0104']]);
    assert.ok(catalog.isPreOnly(acquire));
    const compromise = catalog.technique('t1584.006')!;
    assert.deepEqual([compromise.det, compromise.an], [['DET0882'], ['AN2014']]);
    assert.equal(catalog.displayName(compromise), 'Compromise Infrastructure: Web Services');
    const mobile = catalog.technique('T1481')!;
    assert.equal(mobile.domain, 'mobile-attack');
    assert.deepEqual(mobile.platforms, ['Android', 'iOS']);
    assert.deepEqual(catalog.techniqueTacticIds(mobile), ['TA0037']);
    assert.deepEqual(mobile.subtechniques, ['T1481.001', 'T1481.002', 'T1481.003']);
    assert.deepEqual(mobile.det, ['DET0672']);
  });

  it('follows revoked-by chains to a current technique', { skip: skipWithoutShared('attack/v19/techniques-v19.json') }, () => {
    assert.equal(catalog.resolve('T1086').final!.id, 'T1059.001');
    assert.equal(catalog.resolve('T1562.001').final!.id, 'T1685');
    const v19 = JSON.parse(readFileSync(sharedPath('attack', 'v19', 'techniques-v19.json'), 'utf8')) as {
      techniques: { id: string; revoked: boolean; revoked_by: string | null }[];
    };
    let chains = 0;
    for (const t of v19.techniques.filter((x) => x.revoked && x.revoked_by)) {
      const { final, chain } = catalog.resolve(t.id);
      assert.ok(final && !final.revoked, `${t.id} resolves to a technique that is not revoked`);
      if (chain.length > 1) chains++;
    }
    assert.ok(chains >= 1, 'some revocations go through another revoked id');
  });

  it('compares tactics within a domain: command-and-control is TA0011 or TA0037', () => {
    assert.equal(catalog.tactic('enterprise-attack', 'command-and-control')!.id, 'TA0011');
    assert.equal(catalog.tactic('mobile-attack', 'command-and-control')!.id, 'TA0037');
    assert.equal(catalog.tactic('ics-attack', 'command-and-control')!.id, 'TA0101');
    assert.deepEqual(catalog.tacticIds('enterprise-attack', 'defense-evasion'), ['TA0005', 'TA0112']);
    assert.deepEqual(catalog.tacticIds('mobile-attack', 'defense-evasion'), ['TA0030']);
  });

  it(
    'maps Defense Impairment to the former defense-evasion only because its techniques came from there',
    { skip: skipWithoutShared('attack/techniques.json') },
    () => {
      const v18 = JSON.parse(readFileSync(sharedPath('attack', 'techniques.json'), 'utf8')) as { techniques: { id: string; tactics: string[] }[] };
      const old = new Map(v18.techniques.map((t) => [t.id, t.tactics]));
      const moved = [...catalog.allTechniques()].filter((t) => catalog.isActive(t) && t.tactics.includes('defense-impairment') && old.has(t.id));
      assert.ok(moved.length > 40);
      for (const t of moved) assert.ok(old.get(t.id)!.includes('defense-evasion'), t.id);
    },
  );

  it('pairs namesakes across Enterprise and Mobile: T1481 ↔ T1102, with the same sub-techniques', () => {
    assert.equal(catalog.namesake(catalog.technique('T1481')!)!.id, 'T1102');
    assert.equal(catalog.namesake(catalog.technique('T1481.002')!)!.id, 'T1102.002');
    assert.equal(catalog.namesake(catalog.technique('T1102.003')!)!.id, 'T1481.003');
    assert.equal(catalog.namesake(catalog.technique('T1583.006')!), undefined);
  });

  it('tells an id from a newer release from a wrong one', () => {
    assert.equal(catalog.highestTechnique, 'T1690');
    assert.equal(catalog.likelyNewer('T1691'), true);
    assert.equal(catalog.likelyNewer('T1102.004'), true);
    assert.equal(catalog.likelyNewer('T1583.099'), false);
    assert.equal(catalog.likelyNewer('T1999'), false);
  });
});

describe('attack.bundles setting', () => {
  it('merges an official bundle over the shipped catalog', { skip: skipWithoutShared('attack/stix/mobile-attack-18.1-subset.json.gz') }, () => {
    const config = mergeConfig(defaultConfig(), { attack: { bundles: [sharedPath('attack', 'stix', 'mobile-attack-18.1-subset.json.gz')] } }, 'test');
    const { catalog: c, problem } = catalogFor(config);
    assert.equal(problem, undefined);
    assert.equal(c.data.domains['mobile-attack']!.version, '18.1');
    assert.ok(c.technique('T1685'), 'Enterprise v19 kept');
    assert.strictEqual(catalogFor(config).catalog, c, 'converted once');
  });

  it('falls back to the shipped catalog with a reason when a bundle cannot be read', () => {
    const config = mergeConfig(defaultConfig(), { attack: { bundles: ['/nonexistent/enterprise-attack-19.1.json'] } }, 'test');
    const { catalog: c, problem } = catalogFor(config);
    assert.strictEqual(c, catalog);
    assert.match(problem!, /cannot read .*enterprise-attack-19\.1\.json \(ENOENT\); using the shipped ATT&CK 19\.0 catalog/);
  });
});
