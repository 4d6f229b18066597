import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sharedPath, skipWithoutShared } from '../../../../../test/shared-data';
import { applyEdits, findings, rule, TEST_SAMPLE_HITS } from '../testing';
import { analyzeText } from '../../analyze';

const hosts = (field: string, values: string[], extra = ''): string =>
  rule(`    selection:
        ${field}:
${values.map((v) => `            - '${v}'`).join('\n')}
${extra}    condition: selection`);

const codes = async (text: string, code: string): Promise<string[]> => (await findings(text, code)).map((f) => f.text);

describe('domains/public-suffix', () => {
  it('accepts specific tenants, path-multi-tenant exact hosts and exact suffix apexes', async () => {
    const text = hosts('DestinationHostname|endswith', ['.evil-app.workers.dev', 'raw.githubusercontent.com', 'storage.googleapis.com', '.api.telegram.org']);
    assert.deepEqual(await codes(text, 'domains/public-suffix'), []);
    assert.deepEqual(await codes(hosts('DestinationHostname', ['workers.dev', 'pages.dev']), 'domains/public-suffix'), []);
  });
  it('reports private suffixes and catalog multi-tenant platforms, saying what they match', async () => {
    const f = await findings(
      hosts('DestinationHostname|endswith', ['.workers.dev', 'pages.dev', '.firebaseio.com', '.devtunnels.ms']),
      'domains/public-suffix',
    );
    assert.deepEqual(
      f.map((x) => x.text),
      ["'.workers.dev'", "'pages.dev'", "'.firebaseio.com'", "'.devtunnels.ms'"],
    );
    assert.match(f[0].message, /every Cloudflare Workers site/);
    assert.match(f[0].message, /public suffix/);
    assert.match(f[2].message, /not on the Public Suffix List/);
    // None of these platforms is heavy in enterprise traffic: information, saying why.
    assert.ok(f.every((x) => x.severity === 'information'));
    assert.match(f[0].message, /seldom reaches Cloudflare Workers/);
    assert.deepEqual(f[0].fixes?.[0].command, { id: 'tripline.addToAllowlist', args: ['workers.dev'] });
  });
  it('warns in a selection on a platform enterprise traffic uses heavily, when the rule is not about it', async () => {
    const f = await findings(hosts('DestinationHostname|endswith', ['.azurewebsites.net', '.sharepoint.com', '.cloudfront.net']), 'domains/public-suffix');
    assert.deepEqual(
      f.map((x) => x.severity),
      ['warning', 'warning', 'warning'],
    );
    assert.match(f[0].message, /Ordinary enterprise traffic reaches it all day/);
  });
  it('information where the rule is about that platform (title, description, several of its domains)', async () => {
    const about = (title: string, values: string[]): string => hosts('DestinationHostname|endswith', values).replace(/^title: .*$/m, `title: ${title}`);
    const front = await findings(about('Potentially Suspicious Azure Front Door Connection', ['.azurefd.net']), 'domains/public-suffix');
    assert.equal(front[0].severity, 'information');
    assert.match(front[0].message, /the rule is about Azure Front Door/);
    const ngrok = await findings(about('Tunnel Client Connection', ['.ngrok.dev']), 'domains/public-suffix');
    assert.match(ngrok[0].message, /the rule is about ngrok/);
    const cf = await findings(about('Cloudflared Quick Tunnel Execution', ['trycloudflare.com']), 'domains/public-suffix');
    assert.match(cf[0].message, /the rule is about Cloudflare Quick Tunnels/);
    // Not about it: a generic dead-drop list naming App Service warns.
    const generic = await findings(about('Dead Drop Resolver Domains', ['.azurewebsites.net', '.pastebin.com']), 'domains/public-suffix');
    assert.equal(generic[0].severity, 'warning');
    // Several domains of one heavy platform in one rule make the rule about it.
    const s3 = await findings(about('Suspicious Bucket Access', ['.s3.amazonaws.com', '.blob.core.windows.net']), 'domains/public-suffix');
    assert.ok(s3.every((x) => x.severity === 'warning'));
  });
  it('reports contains and leading-wildcard forms too, and a bare TLD as information', async () => {
    const f = await findings(hosts('QueryName|contains', ['trycloudflare.com']) + '', 'domains/public-suffix');
    assert.equal(f.length, 1);
    const w = await findings(hosts('DestinationHostname', ['*.ngrok-free.app']), 'domains/public-suffix');
    assert.equal(w.length, 1);
    const tld = await findings(hosts('cs-host|endswith', ['.top']), 'domains/public-suffix');
    assert.equal(tld.length, 1);
    assert.equal(tld[0].severity, 'information');
    assert.match(tld[0].message, /registered under '\.top'/);
  });
  it('lowers the severity when the list is ANDed with a narrow process selection', async () => {
    const text = rule(`    selection_img:
        Image|endswith: '\\\\rundll32.exe'
    selection_dom:
        DestinationHostname|endswith: '.workers.dev'
    condition: all of selection_*`);
    const f = await findings(text, 'domains/public-suffix');
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'information');
    assert.match(f[0].message, /ANDed with Image\|endswith in selection_img/);
  });
  it('ignores entries in a filter under not, and allowlisted suffixes', async () => {
    const text = rule(`    selection:
        Initiated: 'true'
    filter:
        DestinationHostname|endswith: '.workers.dev'
    condition: selection and not filter`);
    assert.deepEqual(await codes(text, 'domains/public-suffix'), []);
    const f = await findings(hosts('DestinationHostname|endswith', ['.workers.dev']), 'domains/public-suffix', {
      config: { domains: { allowlist: ['workers.dev'] } },
    });
    assert.deepEqual(f, []);
  });
});

