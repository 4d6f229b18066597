import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { AttackCatalog } from '../../attack/catalog';
import { convertBundles } from '../../attack/stix';
import { applyEdits, findings, rule } from '../testing';

/** A small STIX bundle in the official shape: groups and software, one merged away, one deprecated. */
const ref = (id: string): { source_name: string; external_id: string }[] => [{ source_name: 'mitre-attack', external_id: id }];
const BUNDLE = {
  type: 'bundle',
  id: 'bundle--1',
  objects: [
    { type: 'x-mitre-matrix', id: 'x-mitre-matrix--1', name: 'Enterprise ATT&CK', external_references: ref('enterprise-attack'), tactic_refs: [] },
    { type: 'intrusion-set', id: 'intrusion-set--a', name: 'APT29', external_references: ref('G0016') },
    { type: 'intrusion-set', id: 'intrusion-set--b', name: 'Old Name', revoked: true, external_references: ref('G0099') },
    { type: 'malware', id: 'malware--a', name: 'Cobalt Strike', external_references: ref('S0154') },
    { type: 'tool', id: 'tool--a', name: 'Retired Tool', x_mitre_deprecated: true, external_references: ref('S0002') },
    { type: 'relationship', id: 'relationship--1', relationship_type: 'revoked-by', source_ref: 'intrusion-set--b', target_ref: 'intrusion-set--a' },
  ],
};

const dir = mkdtempSync(join(tmpdir(), 'tripline-entities-'));
const bundlePath = join(dir, 'enterprise-attack-19.1.json');
writeFileSync(bundlePath, JSON.stringify(BUNDLE));
after(() => rmSync(dir, { recursive: true, force: true }));

const SEL = "    selection:\n        Image|endswith: '\\\\cmd.exe'\n    condition: selection";
const tagged = (...tags: string[]): string => rule(SEL, `tags:\n${tags.map((t) => `    - ${t}\n`).join('')}`);
const withBundle = { config: { attack: { bundles: [bundlePath] } } };

describe('ATT&CK groups and software in the catalog', () => {
  it('the converter keeps groups and software with names, revoked-by and deprecated', () => {
    const data = convertBundles([{ name: 'enterprise-attack-19.1.json', bundle: BUNDLE }]);
    assert.deepEqual(data.groups, [
      { id: 'G0016', name: 'APT29', type: 'group' },
      { id: 'G0099', name: 'Old Name', type: 'group', revoked: true, revokedBy: 'G0016' },
    ]);
    assert.deepEqual(data.software, [
      { id: 'S0002', name: 'Retired Tool', type: 'tool', deprecated: true },
      { id: 'S0154', name: 'Cobalt Strike', type: 'malware' },
    ]);
    const catalog = new AttackCatalog(data);
    assert.equal(catalog.resolveEntity('g0099')?.id, 'G0016');
    assert.ok(catalog.hasEntities('group') && catalog.hasEntities('software'));
  });
  it('a base catalog without them stays without them', () => {
    const data = convertBundles([{ name: 'enterprise-attack-19.1.json', bundle: { type: 'bundle', objects: BUNDLE.objects.slice(0, 1) } }]);
    assert.equal(data.groups, undefined);
    assert.equal(new AttackCatalog(data).hasEntities('group'), false);
  });
});

describe('attack/unknown-group-software', () => {
  const code = 'attack/unknown-group-software';
  it('reports ids the catalog does not list, on the tag', async () => {
    const f = await findings(tagged('attack.g0016', 'attack.g9999', 'attack.s0154', 'attack.s9999'), code, withBundle);
    assert.deepEqual(
      f.map((x) => [x.text, x.severity]),
      [
        ['attack.g9999', 'warning'],
        ['attack.s9999', 'warning'],
      ],
    );
  });
  it('says nothing when the catalog has no groups or software (the shipped one)', async () => {
    assert.deepEqual(await findings(tagged('attack.g9999', 'attack.s9999'), code), []);
  });
});

describe('attack/deprecated-group-software', () => {
  const code = 'attack/deprecated-group-software';
  it('replaces a merged group with the group it went into', async () => {
    const text = tagged('attack.g0099');
    const f = await findings(text, code, withBundle);
    assert.equal(f.length, 1);
    assert.equal(f[0].text, 'attack.g0099');
    assert.match(f[0].message, /G0016 APT29/);
    const fixed = applyEdits(text, f[0].fixes![0].edits);
    assert.ok(fixed.includes('    - attack.g0016\n'));
    assert.deepEqual(await findings(fixed, code, withBundle), []);
  });
  it('reports deprecated software without a replacement, and leaves current ids alone', async () => {
    const f = await findings(tagged('attack.s0002', 'attack.s0154', 'attack.g0016'), code, withBundle);
    assert.deepEqual(
      f.map((x) => x.text),
      ['attack.s0002'],
    );
    assert.match(f[0].message, /deprecated/);
  });
});
