import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, findings } from '../testing';

/** A Sigma rule with the given tags (one per line), logsource and detection. */
function sigma(
  tags: string[],
  logsource: string,
  detection = "    selection:\n        DestinationHostname|endswith: '.example.org'\n    condition: selection",
): string {
  return `title: Test rule
id: 5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a11
status: test
description: test
author: tests
date: 2026-01-01
tags:
${tags.map((t) => `    - ${t}`).join('\n')}
logsource:
${logsource}
detection:
${detection}
level: medium
`;
}

const WIN_NET = '    product: windows\n    category: network_connection';
const PROXY = '    category: proxy';
const ANDROID = '    product: android\n    category: network_connection';

function sentinel(tactics: string[], techniques: string[], query = 'DeviceNetworkEvents\n  | where RemoteUrl has "api.telegram.org"'): string {
  return `id: 0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0
name: Telegram bot API from endpoints
description: test
severity: Medium
queryFrequency: 1h
queryPeriod: 1h
triggerOperator: gt
triggerThreshold: 0
tactics:
${tactics.map((t) => `  - ${t}`).join('\n')}
relevantTechniques:
${techniques.map((t) => `  - ${t}`).join('\n')}
query: |
  ${query}
`;
}

describe('attack/unknown-technique', () => {
  it('is silent on the seed techniques and their neighbours', async () => {
    const text = sigma(
      ['attack.resource-development', 'attack.t1583.006', 'attack.t1584.006', 'attack.command-and-control', 'attack.t1102.002', 'attack.t1567.002'],
      PROXY,
    );
    assert.deepEqual(await findings(text, 'attack/unknown-technique'), []);
  });

  it('reports an id that does not exist, with near ids as fixes', async () => {
    const text = sigma(['attack.resource-development', 'attack.t1583.099'], PROXY);
    const [f] = await findings(text, 'attack/unknown-technique');
    assert.equal(f.severity, 'error');
    assert.equal(f.text, 'attack.t1583.099');
    assert.match(f.message, /T1583\.099 is not an ATT&CK technique/);
    assert.ok(
      f.fixes!.some((x) => x.title.startsWith('Change to attack.t1583.006')),
      JSON.stringify(f.fixes!.map((x) => x.title)),
    );
  });

  it('treats an id just past the catalog as probably newer: a warning, not an error', async () => {
    const [f] = await findings(sigma(['attack.stealth', 'attack.t1691'], WIN_NET), 'attack/unknown-technique');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /likely from a newer ATT&CK release: update the catalog/);
    const [sub] = await findings(sigma(['attack.command-and-control', 'attack.t1102.004'], WIN_NET), 'attack/unknown-technique');
    assert.equal(sub.severity, 'warning');
    const [far] = await findings(sigma(['attack.command-and-control', 'attack.t1999'], WIN_NET), 'attack/unknown-technique');
    assert.equal(far.severity, 'error');
  });

  it('suggests technique ids for a technique written by name', async () => {
    const text = sigma(['attack.command-and-control', 'attack.web-service'], PROXY);
    const [f] = await findings(text, 'attack/unknown-technique');
    assert.match(f.message, /T1102 Web Service \(Enterprise\), or T1481 Web Service \(Mobile\)/);
    assert.match(applyEdits(text, f.fixes![0].edits), /- attack\.t1102\n/);
    assert.deepEqual(await findings(text, 'attack/tag-format'), []);
    const [g] = await findings(sigma(['attack.resource-development', 'attack.acquire-infrastructure-web-services'], PROXY), 'attack/unknown-technique');
    assert.equal(g.fixes![0].edits[0].newText, 'attack.t1583.006');
  });

  it('knows ICS techniques (Sentinel IoT rules use them)', async () => {
    assert.deepEqual(await findings(sentinel(['LateralMovement'], ['T0886']), 'attack/unknown-technique'), []);
  });

  it('ranks suggestions by what the rule watches before numeric closeness', async () => {
    const telegram = "    selection:\n        cs-host: 'api.telegram.org'\n        c-uri|contains: '/bot'\n    condition: selection";
    const text = sigma(['attack.command-and-control', 'attack.t1102.009'], PROXY, telegram);
    const [f] = await findings(text, 'attack/unknown-technique');
    assert.match(f.fixes![0].title, /T1102\.002/i, 'a bot-API rule observes bidirectional communication, not .001');
    assert.equal(f.fixes![0].preferred, true);
    assert.match(f.message, /T1102\.002 fits what the rule watches \(Telegram/);
    // Without services in the rule, plain closeness decides (the lowest sibling first), nothing preferred.
    const [g] = await findings(sigma(['attack.command-and-control', 'attack.t1102.009'], PROXY), 'attack/unknown-technique');
    assert.match(g.fixes![0].title, /T1102\.001/i);
    assert.ok(g.fixes!.every((x) => !x.preferred));
  });

  it('reads Sentinel relevantTechniques', async () => {
    const [f] = await findings(sentinel(['CommandAndControl'], ['T1102.002', 'T1102.009']), 'attack/unknown-technique', { path: 'rule.yaml' });
    assert.equal(f.text, 'T1102.009');
  });
});