describe('domains/no-dot-boundary', () => {
  it('accepts dotted suffixes and dotless hosts below a registrable domain', async () => {
    assert.deepEqual(
      await codes(hosts('DestinationHostname|endswith', ['.dropboxapi.com', 'cdn.discordapp.com', 'storage.googleapis.com']), 'domains/no-dot-boundary'),
      [],
    );
    assert.deepEqual(await codes(hosts('DestinationHostname', ['dropboxapi.com', '*.dropboxapi.com']), 'domains/no-dot-boundary'), []);
  });
  it('reports a dotless registrable domain and explains the look-alike', async () => {
    const f = await findings(hosts('DestinationHostname|endswith', ['dropboxapi.com']), 'domains/no-dot-boundary');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /evildropboxapi\.com/);
    // In a selection the look-alike is harmless over-match.
    assert.equal(f[0].severity, 'information');
    assert.match(f[0].message, /in a selection/);
  });
  it('nothing on dotless values (IP octets, TLDs) or below a registrable domain', async () => {
    assert.deepEqual(await codes(hosts('cs-host|endswith', ['1', '2', 'com']), 'domains/no-dot-boundary'), []);
    assert.deepEqual(await codes(hosts('DestinationHostname|endswith', ['cdn.discordapp.com', 'api.dropboxapi.com']), 'domains/no-dot-boundary'), []);
  });
  it('entry-scoped fixes on an endswith list: the dot plus an exact-match map, or the dot alone; short titles', async () => {
    const text = hosts('DestinationHostname|endswith', ['dropboxapi.com', '.pastebin.com', 'cdn.discordapp.com']);
    const f = await findings(text, 'domains/no-dot-boundary');
    assert.deepEqual(
      f.map((x) => x.text),
      ["'dropboxapi.com'"],
    );
    const titles = f[0].fixes!.map((x) => x.title);
    assert.deepEqual(titles, [
      "Use '.dropboxapi.com' + exact 'dropboxapi.com'",
      "Add the dot: '.dropboxapi.com'",
      "Allowlist 'dropboxapi.com' (sanctioned service)",
    ]);
    for (const t of titles) assert.ok(t.length <= 50, `${t.length} characters: ${t}`);
    // Keeping the exact host: the map becomes a list of two maps (OR); the endswith list keeps its modifier and its other entries.
    const fixed = applyEdits(text, f[0].fixes![0].edits);
    assert.ok(
      fixed.includes(`    selection:
        - DestinationHostname|endswith:
              - '.dropboxapi.com'
              - '.pastebin.com'
              - 'cdn.discordapp.com'
        - DestinationHostname: 'dropboxapi.com'
    condition: selection`),
      fixed,
    );
    assert.deepEqual(await codes(fixed, 'domains/no-dot-boundary'), []);
    const report = await analyzeText('rule.yml', fixed);
    assert.deepEqual(
      report.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code),
      [],
      'the rewritten rule is valid Sigma',
    );
    const dot = f[0].fixes![1];
    assert.equal(dot.preferred, true, 'the dot alone is what fix-all applies (it never restructures a map)');
    assert.equal(applyEdits(text, dot.edits), text.replace("- 'dropboxapi.com'", "- '.dropboxapi.com'"));
  });
  it('keeps the other keys of the map in the exact-match alternative, and appends to a list of maps', async () => {
    const single = rule(`    selection:
        Image|endswith: '\\rclone.exe'
        DestinationHostname|endswith: ['mega.nz', 'x.example.org']
    condition: selection`);
    const f = await findings(single, 'domains/no-dot-boundary');
    assert.equal(f.length, 1);
    const fixed = applyEdits(single, f[0].fixes![0].edits);
    assert.ok(
      fixed.includes(`    selection:
        - Image|endswith: '\\rclone.exe'
          DestinationHostname|endswith: ['.mega.nz', 'x.example.org']
        - Image|endswith: '\\rclone.exe'
          DestinationHostname: 'mega.nz'
    condition: selection`),
      fixed,
    );
    const maps = rule(`    selection:
        - Image|endswith: '\\rclone.exe'
          DestinationHostname|endswith:
              - 'mega.nz'
        - Image|endswith: '\\curl.exe'
    condition: selection`);
    const g = await findings(maps, 'domains/no-dot-boundary');
    const appended = applyEdits(maps, g[0].fixes![0].edits);
    assert.ok(
      appended.includes(`        - Image|endswith: '\\rclone.exe'
          DestinationHostname|endswith:
              - '.mega.nz'
        - Image|endswith: '\\rclone.exe'
          DestinationHostname: 'mega.nz'
        - Image|endswith: '\\curl.exe'`),
      appended,
    );
    assert.deepEqual(await codes(appended, 'domains/no-dot-boundary'), []);
  });
  it('"Fix all no-dot-boundary in this list" dots every unbounded entry of that list only', async () => {
    const text = rule(`    selection:
        DestinationHostname|endswith:
            - 'dropboxapi.com'
            - 'mega.nz'
            - '.pastebin.com'
    other:
        QueryName|endswith: 'telegram.org'
    condition: selection or other`);
    const f = await findings(text, 'domains/no-dot-boundary');
    assert.deepEqual(
      f.map((x) => x.text),
      ["'dropboxapi.com'", "'mega.nz'", "'telegram.org'"],
    );
    const all = f[0].fixes!.find((x) => x.title.startsWith('Fix all'))!;
    assert.equal(all.title, 'Fix all no-dot-boundary in this list: add dots');
    assert.ok(!all.preferred);
    const fixed = applyEdits(text, all.edits);
    assert.deepEqual(
      (await findings(fixed, 'domains/no-dot-boundary')).map((x) => x.text),
      ["'telegram.org'"],
      'the other list is left alone',
    );
    assert.match(fixed, /- '\.dropboxapi\.com'\n {12}- '\.mega\.nz'\n {12}- '\.pastebin\.com'/);
    assert.ok(!f[2].fixes!.some((x) => x.title.startsWith('Fix all')), 'no list-wide action on a one-entry list');
  });
  it('splits a plain wildcard entry inside its own list', async () => {
    const text = rule(`    selection:
        DestinationHostname: ['*mega.nz', 'x.example.org']
    condition: selection`);
    const f = await findings(text, 'domains/no-dot-boundary');
    assert.equal(f.length, 1);
    const fixed = applyEdits(text, f[0].fixes![0].edits);
    assert.match(fixed, /\['\*\.mega\.nz', 'mega\.nz', 'x\.example\.org'\]/);
  });
  it('in a filter (exclusion), warns: a look-alike registration bypasses the rule', async () => {
    const text = rule(`    selection:
        Initiated: 'true'
    filter:
        Image|endswith: '\\\\Dropbox.exe'
        DestinationHostname|endswith: 'dropbox.com'
    condition: selection and not filter`);
    const f = await findings(text, 'domains/no-dot-boundary');
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'warning');
    assert.match(f[0].message, /evildropbox\.com.*bypasses the rule/);
  });
  it('an exclusion warns even when the rule is about the service excluded', async () => {
    const text = rule(`    selection:
        Image|endswith: '\\rclone.exe'
    filter:
        DestinationHostname|endswith: 'microsoft.com'
    condition: selection and not filter`).replace(/^title: .*$/m, 'title: Rclone Connection Outside Microsoft');
    const f = await findings(text, 'domains/no-dot-boundary');
    assert.equal(f[0].severity, 'warning');
    assert.match(f[0].message, /evilmicrosoft\.com/);
  });
});

