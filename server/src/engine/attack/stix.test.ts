import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sharedPath, skipWithoutShared } from '../../../../test/shared-data';
import { readBundleFile } from './bundle-file';
import { catalogCounts } from './counts';
import type { CatalogData } from './data';
import { convertBundles, summarize } from './stix';

const BUNDLE_NAMES = ['enterprise-attack-18.1-subset.json.gz', 'mobile-attack-18.1-subset.json.gz'].map((f) => join('attack', 'stix', f));
const SKIP = skipWithoutShared(...BUNDLE_NAMES, 'attack/techniques.json', 'attack/detections.json');
const bundles = (): string[] => BUNDLE_NAMES.map((f) => sharedPath(f));
const ROOT = join(__dirname, '..', '..', '..', '..', '..');

interface RefTechnique {
  id: string;
  name: string;
  domains: string[];
  tactics: string[];
  platforms: string[];
  parent: string | null;
  revoked: boolean;
  deprecated: boolean;
  revoked_by: string | null;
  detection_strategies: string[];
  analytics: string[];
  summary: string;
}

type Reference = {
  counts: Record<string, { active_techniques: number; active_subtechniques: number; revoked: number; deprecated: number }>;
  techniques: RefTechnique[];
};
type Detections = {
  detection_strategies: { domains: string[] }[];
  analytics: { domains: string[] }[];
  data_components: { domains: string[]; deprecated: boolean }[];
};
const inScope = (domains: string[]): boolean => domains.some((d) => d === 'enterprise-attack' || d === 'mobile-attack');

describe('STIX converter on the real ATT&CK v18.1 bundles', { skip: SKIP }, () => {
  // Read here, not at import: the suite body only runs when the shared data is there.
  const reference = JSON.parse(readFileSync(sharedPath('attack', 'techniques.json'), 'utf8')) as Reference;
  const detections = JSON.parse(readFileSync(sharedPath('attack', 'detections.json'), 'utf8')) as Detections;
  const data = convertBundles(bundles().map(readBundleFile));

  it("reproduces MITRE's counts per domain", () => {
    const c = catalogCounts(data);
    for (const d of ['enterprise-attack', 'mobile-attack'] as const) {
      const ref = reference.counts[d];
      assert.deepEqual(
        c.domains[d],
        { techniques: ref.active_techniques, subtechniques: ref.active_subtechniques, revoked: ref.revoked, deprecated: ref.deprecated },
        d,
      );
    }
    assert.deepEqual(c.domains['enterprise-attack'], { techniques: 216, subtechniques: 475, revoked: 132, deprecated: 12 });
    assert.deepEqual(c.domains['mobile-attack'], { techniques: 77, subtechniques: 47, revoked: 53, deprecated: 13 });
    assert.equal(c.detectionStrategies, detections.detection_strategies.filter((d) => inScope(d.domains)).length);
    assert.equal(c.detectionStrategies, 815);
    assert.equal(c.analytics, detections.analytics.filter((a) => inScope(a.domains)).length);
    assert.equal(c.dataComponents, detections.data_components.filter((x) => inScope(x.domains) && !x.deprecated).length);
    assert.equal(data.attackVersion, '18.1');
    assert.equal(data.tactics.filter((t) => t.domain === 'enterprise-attack').length, 14);
  });

  it('agrees with the reference extract on every Enterprise and Mobile technique', () => {
    const mine = new Map(data.techniques.map((t) => [t.id, t]));
    const refs = reference.techniques.filter((t) => inScope(t.domains));
    assert.equal(mine.size, refs.length);
    for (const r of refs) {
      const t = mine.get(r.id);
      assert.ok(t, r.id);
      assert.equal(t.name, r.name, r.id);
      assert.deepEqual([...t.tactics].sort(), [...r.tactics].sort(), r.id);
      assert.deepEqual(t.platforms, r.platforms, r.id);
      assert.equal(t.parent ?? null, r.parent, r.id);
      assert.equal(t.revoked === true, r.revoked, r.id);
      assert.equal(t.revokedBy ?? null, r.revoked_by, r.id);
      if (!r.revoked && !r.deprecated) {
        assert.deepEqual(t.det ?? [], [...r.detection_strategies].sort(), r.id);
        assert.deepEqual(t.an ?? [], [...r.analytics].sort(), r.id);
      }
    }
    const web = mine.get('T1583.006')!;
    assert.equal(web.summary, reference.techniques.find((t) => t.id === 'T1583.006')!.summary);
    assert.deepEqual(web.det, ['DET0896']);
    assert.deepEqual(web.an, ['AN2028']);
  });

  it('orders tactics by the matrix and reads kill chains per domain', () => {
    const c2 = data.tactics.find((t) => t.id === 'TA0037')!;
    assert.equal(c2.domain, 'mobile-attack');
    assert.equal(c2.shortname, 'command-and-control');
    const ent = data.tactics.filter((t) => t.domain === 'enterprise-attack' && t.order >= 0).sort((a, b) => a.order - b.order);
    assert.equal(ent[0].shortname, 'reconnaissance');
    assert.deepEqual(data.techniques.find((t) => t.id === 'T1481')!.tactics, ['command-and-control']);
  });

  it('keeps domains a bundle does not cover from the base catalog', () => {
    const shipped = JSON.parse(readFileSync(join(ROOT, 'data', 'attack', 'catalog.json'), 'utf8')) as CatalogData;
    const merged = convertBundles([readBundleFile(bundles()[1])], shipped);
    assert.equal(merged.domains['mobile-attack']!.version, '18.1');
    assert.equal(merged.domains['enterprise-attack']!.version, '19.0');
    assert.ok(merged.techniques.some((t) => t.id === 'T1685'));
    assert.equal(merged.attackVersion, '19.0');
  });

  it('summarises descriptions to their first sentence, without citations or link targets', () => {
    assert.equal(
      summarize('Adversaries may use [Web Service](https://attack.mitre.org/techniques/T1102) for C2.(Citation: X) More text.'),
      'Adversaries may use Web Service for C2.',
    );
  });
});

describe('npm run attack:update', { skip: SKIP }, () => {
  it('rebuilds a catalog from bundles, and the shipped catalog exactly from the shared v19 data', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tripline-attack-test-'));
    try {
      const out = join(dir, 'catalog.json');
      const r = spawnSync(process.execPath, ['scripts/attack-update.mjs', '--out', out, '--no-base', ...bundles()], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /enterprise-attack 18\.1: 216 techniques, 475 sub-techniques active; 132 revoked, 12 deprecated/);
      assert.match(r.stdout, /mobile-attack 18\.1: 77 techniques, 47 sub-techniques active; 53 revoked, 13 deprecated/);
      const built = JSON.parse(readFileSync(out, 'utf8')) as CatalogData;
      assert.equal(built.techniques.length, 835 + 190);

      const shippedOut = join(dir, 'shipped.json');
      const s = spawnSync(process.execPath, ['scripts/attack-update.mjs', '--from-shared', sharedPath('attack'), '--out', shippedOut], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      assert.equal(s.status, 0, s.stderr);
      assert.equal(
        readFileSync(shippedOut, 'utf8'),
        readFileSync(join(ROOT, 'data', 'attack', 'catalog.json'), 'utf8'),
        'data/attack/catalog.json is not what --from-shared builds: rerun npm run attack:update -- --from-shared ../shared/attack',
      );

      const bad = spawnSync(process.execPath, ['scripts/attack-update.mjs', '--out', join(dir, 'x.json'), join(dir, 'missing.json')], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /cannot read ATT&CK bundle .*missing\.json: ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
