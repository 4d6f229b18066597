import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, findings } from '../testing';

const SENTINEL = (query: string, extra = '') => `id: 5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a11
name: Test rule
description: test
severity: Medium
requiredDataConnectors: []
queryFrequency: 1h
queryPeriod: 1h
triggerOperator: gt
triggerThreshold: 0
tactics:
  - CommandAndControl
relevantTechniques:
  - T1102
${extra}query: |
${query
  .split('\n')
  .map((l) => (l ? `  ${l}` : ''))
  .join('\n')}
kind: Scheduled
version: 1.0.0
`;

const GOOD = `let WebServiceDomains = dynamic(["discord.com", "pastebin.com"]);
DeviceNetworkEvents
| where InitiatingProcessFileName in~ ("powershell.exe", "cmd.exe")
| where RemoteUrl has_any (WebServiceDomains)
| project Timestamp, DeviceName, RemoteUrl`;

describe('kql/syntax', () => {
  it('accepts a valid query in a .kql file and in a Sentinel rule', async () => {
    assert.deepEqual(await findings(GOOD, 'kql/syntax', { path: 'q.kql' }), []);
    assert.deepEqual(await findings(SENTINEL(GOOD), 'kql/syntax'), []);
  });

  it('reports a missing parenthesis on the line that leaves it open (.kql)', async () => {
    const text = GOOD.replace('"cmd.exe")', '"cmd.exe"');
    const f = await findings(text, 'kql/syntax', { path: 'q.kql' });
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'error');
    assert.equal(f[0].range.start.line, 2);
    assert.equal(f[0].text, '(');
    assert.match(f[0].message, /never closed: expected "\)"/);
    assert.match(f[0].message, /KS005/);
  });

  it('points at the unclosed parenthesis even when the parser notices it lines later', async () => {
    const text = 'DeviceNetworkEvents\n| where (RemoteUrl has "x"\n| where RemotePort == 443\n| take 1\n';
    const f = await findings(text, 'kql/syntax', { path: 'q.kql' });
    assert.equal(f.length, 1);
    assert.equal(f[0].range.start.line, 1);
    assert.equal(f[0].text, '(');
  });

  it('maps the position into the YAML block scalar of a Sentinel rule', async () => {
    const text = SENTINEL(GOOD.replace('"cmd.exe")', '"cmd.exe"'));
    const f = await findings(text, 'kql/syntax');
    assert.equal(f.length, 1);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('"cmd.exe"'));
    assert.equal(f[0].range.start.line, line);
    assert.equal(f[0].text, '(');
    assert.equal(lines[line].slice(f[0].range.start.character - 5, f[0].range.start.character + 1), ' in~ (');
  });

  it('maps positions in folded and quoted query scalars', async () => {
    const folded = SENTINEL('x').replace(/query: \|\n  x\n/, 'query: >-\n  DeviceNetworkEvents\n  | where RemoteUrl has ("a"\n  | take 1\n');
    const f = await findings(folded, 'kql/syntax');
    assert.equal(f.length, 1);
    assert.equal(f[0].text, '(');
    assert.equal(
      f[0].range.start.line,
      folded.split('\n').findIndex((l) => l.includes('("a"')),
    );
    const quoted = SENTINEL('x').replace(/query: \|\n  x\n/, 'query: "DeviceNetworkEvents | where RemoteUrl has \\"a\\" and (X == 1"\n');
    const g = await findings(quoted, 'kql/syntax');
    assert.equal(g.length, 1);
    assert.equal(g[0].text, '(');
    assert.equal(
      g[0].range.start.character,
      quoted
        .split('\n')
        .find((l) => l.startsWith('query:'))!
        .indexOf('(X'),
    );
  });

  it("reports an unquoted regex (the corpus rule on Microsoft's skip list)", async () => {
    const f = await findings(SENTINEL('DeviceFileEvents\n| extend Ext = extract(@(\\.\\w+)$, 1, FileName)'), 'kql/syntax');
    assert.ok(f.length >= 1);
    // Kusto reads `@` as the start of a verbatim string that never comes, then stops at the `(`.
    assert.equal(f[0].text, '(');
  });
});