describe('domains/high-prevalence', () => {
  it('accepts specific hosts of popular parents and unpopular services', async () => {
    assert.deepEqual(await codes(hosts('DestinationHostname|endswith', ['.technet.microsoft.com', '.paste.ee', '.rentry.co']), 'domains/high-prevalence'), []);
  });
  it('reports very popular parents and services', async () => {
    const f = await findings(hosts('DestinationHostname|endswith', ['.google.com', '.facebook.com', '.docs.google.com']), 'domains/high-prevalence');
    assert.deepEqual(
      f.map((x) => [x.text, x.severity]),
      [
        ["'.google.com'", 'warning'],
        ["'.facebook.com'", 'warning'],
        ["'.docs.google.com'", 'warning'],
      ],
    );
    assert.match(f[1].message, /Facebook/);
    assert.deepEqual(f[0].fixes?.[0].command, { id: 'tripline.addToAllowlist', args: ['google.com'] });
  });
  it('reports tier high and exact matches as information', async () => {
    const f = await findings(hosts('DestinationHostname|endswith', ['.dropbox.com']), 'domains/high-prevalence');
    assert.equal(f[0].severity, 'information');
    const e = await findings(hosts('DestinationHostname', ['google.com']), 'domains/high-prevalence');
    assert.equal(e[0].severity, 'information');
  });
  it('leaves URLs with a path and identifiers compared for equality alone', async () => {
    assert.deepEqual(await codes(hosts('CommandLine|contains', ['https://github.com/gentilkiwi/mimikatz/releases']), 'domains/high-prevalence'), []);
    assert.deepEqual(await codes(hosts('eventSource', ['s3.amazonaws.com']), 'domains/high-prevalence'), []);
  });
});

describe('domains/malformed', () => {
  it('accepts hosts, IPs, CIDRs with the cidr modifier, empty exact values and URLs in URL fields', async () => {
    assert.deepEqual(await codes(hosts('DestinationHostname', ['api.telegram.org', '10.1.2.3', '']), 'domains/malformed'), []);
    assert.deepEqual(await codes(hosts('DestinationIp|cidr', ['10.0.0.0/8']), 'domains/malformed'), []);
    assert.deepEqual(await codes(hosts('c-uri|contains', ['https://pastebin.com/raw/']), 'domains/malformed'), []);
  });
  it('reports scheme, path, trailing slash, port, whitespace, empty label and CIDR in host fields', async () => {
    const text = hosts('DestinationHostname|endswith', [
      'https://evil.example',
      'ghostbin.co/',
      'x.example/a',
      'x.example:8080',
      ' x.example',
      'a..example',
      '10.0.0.0/8',
    ]);
    const f = await findings(text, 'domains/malformed');
    assert.equal(f.length, 7);
    assert.match(f[0].message, /scheme/);
    assert.match(f[1].message, /ends with '\/'/);
    assert.match(f[3].message, /port/);
    assert.match(f[6].message, /cidr modifier/);
    assert.ok(f.every((x) => x.severity === 'warning'));
  });
  it('strips what does not belong to the host', async () => {
    const text = hosts('DestinationHostname|endswith', ['ghostbin.co/', 'https://Evil.example:443/x', '.x.example/']);
    const f = await findings(text, 'domains/malformed');
    const fixed = f.reduce((t, x) => applyEdits(t, x.fixes![0].edits), text);
    assert.match(fixed, /- 'ghostbin\.co'\n {12}- 'Evil\.example'\n {12}- '\.x\.example'/);
    assert.deepEqual(await codes(fixed, 'domains/malformed'), []);
  });
  it('reports a trailing root dot as information and an empty endswith as matching everything', async () => {
    const f = await findings(hosts('QueryName|endswith', ['.evil.example.', '']), 'domains/malformed');
    assert.deepEqual(
      f.map((x) => x.severity),
      ['information', 'warning'],
    );
    assert.match(f[1].message, /matches every host/);
  });
});