describe('attack/deprecated-technique', () => {
  it('replaces revoked T1086 with T1059.001', async () => {
    const text = sigma(['attack.execution', 'attack.t1086'], '    product: windows\n    category: process_creation');
    const [f] = await findings(text, 'attack/deprecated-technique');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /T1086 PowerShell is revoked.*T1059\.001/);
    const fixed = applyEdits(text, f.fixes![0].edits);
    assert.match(fixed, /- attack\.t1059\.001\n/);
    assert.doesNotMatch(fixed, /t1086/);
  });

  it("follows v19's revocation T1562.001 → T1685 and adds the new tactic", async () => {
    const text = sigma(['attack.stealth', 'attack.t1562.001'], '    product: windows\n    category: process_creation');
    const [f] = await findings(text, 'attack/deprecated-technique');
    assert.match(f.message, /T1685 Disable or Modify Tools/);
    const fixed = applyEdits(text, f.fixes![0].edits);
    assert.match(fixed, /- attack\.t1685\n    - attack\.defense-impairment\n/);
    assert.deepEqual(await findings(fixed, 'attack/deprecated-technique'), []);
    assert.deepEqual(await findings(fixed, 'attack/tactic-mismatch'), []);
  });

  it('works on Sentinel ids, keeping their spelling', async () => {
    const text = sentinel(['DefenseEvasion'], ['T1562.001']);
    const [f] = await findings(text, 'attack/deprecated-technique');
    const fixed = applyEdits(text, f.fixes![0].edits);
    assert.match(fixed, /relevantTechniques:\n  - T1685\n/);
  });
});

describe('attack/tactic-mismatch', () => {
  it('reports a technique none of whose tactics is tagged, and adds it', async () => {
    const text = sigma(['attack.execution', 'attack.t1102.002'], WIN_NET);
    const [f] = await findings(text, 'attack/tactic-mismatch');
    assert.equal(f.text, 'attack.t1102.002');
    assert.match(f.message, /command-and-control \(TA0011\)/);
    const fixed = applyEdits(text, f.fixes![0].edits);
    assert.deepEqual(await findings(fixed, 'attack/tactic-mismatch'), []);
  });

  it('compares tactics within the technique’s domain (Mobile C2 is TA0037)', async () => {
    const text = sigma(['attack.command-and-control', 'attack.t1481.002'], ANDROID);
    assert.deepEqual(await findings(text, 'attack/tactic-mismatch'), []);
  });

  it("accepts the former 'defense-evasion' for both halves of the v19 split", async () => {
    assert.deepEqual(await findings(sigma(['attack.defense-evasion', 'attack.t1685'], WIN_NET), 'attack/tactic-mismatch'), []);
    assert.deepEqual(await findings(sigma(['attack.defense-evasion', 'attack.t1027'], WIN_NET), 'attack/tactic-mismatch'), []);
  });

  it('reads Sentinel tactics in PascalCase and adds the missing one there', async () => {
    const text = sentinel(['Execution'], ['T1102.002']);
    const [f] = await findings(text, 'attack/tactic-mismatch');
    const fixed = applyEdits(text, f.fixes![0].edits);
    assert.match(fixed, /tactics:\n  - Execution\n  - CommandAndControl\n/);
    assert.deepEqual(await findings(sentinel(['CommandAndControl'], ['T1102.002']), 'attack/tactic-mismatch'), []);
  });
});

