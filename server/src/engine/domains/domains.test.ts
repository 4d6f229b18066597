import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rule } from '../checks/testing';
import { analyzeText } from '../analyze';
import { loadSource } from '../document/source';
import type { DomainEntry } from './entry';
import { domainEntries } from './extractors';
import { describeMatch, entryMatcher, exampleHosts } from './matching';
import { readValue } from './value';

function entries(detection: string, extra = ''): DomainEntry[] {
  return domainEntries(loadSource('r.yml', rule(detection, extra)));
}

describe('reading values as hosts', () => {
  it('normalises case, punycode, leading dots, wildcards and trailing dots', () => {
    assert.equal(readValue('API.Telegram.ORG', 'exact', 'host', true).host, 'api.telegram.org');
    assert.equal(readValue('.bücher.example', 'suffix', 'host', true).host, 'xn--bcher-kva.example');
    assert.equal(readValue('xn--bcher-kva.example', 'exact', 'host', true).host, 'xn--bcher-kva.example');
    const w = readValue('*.ngrok.io', 'wildcard', 'host', true);
    assert.deepEqual([w.host, w.leftBoundary], ['ngrok.io', true]);
    const t = readValue('x.example.', 'exact', 'host', true);
    assert.deepEqual([t.host, t.problems.map((p) => p.kind)], ['x.example', ['trailing-dot']]);
    assert.equal(readValue('a.*.example', 'wildcard', 'host', true).innerWildcard, true);
  });
  it('reads IPs and CIDRs in host fields without treating them as names', () => {
    assert.equal(readValue('10.1.2.3', 'exact', 'host', true).ip, true);
    assert.equal(readValue('2001:db8::1', 'exact', 'host', true).ip, true);
    const c = readValue('10.0.0.0/8', 'exact', 'host', true);
    assert.deepEqual([c.ip, c.problems.map((p) => p.kind)], [true, ['cidr']]);
  });
  it('finds the host of URLs and skips bare paths in URL fields', () => {
    const u = readValue('https://pastebin.com/raw/abc', 'prefix', 'url', true);
    assert.deepEqual([u.host, u.path, u.problems], ['pastebin.com', '/raw/abc', []]);
    assert.equal(readValue('/api/v1/upload', 'substring', 'url', true).host, null);
  });
  it('handles empty strings and junk without throwing', () => {
    for (const v of ['', ' ', '*', '**', '.', '..', '\\', '[', 'a'.repeat(5000), '\u0000', 'http://', '://x', '*.', '%', '@', 'a:b:c']) {
      for (const m of ['exact', 'suffix', 'prefix', 'substring', 'wildcard', 'regex', 'term'] as const) readValue(v, m, 'host', m !== 'regex');
    }
    assert.deepEqual(
      readValue('', 'suffix', 'host', true).problems.map((p) => p.kind),
      ['empty'],
    );
    assert.deepEqual(readValue('', 'exact', 'host', true).problems, []);
  });
});

describe('Sigma extraction', () => {
  it('takes every value of host fields with field, modifiers, match and range', () => {
    const e = entries(`    selection:
        DestinationHostname|endswith:
            - '.workers.dev'
            - 'dropbox.com'
        QueryName: 'api.telegram.org'
        cs-host|contains|cased: 'Pastebin.com'
    condition: selection`);
    assert.deepEqual(
      e.map((x) => [x.value, x.field, x.match, x.fieldKind, x.leftBoundary, x.caseSensitive]),
      [
        ['.workers.dev', 'DestinationHostname', 'suffix', 'host', true, false],
        ['dropbox.com', 'DestinationHostname', 'suffix', 'host', false, false],
        ['api.telegram.org', 'QueryName', 'exact', 'host', true, false],
        ['Pastebin.com', 'cs-host', 'substring', 'host', false, true],
      ],
    );
    assert.deepEqual(e[0].range.start, { line: 12, character: 14 });
    assert.equal(e[0].listId, e[1].listId);
    assert.notEqual(e[0].listId, e[2].listId);
  });
  it('takes host- and URL-shaped values from other fields and keyword lists, not file names or namespaces', () => {
    const e = entries(`    selection:
        CommandLine|contains:
            - 'https://transfer.sh/'
            - 'paste.ee'
            - 'install.sh'
            - 'System.Net.WebClient'
            - 'payload.zip'
            - '-encodedcommand'
    keywords:
        - 'rentry.co/raw'
        - 'mimikatz.exe'
    condition: selection or keywords`);
    assert.deepEqual(
      e.map((x) => [x.value, x.fieldKind, x.host]),
      [
        ['https://transfer.sh/', 'text', 'transfer.sh'],
        ['paste.ee', 'text', 'paste.ee'],
        ['rentry.co/raw', 'text', 'rentry.co'],
      ],
    );
  });
  it('reads Zeek query and host as host fields only in DNS and HTTP log sources', () => {
    const dns = entries(`    selection:
        query|endswith: '.ddns.net'
    condition: selection`).map((x) => x.fieldKind);
    assert.deepEqual(dns, ['text']);
    const zeek = domainEntries(
      loadSource(
        'z.yml',
        rule(`    selection:
        query|endswith: '.ddns.net'
    condition: selection`).replace('    product: windows\n    category: network_connection', '    product: zeek\n    service: dns'),
      ),
    );
    assert.deepEqual(
      zeek.map((x) => x.fieldKind),
      ['host'],
    );
  });
  it('records polarity and narrowing selections from the condition', () => {
    const e = entries(`    selection_img:
        Image|endswith: '\\\\mshta.exe'
    selection_net:
        DestinationHostname|endswith: '.pages.dev'
    filter:
        DestinationHostname|endswith: '.corp.example'
    condition: selection_img and selection_net and not filter`);
    assert.deepEqual(e[0].context.polarity, 'match');
    assert.deepEqual(e[0].context.narrowedBy, ['Image|endswith in selection_img']);
    assert.equal(e[1].context.polarity, 'exclude');
    const broken = entries(`    selection:
        DestinationHostname|endswith: '.pages.dev'
    condition: selection and (`);
    assert.equal(broken[0].context.polarity, 'unknown');
  });
  it('treats non-traffic log sources as already narrow', () => {
    const e = domainEntries(
      loadSource(
        'b.yml',
        rule(`    selection:
        RemoteName|contains: 'workers.dev'
    condition: selection`).replace('    category: network_connection', '    service: bits-client'),
      ),
    );
    assert.equal(e[0].fieldKind, 'url');
    assert.match(e[0].context.narrowedBy[0], /service: bits-client/);
  });
});