describe('kql/unknown-name', () => {
  it('accepts known tables and columns', async () => {
    assert.deepEqual(await findings(GOOD, 'kql/unknown-name', { path: 'q.kql' }), []);
  });

  it('flags misspelt columns with a case-sensitive suggestion and fix', async () => {
    const text = GOOD.replace('RemoteUrl has_any', 'RemoteURL has_any').replace('InitiatingProcessFileName in~', 'InitiatingProcessFilename in~');
    const f = await findings(text, 'kql/unknown-name', { path: 'q.kql' });
    assert.deepEqual(
      f.map((d) => d.text),
      ['InitiatingProcessFilename', 'RemoteURL'],
    );
    assert.equal(f[0].severity, 'warning');
    assert.match(f[1].message, /Did you mean `RemoteUrl`\? KQL names are case-sensitive/);
    assert.equal(applyEdits(text, f[1].fixes![0].edits).includes('RemoteUrl has_any'), true);
  });

  it('flags an unknown table and suggests the closest one', async () => {
    const f = await findings(GOOD.replace('DeviceNetworkEvents', 'DeviceNetworkEvent'), 'kql/unknown-name', { path: 'q.kql' });
    assert.equal(f.length, 1);
    assert.match(f[0].message, /Unknown table or function `DeviceNetworkEvent`\. Did you mean `DeviceNetworkEvents`\?/);
  });

  it('knows custom tables from the configuration', async () => {
    const q = 'MyProxy_CL | where Url_s has "discord.com" | project Url_s';
    const without = await findings(q, 'kql/unknown-name', { path: 'q.kql' });
    assert.equal(without.length, 1);
    assert.match(without[0].message, /kql\.tables/);
    const withTable = await findings(q, 'kql/unknown-name', {
      path: 'q.kql',
      config: { kql: { tables: { MyProxy_CL: { Url_s: 'string', TimeGenerated: 'datetime' } } } },
    });
    assert.deepEqual(withTable, []);
  });

  it('leaves ASIM parser functions and dynamic property names alone', async () => {
    assert.deepEqual(await findings('imDns | where DnsQuery has "x"', 'kql/unknown-name', { path: 'q.kql' }), []);
    assert.deepEqual(await findings('AuditLogs | extend p = columnifexists("P", "") | where p.displayName == "x"', 'kql/unknown-name', { path: 'q.kql' }), []);
  });

  it('runs in Sentinel rules, pointing into the YAML', async () => {
    const text = SENTINEL(GOOD.replace('| project Timestamp', '| project TimeStamp'));
    const f = await findings(text, 'kql/unknown-name');
    assert.equal(f.length, 1);
    assert.equal(f[0].text, 'TimeStamp');
  });
});

describe('kql/unknown-name: one finding per unknown name, no cascades', () => {
  it('knows current Microsoft first-party tables (Defender XDR, Entra ID, Sentinel)', async () => {
    const q = [
      'AADSignInEventsBeta | where Timestamp > ago(1d) | where ErrorCode == 0 | project AccountUpn, Application',
      'IdentityDirectoryEvents | where ActionType == "Group Membership changed" | project Timestamp, AccountName',
      'DeviceTvmSoftwareVulnerabilities | where VulnerabilitySeverityLevel == "Critical" | project DeviceName, CveId',
      'Anomalies | where Score > 0.5 | project TimeGenerated, AnomalyTemplateName',
      'AADManagedIdentitySignInLogs | where ResultType != "0" | project ServicePrincipalName',
      'AADUserRiskEvents | where RiskLevel == "high" | project UserPrincipalName',
    ].join('\n\n');
    assert.deepEqual(await findings(q, 'kql/unknown-name', { path: 'hunt.kql' }), []);
  });

  it('reports a column newer than the schemas as information with the fix, not as a misspelling', async () => {
    const f = await findings(
      'DeviceProcessEvents\n| where InitiatingProcessVersionInfoCompanyName has "Microsoft"\n| project InitiatingProcessVersionInfoCompanyName',
      'kql/unknown-name',
      { path: 'q.kql' },
    );
    assert.equal(f.length, 1, 'one finding per unknown column in a query');
    assert.equal(f[0].severity, 'information');
    assert.match(f[0].message, /kql\.tables/);
    assert.doesNotMatch(f[0].message, /Did you mean/);
  });

  it('reports an unknown table once, as information, and none of its columns', async () => {
    const q =
      'NewVendorEvents_CL\n| where Url_s has "discord.com"\n| extend Host = tostring(parse_url(Url_s).Host)\n| project TimeGenerated, Host, Computer_s\n\nNewVendorEvents_CL | summarize count() by User_s';
    const f = await findings(q, 'kql/unknown-name', { path: 'q.kql' });
    assert.deepEqual(
      f.map((d) => d.text),
      ['NewVendorEvents_CL'],
    );
    assert.equal(f[0].severity, 'information');
    assert.match(f[0].message, /declare it under `kql\.tables`/);
  });

  it('does not cascade from an unknown table joined or unioned with a known one', async () => {
    const q =
      'DeviceNetworkEvents\n| join kind=inner (SomeVendorTable | project DeviceName, VendorScore) on DeviceName\n| where VendorScore > 5\n| project DeviceName, VendorScore';
    const f = await findings(q, 'kql/unknown-name', { path: 'q.kql' });
    assert.deepEqual(
      f.map((d) => d.text),
      ['SomeVendorTable'],
    );
  });

  it('warns with "did you mean" only for a close candidate', async () => {
    const f = await findings('DeviceNetworkEvent | take 1\n\nDevicNetworkEvents | take 1', 'kql/unknown-name', { path: 'q.kql' });
    assert.deepEqual(
      f.map((d) => [d.text, d.severity]),
      [
        ['DeviceNetworkEvent', 'warning'],
        ['DevicNetworkEvents', 'warning'],
      ],
    );
  });
});