describe('attack/platform-mismatch', () => {
  it('flags Mobile T1481.002 on product: windows and swaps to T1102.002', async () => {
    const text = sigma(['attack.command-and-control', 'attack.t1481.002'], WIN_NET);
    const [f] = await findings(text, 'attack/platform-mismatch');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /Mobile technique.*T1102\.002/);
    const fixed = applyEdits(text, f.fixes![0].edits);
    assert.match(fixed, /- attack\.t1102\.002\n/);
    assert.deepEqual(await findings(fixed, 'attack/platform-mismatch'), []);
  });

  it('flags a Mobile technique on a desktop category without product', async () => {
    const text = sigma(['attack.command-and-control', 'attack.t1481'], '    category: process_creation');
    assert.equal((await findings(text, 'attack/platform-mismatch')).length, 1);
  });

  it('accepts a Mobile rule on product: android, and offers T1481 for Enterprise T1102 there', async () => {
    assert.deepEqual(await findings(sigma(['attack.command-and-control', 'attack.t1481.001'], ANDROID), 'attack/platform-mismatch'), []);
    const text = sigma(['attack.command-and-control', 'attack.t1102'], ANDROID);
    const [f] = await findings(text, 'attack/platform-mismatch');
    assert.match(applyEdits(text, f.fixes![0].edits), /- attack\.t1481\n/);
  });

  it('does not judge proxy, DNS or firewall rules: they see phones too', async () => {
    assert.deepEqual(await findings(sigma(['attack.command-and-control', 'attack.t1481'], PROXY), 'attack/platform-mismatch'), []);
    assert.deepEqual(await findings(sigma(['attack.command-and-control', 'attack.t1481.003'], '    category: dns'), 'attack/platform-mismatch'), []);
  });
});

describe('attack/pre-technique', () => {
  const telegram = "    selection:\n        DestinationHostname|endswith: '.api.telegram.org'\n    condition: selection";
  it('explains T1583.006 alone on a network_connection rule and adds T1102.002 for a bot API', async () => {
    const text = sigma(['attack.resource-development', 'attack.t1583.006'], WIN_NET, telegram);
    const [f] = await findings(text, 'attack/pre-technique');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /outside the victim's view/);
    assert.match(f.message, /Telegram/);
    assert.match(f.fixes![0].title, /t1102\.002/);
    const fixed = applyEdits(text, f.fixes![0].edits);
    assert.match(fixed, /- attack\.t1583\.006\n    - attack\.t1102\.002\n    - attack\.command-and-control\n/);
    assert.deepEqual(await findings(fixed, 'attack/pre-technique'), []);
  });

  it('picks exfiltration for webhooks and cloud storage, download for raw paste content', async () => {
    const one = async (host: string): Promise<string> => {
      const [f] = await findings(
        sigma(['attack.resource-development', 'attack.t1584.006'], PROXY, `    selection:\n        c-uri|contains: '${host}'\n    condition: selection`),
        'attack/pre-technique',
      );
      return f.fixes![0].title;
    };
    assert.match(await one('discord.com/api/webhooks/'), /t1567\.004|t1102\.002/);
    assert.match(await one('hooks.slack.com/services/'), /t1567\.004/);
    assert.match(await one('content.dropboxapi.com'), /t1567\.002/);
    assert.match(await one('pastebin.com/raw/'), /t1105/);
  });

  it('is information with the generic Web Service when the rule names no service', async () => {
    const [f] = await findings(sigma(['attack.resource-development', 'attack.t1583.006'], WIN_NET), 'attack/pre-technique');
    assert.equal(f.severity, 'information');
    assert.match(f.fixes![0].title, /t1102 /);
  });

  it('is silent when the rule also maps an operational technique', async () => {
    const text = sigma(['attack.resource-development', 'attack.t1583.006', 'attack.command-and-control', 'attack.t1102.002'], WIN_NET, telegram);
    assert.deepEqual(await findings(text, 'attack/pre-technique'), []);
  });

  it('reads Sentinel queries too', async () => {
    const text = sentinel(['ResourceDevelopment'], ['T1583.006']);
    const [f] = await findings(text, 'attack/pre-technique');
    const fixed = applyEdits(text, f.fixes![0].edits);
    assert.match(fixed, /relevantTechniques:\n  - T1583\.006\n  - T1102\.002\n/);
    assert.match(fixed, /tactics:\n  - ResourceDevelopment\n  - CommandAndControl\n/);
  });
});