describe('domains/redundant', () => {
  it('accepts distinct entries', async () => {
    assert.deepEqual(await codes(hosts('DestinationHostname|endswith', ['.mega.nz', '.mega.co.nz', '.dropbox.com']), 'domains/redundant'), []);
  });
  it('reports duplicates and entries covered by a suffix, and removes them', async () => {
    const text = hosts('DestinationHostname|endswith', ['.dropboxapi.com', 'api.DROPBOXAPI.com', 'cloudflare.com', 'trycloudflare.com', '.dropboxapi.com']);
    const f = await findings(text, 'domains/redundant');
    assert.deepEqual(
      f.map((x) => x.text),
      ["'api.DROPBOXAPI.com'", "'trycloudflare.com'", "'.dropboxapi.com'"],
    );
    assert.match(f[1].message, /covered by 'cloudflare\.com'/);
    assert.match(f[2].message, /listed twice/);
    const fixed = applyEdits(text, f[0].fixes![0].edits);
    assert.ok(!fixed.includes('api.DROPBOXAPI.com'));
    assert.match(fixed, /- '\.dropboxapi\.com'\n {12}- 'cloudflare\.com'/);
  });
  it('compares only entries of the same list, and contains covers longer values', async () => {
    const text = rule(`    selection_a:
        DestinationHostname|endswith: '.example.org'
    selection_b:
        DestinationHostname|endswith: 'a.example.org'
    selection_c:
        QueryName|contains: ['ip-api.com', 'edns.ip-api.com']
    condition: 1 of selection_*`);
    assert.deepEqual(await codes(text, 'domains/redundant'), ["'edns.ip-api.com'"]);
  });
});

describe('domains/short-substring', () => {
  it('accepts specific contains entries and punctuation patterns', async () => {
    assert.deepEqual(await codes(hosts('DestinationHostname|contains', ['api.telegram.org', 'pastebin', '.']), 'domains/short-substring'), []);
  });
  it('reports a short contains entry', async () => {
    const f = await findings(hosts('DestinationHostname|contains', ['git', 'io', '*bit*']), 'domains/short-substring');
    assert.deepEqual(
      f.map((x) => x.text),
      ["'git'", "'io'", "'*bit*'"],
    );
    const w = await findings(hosts('DestinationHostname', ['*bit*']), 'domains/short-substring');
    assert.equal(w.length, 1);
    assert.match(f[0].message, /too short/);
  });
});

describe('careful rules', () => {
  it('a list of exact specific hosts ANDed with script-engine images gets no public-suffix, no-dot-boundary or malformed', async () => {
    const text = rule(`    selection_img:
        Image|endswith:
            - '\\\\wscript.exe'
            - '\\\\cscript.exe'
            - '\\\\mshta.exe'
            - '\\\\powershell.exe'
    selection_dom:
        DestinationHostname:
            - 'raw.githubusercontent.com'
            - 'gist.githubusercontent.com'
            - 'api.telegram.org'
            - 'pastebin.com'
            - 'my-project.firebaseio.com'
            - 'evil-app.workers.dev'
    condition: all of selection_*`);
    for (const code of ['domains/public-suffix', 'domains/no-dot-boundary', 'domains/malformed']) assert.deepEqual(await codes(text, code), [], code);
  });
});

const DEAD_DROP = join('corpus', 'sigmahq', 'rules', 'windows', 'network_connection', 'net_connection_win_domain_dead_drop_resolvers.yml');

