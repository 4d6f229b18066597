import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attackRef, attackRefAt, tokenAt } from '../../client/src/commands/attack-url';

describe('ATT&CK page for the tag under the cursor', () => {
  const tactics = new Map([
    ['command-and-control', 'TA0011'],
    ['resource-development', 'TA0042'],
  ]);

  it('finds the token around the cursor, at its edges too', () => {
    const line = '    - attack.t1583.006 # acquired';
    assert.equal(tokenAt(line, 6), 'attack.t1583.006');
    assert.equal(tokenAt(line, 22), 'attack.t1583.006');
    assert.equal(tokenAt(line, 14), 'attack.t1583.006');
    assert.equal(tokenAt(line, 2), null);
  });

  it('builds technique and sub-technique addresses from Sigma tags and Sentinel ids', () => {
    assert.deepEqual(attackRef('attack.t1583.006'), { id: 'T1583.006', url: 'https://attack.mitre.org/techniques/T1583/006/' });
    assert.deepEqual(attackRef('attack.t1481'), { id: 'T1481', url: 'https://attack.mitre.org/techniques/T1481/' });
    assert.deepEqual(attackRef('T1102.002'), { id: 'T1102.002', url: 'https://attack.mitre.org/techniques/T1102/002/' });
    assert.equal(attackRefAt('relevantTechniques:\n  - T1567.004', 0), null);
    assert.equal(attackRefAt('  - T1567.004', 6)?.id, 'T1567.004');
  });

  it('groups, software, campaigns; tactics through the catalog, old underscore spelling included', () => {
    assert.equal(attackRef('attack.g0007')?.url, 'https://attack.mitre.org/groups/G0007/');
    assert.equal(attackRef('attack.s0154')?.url, 'https://attack.mitre.org/software/S0154/');
    assert.equal(attackRef('attack.c0024')?.url, 'https://attack.mitre.org/campaigns/C0024/');
    assert.equal(attackRef('attack.command-and-control', tactics)?.url, 'https://attack.mitre.org/tactics/TA0011/');
    assert.equal(attackRef('attack.command_and_control', tactics)?.id, 'TA0011');
    assert.equal(attackRef('attack.command-and-control'), null, 'no catalog, no guess');
  });

  it('ignores what is not ATT&CK', () => {
    assert.equal(attackRef('cve.2021-44228', tactics), null);
    assert.equal(attackRef('attack.t158'), null);
    assert.equal(attackRef('selection', tactics), null);
    assert.equal(attackRef('detection.emerging-threats', tactics), null);
  });
});