describe('.kql files with several queries', () => {
  const FILE = `// Web-service C2 hunting pack
// Run the query under the cursor.

// 1. Processes talking to paste sites
let PasteSites = dynamic(["pastebin.com", "paste.ee"]);
DeviceNetworkEvents
| where RemoteUrl has_any (PasteSites)
| project Timestamp, DeviceName, RemoteUrl

// 2. Discord webhooks
DeviceNetworkEvents
| where RemoteUrl has "discord.com/api/webhooks"
| summarize count() by DeviceName

// 3. Sign-ins from new places (newer table)
AADSignInEventsBeta
| where Timestamp > ago(7d)
| project AccountUpn, Country
`;
  it('analyses each blank-line separated query alone: no syntax error, no unknown name', async () => {
    assert.deepEqual(await findings(FILE, 'kql/syntax', { path: 'pack.kql' }), []);
    assert.deepEqual(await findings(FILE, 'kql/unknown-name', { path: 'pack.csl' }), []);
  });

  it('reports a problem in one query at its place in the file, and keeps the other queries checked', async () => {
    const text = FILE.replace('| summarize count() by DeviceName', '| summarize count() by (DeviceName').replace('project AccountUpn', 'project AccountUPN');
    const syntax = await findings(text, 'kql/syntax', { path: 'pack.kql' });
    assert.equal(syntax.length, 1);
    assert.equal(
      syntax[0].range.start.line,
      text.split('\n').findIndex((l) => l.includes('by (DeviceName')),
    );
    const names = await findings(text, 'kql/unknown-name', { path: 'pack.kql' });
    assert.deepEqual(
      names.map((d) => [d.text, d.range.start.line]),
      [['AccountUPN', text.split('\n').findIndex((l) => l.includes('AccountUPN'))]],
    );
  });

  it('keeps a Sentinel query block one query, blank lines and all', async () => {
    const f = await findings(SENTINEL('DeviceNetworkEvents\n\n| where RemoteUrl has "x"\n\n| take 1'), 'kql/syntax');
    assert.deepEqual(f, []);
    const g = await findings(SENTINEL('let x = 1;\n\nDeviceNetworkEvents\n\n| where RemotePort == x'), 'kql/unknown-name');
    assert.deepEqual(g, []);
  });
});

describe('kql.tables configuration', () => {
  it('rejects a column type Kusto does not have, naming the place', async () => {
    await assert.rejects(
      findings('T', 'kql/unknown-name', { path: 'q.kql', config: { kql: { tables: { T: { A: 'varchar' } } } } }),
      /kql\.tables\["T"\]\["A"\] must be a Kusto type/,
    );
    await assert.rejects(
      findings('T', 'kql/unknown-name', { path: 'q.kql', config: { kql: { tables: { T: ['A'] } } } }),
      /kql\.tables\["T"\] must be an object/,
    );
  });
});