describe('the SigmaHQ dead-drop-resolver rule', { skip: skipWithoutShared(DEAD_DROP) }, () => {
  const path = sharedPath(DEAD_DROP);
  const text = readFileSync(path, 'utf8');
  it('flags its trailing-slash entry', async () => {
    const f = await findings(text, 'domains/malformed', { path });
    assert.deepEqual(
      f.map((x) => x.text),
      ["'ghostbin.co/'"],
    );
  });
  it('flags its dotless suffixes: warnings in its exclusions (bypass), information in its selection', async () => {
    const all = await findings(text, 'domains/no-dot-boundary', { path });
    const warned = all.filter((x) => x.severity === 'warning').map((x) => x.text);
    const informed = all.filter((x) => x.severity === 'information').map((x) => x.text);
    for (const v of ["'dropbox.com'", "'mega.nz'", "'pastebin.com'", "'workers.dev'"]) assert.ok(informed.includes(v), v);
    assert.ok(warned.length > 0 && all.filter((x) => x.severity === 'warning').every((x) => /bypasses the rule/.test(x.message)));
    assert.ok(!informed.includes("'.t.me'") && !informed.includes("'cdn.discordapp.com'") && !informed.includes("'docs.google.com'"));
  });
  it('flags its multi-tenant suffixes', async () => {
    const f = (await findings(text, 'domains/public-suffix', { path })).map((x) => x.text);
    for (const v of ["'workers.dev'", "'pages.dev'", "'trycloudflare.com'", "'githubusercontent.com'", "'ddns.net'"]) assert.ok(f.includes(v), v);
    assert.ok(!f.includes("'storage.googleapis.com'"), 'path-multi-tenant host');
  });
  it('flags its very popular parents, as information: its browser filters leave the noise to noisy-in-samples', async () => {
    const f = await findings(text, 'domains/high-prevalence', { path });
    for (const v of ["'facebook.com'", "'youtube.com'", "'twitter.com'", "'cloudflare.com'"])
      assert.ok(
        f.some((x) => x.text === v),
        v,
      );
    const fb = f.find((x) => x.text === "'twitter.com'")!;
    assert.equal(fb.severity, 'information');
    assert.match(fb.message, /the rule excludes Image/);
  });
});

describe('domains/short-substring in |all lists', () => {
  it('does not report a short value ANDed with other values', async () => {
    const text = rule(`    selection:
        QueryName|contains|all:
            - 'seed'
            - '.nkn.org'
    condition: selection`);
    assert.deepEqual(await codes(text, 'domains/short-substring'), []);
  });
});

describe('KQL domain lists', () => {
  const kql = (where: string, lets = ''): string => `${lets}DeviceNetworkEvents\n| where ${where}\n| project Timestamp, RemoteUrl\n`;
  const k = async (text: string, code: string): Promise<{ text: string; severity: string; message: string }[]> => findings(text, code, { path: 'q.kql' });

  it('the T1583.006 seed-style has_any list flags trycloudflare.com and workers.dev', async () => {
    const text = kql(
      'RemoteUrl has_any (WebServiceDomains)',
      'let WebServiceDomains = dynamic(["api.github.com", "raw.githubusercontent.com", "firebaseio.com", "api.telegram.org", "trycloudflare.com", "workers.dev", "pastebin.com"]);\n',
    );
    const f = (await k(text, 'domains/public-suffix')).map((x) => x.text);
    assert.deepEqual(f, ['"firebaseio.com"', '"trycloudflare.com"', '"workers.dev"']);
  });
  it('public-suffix: valid specific tenants, invalid suffix with endswith; narrowed by a process filter', async () => {
    assert.deepEqual(await k(kql('RemoteUrl in~ ("evil.workers.dev", "raw.githubusercontent.com")'), 'domains/public-suffix'), []);
    const f = await k(kql('RemoteUrl endswith ".azurewebsites.net"'), 'domains/public-suffix');
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'warning');
    const narrow = await k(
      `DeviceNetworkEvents\n| where InitiatingProcessFileName in~ ("mshta.exe", "wscript.exe")\n| where RemoteUrl endswith ".azurewebsites.net"\n`,
      'domains/public-suffix',
    );
    assert.equal(narrow[0].severity, 'information');
    // A KQL file whose comments say it is about the platform; an exclusion is not reported.
    const about = await k(`// Hunt: Azure App Service hosted payloads\n${kql('RemoteUrl endswith ".azurewebsites.net"')}`, 'domains/public-suffix');
    assert.equal(about[0].severity, 'information');
    assert.deepEqual(await k(kql('not(RemoteUrl endswith ".azurewebsites.net")'), 'domains/public-suffix'), []);
  });
  it('no-dot-boundary: valid dotted endswith and has (term) entries, invalid dotless endswith', async () => {
    assert.deepEqual(await k(kql('RemoteUrl endswith ".dropboxapi.com" or RemoteUrl has "dropboxapi.com"'), 'domains/no-dot-boundary'), []);
    const f = await k(kql('RemoteUrl endswith "dropboxapi.com"'), 'domains/no-dot-boundary');
    assert.deepEqual(
      f.map((x) => x.text),
      ['"dropboxapi.com"'],
    );
    assert.match(f[0].message, /evildropboxapi\.com/);
  });
  it('high-prevalence: valid unpopular service, invalid popular parent', async () => {
    assert.deepEqual(await k(kql('RemoteUrl has "rentry.co"'), 'domains/high-prevalence'), []);
    const f = await k(kql('RemoteUrl has "google.com"'), 'domains/high-prevalence');
    assert.equal(f.length, 1);
  });
  it('malformed: valid host column values, invalid scheme and slash in a host column', async () => {
    assert.deepEqual(await k(`_Im_Dns\n| where DnsQuery in~ ("api.telegram.org")\n`, 'domains/malformed'), []);
    const text = `_Im_Dns\n| where DnsQuery in~ ("https://api.telegram.org", "ghostbin.co/")\n`;
    const f = await findings(text, 'domains/malformed', { path: 'q.kql' });
    assert.deepEqual(
      f.map((x) => x.text),
      ['"https://api.telegram.org"', '"ghostbin.co/"'],
    );
    const fixed = applyEdits(text, f[1].fixes![0].edits);
    assert.match(fixed, /"ghostbin\.co"\)/);
  });
  it('redundant: valid distinct list, invalid duplicate in a let list', async () => {
    assert.deepEqual(await k(kql('RemoteUrl has_any (L)', 'let L = dynamic(["paste.ee", "rentry.co"]);\n'), 'domains/redundant'), []);
    const f = await k(kql('RemoteUrl has_any (L)', 'let L = dynamic(["paste.ee", "rentry.co", "paste.ee"]);\n'), 'domains/redundant');
    assert.equal(f.length, 1);
    const text = kql('RemoteUrl has_any (L)', 'let L = dynamic(["paste.ee", "rentry.co", "paste.ee"]);\n');
    const all = await findings(text, 'domains/redundant', { path: 'q.kql' });
    assert.match(applyEdits(text, all[0].fixes![0].edits), /dynamic\(\["paste\.ee", "rentry\.co"\]\)/);
  });
  it('short-substring: valid full host, invalid short contains on a host column', async () => {
    assert.deepEqual(await k(`_Im_Dns\n| where DnsQuery contains "pastebin.com"\n`, 'domains/short-substring'), []);
    const f = await k(`_Im_Dns\n| where DnsQuery contains "git"\n`, 'domains/short-substring');
    assert.equal(f.length, 1);
  });
});