describe('what an entry matches', () => {
  const one = (detection: string): DomainEntry => entries(`    selection:\n${detection}\n    condition: selection`)[0];
  it("classifies example hosts with the entry's own semantics", () => {
    const dotless = exampleHosts(one(`        DestinationHostname|endswith: 'dropboxapi.com'`));
    assert.ok(dotless.matches.includes('evildropboxapi.com'));
    const dotted = exampleHosts(one(`        DestinationHostname|endswith: '.dropboxapi.com'`));
    assert.ok(dotted.misses.includes('evildropboxapi.com') && dotted.misses.includes('dropboxapi.com'));
    assert.ok(dotted.matches.includes('www.dropboxapi.com'));
    const wild = one(`        DestinationHostname: '*.ngrok-free.app'`);
    assert.equal(entryMatcher(wild)('A.NGROK-FREE.APP'), true);
    assert.equal(entryMatcher(wild)('ngrok-free.app'), false);
    assert.match(describeMatch(one(`        DestinationHostname|endswith: 'x-files.net'`)), /ending in 'x-files.net', including look-alikes/);
    assert.doesNotMatch(describeMatch(one(`        DestinationHostname|endswith: 'cdn.discordapp.com'`)), /look-alikes/);
  });
});

describe('bad input', () => {
  it('IDNs, punycode, upper case, trailing dots, IPs, CIDRs, inner wildcards and empty strings: no crash, no internal error', async () => {
    const text = rule(`    selection:
        DestinationHostname|endswith:
            - '.bücher.example'
            - '.xn--bcher-kva.example'
            - 'DROPBOX.COM'
            - 'evil.example.'
            - '10.0.0.1'
            - '10.0.0.0/8'
            - '2001:db8::/32'
            - '*.s3.*.amazonaws.com'
            - ''
            - 12345
            - null
        DestinationHostname|re: '(?i)^[a-z]+\\.pages\\.dev$'
    condition: selection`);
    const r = await analyzeText('r.yml', text);
    assert.deepEqual(
      r.diagnostics.filter((d) => d.code === 'tripline/internal-error' || d.severity === 'error'),
      [],
    );
    const codes = r.diagnostics.filter((d) => d.code.startsWith('domains/')).map((d) => d.code);
    assert.ok(codes.includes('domains/malformed'));
  });
  it('a 10,000-entry list is checked without error and flags what it should', async () => {
    const values = Array.from({ length: 10000 }, (_, i) => `            - '${i % 10 === 0 ? '' : '.'}host${i}.net${i % 500 === 0 ? '/' : ''}'`);
    const text = rule(`    selection:\n        DestinationHostname|endswith:\n${values.join('\n')}\n    condition: selection`);
    const r = await analyzeText('big.yml', text);
    const count = (c: string): number => r.diagnostics.filter((d) => d.code === c).length;
    assert.equal(count('domains/malformed'), 20);
    assert.equal(count('domains/no-dot-boundary'), 980);
    assert.equal(count('tripline/internal-error'), 0);
  });
});