describe('attack/tag-format', () => {
  it('rewrites old and malformed spellings', async () => {
    const cases: [string, string][] = [
      ['attack.resource_development', 'attack.resource-development'],
      ['attack.T1102', 'attack.t1102'],
      ['Attack.t1102', 'attack.t1102'],
      ['attack.t1102_002', 'attack.t1102.002'],
      ['attack.Command-And-Control', 'attack.command-and-control'],
      ['attack.ta0011', 'attack.command-and-control'],
      ['attack.t1102.2', 'attack.t1102.002'],
    ];
    for (const [bad, good] of cases) {
      const text = sigma(['attack.command-and-control', bad, 'attack.t1102'], PROXY);
      const [f] = await findings(text, 'attack/tag-format');
      assert.ok(f, bad);
      assert.equal(f.text, bad);
      assert.equal(applyEdits(text, f.fixes![0].edits).includes(`    - ${good}\n`), true, `${bad} → ${good}`);
    }
  });

  it('names the v19 successors of defense-evasion, as information', async () => {
    const text = sigma(['attack.defense-evasion', 'attack.t1685'], WIN_NET);
    const [f] = await findings(text, 'attack/tag-format');
    assert.equal(f.severity, 'information');
    assert.match(f.fixes![0].title, /defense-impairment/);
  });

  it('leaves correct tags and other namespaces alone', async () => {
    const text = sigma(
      [
        'attack.command-and-control',
        'attack.t1102.002',
        'attack.g0010',
        'attack.s0029',
        'cve.2021-44228',
        'car.2016-04-005',
        'detection.emerging-threats',
        'tlp.white',
      ],
      PROXY,
    );
    assert.deepEqual(await findings(text, 'attack/tag-format'), []);
  });

  it('hints at Sentinel tactics in the wrong case; warns at spaces in analytics rules', async () => {
    const [hint] = await findings(sentinel(['CommandandControl'], ['T1102.002']), 'attack/tag-format');
    assert.equal(hint.severity, 'hint');
    const [warn] = await findings(sentinel(['Command and control'], ['T1102.002']), 'attack/tag-format');
    assert.equal(warn.severity, 'warning');
    assert.equal(warn.fixes![0].edits[0].newText, 'CommandAndControl');
  });
});

describe('attack fixes in other list shapes, and catalog problems', () => {
  it('adds to a flow list and creates a missing tags list', async () => {
    const flow = sigma([], WIN_NET).replace('tags:\n\n', 'tags: [attack.execution, attack.t1102.002]\n');
    const [f] = await findings(flow, 'attack/tactic-mismatch');
    assert.match(applyEdits(flow, f.fixes![0].edits), /tags: \[attack\.execution, attack\.t1102\.002, attack\.command-and-control\]\n/);
    const sentinelNoTactics = sentinel([], ['T1102.002']).replace('tactics:\n\n', '');
    const [g] = await findings(sentinelNoTactics, 'attack/tactic-mismatch');
    assert.match(g.message, /the rule names no tactic/);
    assert.match(applyEdits(sentinelNoTactics, g.fixes![0].edits), /tactics:\n  - CommandAndControl\nrelevantTechniques:/);
  });

  it('reports unreadable attack.bundles once per file and keeps checking with the shipped catalog', async () => {
    const text = sigma(['attack.command-and-control', 'attack.t1102.002'], WIN_NET);
    const config = { attack: { bundles: ['/nonexistent/enterprise-attack-19.1.json'] } };
    const [f] = await findings(text, 'attack/catalog', { config });
    assert.match(f.message, /cannot read .*ENOENT.*shipped ATT&CK 19\.0 catalog/);
    assert.deepEqual(await findings(text, 'attack/unknown-technique', { config }), []);
  });
});