describe('issue cases: several queries in one .kql file, a hunting query with entityMappings', () => {
  const all = async (text: string, path: string) =>
    (await analyzeText(path, text)).diagnostics.filter((d) => d.code.startsWith('domains/') && d.code !== 'domains/noisy-in-samples');
  it('each blank-line-separated query gets its own findings, on its own lines', async () => {
    const text = [
      '// broad platform list',
      'DeviceNetworkEvents',
      '| where RemoteUrl has_any ("workers.dev", "pastebin.com")',
      '',
      '// a whole URL on RemoteUrl',
      'DeviceNetworkEvents',
      '| where RemoteUrl has "https://evil.example.net/gate.php"',
      '',
      '// a dotless exclusion',
      'DeviceNetworkEvents',
      '| where InitiatingProcessFileName =~ "curl.exe"',
      '| where not(RemoteUrl endswith "dropbox.com")',
      '',
    ].join('\n');
    const found = (await all(text, 'multi.kql')).map((d) => `${d.range.start.line + 1} ${d.code} ${d.severity}`);
    assert.deepEqual(found.sort(), ['12 domains/no-dot-boundary warning', '3 domains/public-suffix information', '7 domains/too-narrow warning']);
  });
  it('a Sentinel hunting query (no kind, entityMappings) is checked like a rule: its list narrowed by processes gives information', async () => {
    const text = `id: 5e6f7a8b-2222-4333-8444-555566667777
name: Suspicious Script Host Network Activity
description: |
  'Hunting: script hosts contacting a short list of hosts.'
requiredDataConnectors:
  - connectorId: MicrosoftThreatProtection
    dataTypes:
      - DeviceNetworkEvents
tactics:
  - CommandAndControl
relevantTechniques:
  - T1102
query: |
  let Hosting = dynamic(["workers.dev", "api.telegram.org"]);
  DeviceNetworkEvents
  | where RemoteUrl has_any (Hosting)
  | where InitiatingProcessFileName in~ ("powershell.exe", "rundll32.exe")
entityMappings:
  - entityType: Host
    fieldMappings:
      - identifier: FullName
        columnName: DeviceName
`;
    const found = await all(text, 'hunting.yaml');
    assert.deepEqual(
      found.map((d) => `${d.range.start.line + 1} ${d.code} ${d.severity}`),
      ['14 domains/public-suffix information'],
    );
    assert.match(found[0].message, /ANDed with InitiatingProcessFileName in~/);
  });
});

describe('selection, exclusion and about-the-service cases for every domain check', () => {
  const k = async (text: string, code: string): Promise<{ text: string; severity: string; message: string }[]> => findings(text, code, { path: 'q.kql' });
  const titled = (title: string, body: string): string => rule(body).replace(/^title: .*$/m, `title: ${title}`);
  const filtered = (field: string, value: string): string =>
    rule(`    selection:
        Initiated: 'true'
    filter:
        ${field}: '${value}'
    condition: selection and not filter`);

  it('no-dot-boundary in KQL: !endswith and not(...) are exclusions (warning), endswith a selection (information)', async () => {
    const base = (where: string): string => `DeviceNetworkEvents\n| where InitiatingProcessFileName =~ "rclone.exe"\n| where ${where}\n`;
    for (const where of ['RemoteUrl !endswith "microsoft.com"', 'not(RemoteUrl endswith "microsoft.com")']) {
      const f = await k(base(where), 'domains/no-dot-boundary');
      assert.equal(f.length, 1, where);
      assert.equal(f[0].severity, 'warning', where);
      assert.match(f[0].message, /evilmicrosoft\.com/);
    }
    const sel = await k(base('RemoteUrl endswith "pastebin.com"'), 'domains/no-dot-boundary');
    assert.equal(sel[0].severity, 'information');
  });
  it('no-dot-boundary in Sigma: a selection stays information when the rule is about the service, an exclusion warns', async () => {
    const about = await findings(
      titled('Dropbox API Access By Script', `    selection:\n        DestinationHostname|endswith: 'dropboxapi.com'\n    condition: selection`),
      'domains/no-dot-boundary',
    );
    assert.equal(about.length, 1);
    assert.equal(about[0].severity, 'information');
    const excl = await findings(filtered('DestinationHostname|endswith', 'dropboxapi.com'), 'domains/no-dot-boundary');
    assert.equal(excl[0].severity, 'warning');
  });
  it('high-prevalence: warning in a plain selection, nothing in an exclusion, information when the rule is about the service', async () => {
    const sel = await findings(hosts('DestinationHostname|endswith', ['.youtube.com']), 'domains/high-prevalence');
    assert.equal(sel[0].severity, 'warning');
    assert.deepEqual(await codes(filtered('DestinationHostname|endswith', '.youtube.com'), 'domains/high-prevalence'), []);
    const about = await findings(
      titled(
        'Suspicious Non-Browser Access To YouTube',
        `    selection:
        DestinationHostname|endswith: '.youtube.com'
    condition: selection`,
      ),
      'domains/high-prevalence',
    );
    assert.equal(about[0].severity, 'information');
    assert.match(about[0].message, /the rule is about YouTube/);
  });
  it('short-substring: selection reported, exclusion not, about-the-service does not excuse a short value', async () => {
    assert.equal((await findings(hosts('DestinationHostname|contains', ['git']), 'domains/short-substring')).length, 1);
    assert.deepEqual(await codes(filtered('DestinationHostname|contains', 'git'), 'domains/short-substring'), []);
    const about = titled(
      'GitHub Raw Content Download',
      `    selection:
        DestinationHostname|contains: 'git'
    condition: selection`,
    );
    assert.equal((await findings(about, 'domains/short-substring')).length, 1);
  });
  it('malformed: reported in a selection and in an exclusion alike (neither can ever match), whatever the rule is about', async () => {
    assert.equal((await findings(hosts('DestinationHostname', ['https://pastebin.com']), 'domains/malformed')).length, 1);
    assert.equal((await findings(filtered('DestinationHostname', 'https://pastebin.com'), 'domains/malformed')).length, 1);
    const about = titled('Pastebin Access', `    selection:\n        DestinationHostname: 'pastebin.com/'\n    condition: selection`);
    assert.equal((await findings(about, 'domains/malformed')).length, 1);
  });
  it('noisy-in-samples: selection reported, exclusion not, about-the-service does not excuse measured noise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tripline-noisy-cases-'));
    try {
      const events = [
        ...Array.from({ length: 30 }, () => ({ EventID: 3, Image: 'C:\\svchost.exe', DestinationHostname: 'www.youtube.com', Initiated: 'true' })),
        ...Array.from({ length: 70 }, () => ({ EventID: 3, Image: 'C:\\svchost.exe', DestinationHostname: 'a.example.net', Initiated: 'true' })),
      ];
      const path = join(dir, 'sysmon.ndjson');
      writeFileSync(path, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
      const config = { samples: { bundled: false, paths: [path], noisyShare: 0.05 } };
      const sel = await findings(hosts('DestinationHostname|endswith', ['.youtube.com']), 'domains/noisy-in-samples', { config });
      assert.equal(sel.length, 1);
      assert.equal(sel[0].severity, 'warning');
      assert.match(sel[0].message, /\(30 of 100\)/);
      assert.deepEqual(await findings(filtered('DestinationHostname|endswith', '.youtube.com'), 'domains/noisy-in-samples', { config }), []);
      const about = await findings(
        titled('Suspicious Access To YouTube', `    selection:\n        DestinationHostname|endswith: '.youtube.com'\n    condition: selection`),
        'domains/noisy-in-samples',
        { config },
      );
      assert.equal(about.length, 1);
      assert.equal(about[0].severity, 'warning');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('redundant: within a selection list and within an exclusion list, whatever the rule is about', async () => {
    assert.equal((await findings(hosts('DestinationHostname|endswith', ['.paste.ee', '.paste.ee']), 'domains/redundant')).length, 1);
    const filter = rule(`    selection:
        Initiated: 'true'
    filter:
        DestinationHostname|endswith: ['.paste.ee', 'x.paste.ee']
    condition: selection and not filter`);
    assert.equal((await findings(filter, 'domains/redundant')).length, 1);
    const about = titled('Paste.ee Access', `    selection:\n        DestinationHostname|endswith: ['.paste.ee', '.paste.ee']\n    condition: selection`);
    assert.equal((await findings(about, 'domains/redundant')).length, 1);
  });
});

describe('domains/too-narrow', () => {
  const k = async (
    text: string,
    code = 'domains/too-narrow',
  ): Promise<{ text: string; severity: string; message: string; fixes?: { title: string; edits: { range: unknown; newText: string }[] }[] }[]> =>
    findings(text, code, { path: 'q.kql' }) as never;
  it('the Sentinel case: bare domains compared with in against RemoteUrl miss the subdomain beacons', async () => {
    const text = `DeviceNetworkEvents\n| where RemoteUrl in (dynamic(["avsvmcloud.com", "freescanonline.com", "api.telegram.org"]))\n`;
    const f = await k(text);
    assert.deepEqual(
      f.map((x) => x.text),
      ['"avsvmcloud.com"', '"freescanonline.com"'],
    );
    assert.equal(f[0].severity, 'warning');
    assert.match(f[0].message, /misses every subdomain \(such as 'x\.avsvmcloud\.com'\)/);
    assert.match(f[0].message, /has "avsvmcloud\.com"/);
  });
  it('valid: has_any, endswith with the exact host beside it, a specific host in RemoteUrl, an exclusion', async () => {
    assert.deepEqual(await k(`DeviceNetworkEvents\n| where RemoteUrl has_any ("avsvmcloud.com")\n`), []);
    assert.deepEqual(await k(`DeviceNetworkEvents\n| where RemoteUrl endswith ".avsvmcloud.com" or RemoteUrl == "avsvmcloud.com"\n`), []);
    assert.deepEqual(await k(`DeviceNetworkEvents\n| where RemoteUrl in~ ("raw.githubusercontent.com")\n`), []);
    assert.deepEqual(await k(`DeviceNetworkEvents\n| where RemoteUrl !in~ ("avsvmcloud.com")\n`), []);
  });
  it('KQL has with a whole URL on RemoteUrl: the scheme and path terms must be in the column, so host-only records are missed', async () => {
    const f = await k(`DeviceNetworkEvents\n| where RemoteUrl has "https://evil.example.net/gate.php"\n`);
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'warning');
    assert.match(f[0].message, /as whole terms/);
    assert.match(f[0].message, /never match an HTTPS connection/);
    assert.match(f[0].message, /RemoteUrl has "evil\.example\.net"/);
    // A path without a scheme, and a has_any list: the same; a scheme alone is not an HTTPS-path case.
    const list = await k(`DeviceNetworkEvents\n| where RemoteUrl has_any ("evil.example.net/gate.php", "http://c2.example.org", "pastebin.com")\n`);
    assert.deepEqual(
      list.map((x) => x.text),
      ['"evil.example.net/gate.php"', '"http://c2.example.org"'],
    );
    assert.ok(list.every((x) => !/HTTPS connection/.test(x.message)));
  });
  it('KQL has with a whole URL: valid on a bare host, on a full-URL column, in an exclusion; reported when the rule is about the service', async () => {
    assert.deepEqual(await k(`DeviceNetworkEvents\n| where RemoteUrl has "evil.example.net"\n`), []);
    assert.deepEqual(await k(`CommonSecurityLog\n| where RequestURL has "https://evil.example.net/gate.php"\n`), []);
    assert.deepEqual(await k(`DeviceNetworkEvents\n| where RemoteUrl !has "https://evil.example.net/gate.php"\n`), []);
    assert.deepEqual(await k(`DeviceNetworkEvents\n| where not(RemoteUrl has "https://evil.example.net/gate.php")\n`), []);
    const about = await findings(
      `id: 1b1e3c5d-0000-4000-8000-000000000001\nname: Pastebin Raw Download By A Script\nquery: |\n  DeviceNetworkEvents\n  | where RemoteUrl has "https://pastebin.com/raw/"\nrelevantTechniques:\n  - T1102\ntactics:\n  - CommandAndControl\n`,
      'domains/too-narrow',
      { path: 'r.yaml' },
    );
    assert.equal(about.length, 1);
    assert.equal(about[0].severity, 'warning');
  });
  it('Sigma: an exact bare host in a full-URL field never matches', async () => {
    const f = await findings(hosts('c-uri', ['pastebin.com']), 'domains/too-narrow');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /c-uri\|contains: ':\/\/pastebin\.com\/'/);
  });
  it('Sigma: a subdomain platform compared exactly on a host field, with a fix that adds *.x', async () => {
    const text = hosts('DestinationHostname', ['ngrok.io', 'evil.ngrok.io', 'pastebin.com']);
    const f = await findings(text, 'domains/too-narrow');
    assert.deepEqual(
      f.map((x) => x.text),
      ["'ngrok.io'"],
    );
    const fixed = applyEdits(text, f[0].fixes![0].edits);
    assert.match(fixed, /- 'ngrok\.io'\n {12}- '\*\.ngrok\.io'/);
    assert.deepEqual(await codes(fixed, 'domains/too-narrow'), []);
  });
  it('exclusion: an exact exclusion is only strict, not reported; about-the-service does not excuse a selection', async () => {
    const filter = rule(`    selection:
        Initiated: 'true'
    filter:
        DestinationHostname: 'ngrok.io'
    condition: selection and not filter`);
    assert.deepEqual(await codes(filter, 'domains/too-narrow'), []);
    const about = hosts('DestinationHostname', ['ngrok.io']).replace(/^title: .*$/m, 'title: Ngrok Tunnel Connection');
    assert.equal((await findings(about, 'domains/too-narrow')).length, 1);
  });
});

describe('one finding per entry', () => {
  it('links the other findings on an entry to the most severe one', async () => {
    const text = hosts('DestinationHostname|endswith', ['.paste.ee', 'google.com']);
    const r = await analyzeText('rule.yml', text, undefined, undefined, undefined, undefined, { sampleHits: TEST_SAMPLE_HITS });
    const line = text.split('\n').findIndex((l) => l.includes("'google.com'"));
    const onGoogle = r.diagnostics.filter((d) => d.code.startsWith('domains/') && d.range.start.line === line);
    assert.ok(onGoogle.length >= 2, onGoogle.map((d) => d.code).join());
    const leaders = onGoogle.filter((d) => !d.relatedTo);
    assert.equal(leaders.length, 1);
    // Both are warnings; the measured one (the bundled samples) leads the guessed one.
    assert.equal(leaders[0].code, 'domains/noisy-in-samples');
    assert.ok(onGoogle.some((d) => d.code === 'domains/high-prevalence' && d.relatedTo === 'domains/noisy-in-samples'));
    assert.ok(onGoogle.filter((d) => d.relatedTo).every((d) => d.relatedTo === 'domains/noisy-in-samples'));
  });
});
