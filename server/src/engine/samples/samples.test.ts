import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { analyzeText } from '../analyze';
import { defaultConfig, mergeConfig } from '../config/config';
import { findings, rule, TEST_SAMPLE_HITS } from '../checks/testing';
import { loadSource } from '../document/source';
import { domainEntries } from '../domains/extractors';
import { bundledSamples, describeHits, entryHits, expandSamplePattern, globToRegExp, resolveSampleSources, sampleFingerprint, sampleHitsOf, SampleIndex } from '.';

const dir = mkdtempSync(join(tmpdir(), 'tripline-samples-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const sysmon3 = (host: string, image = 'C:\\Windows\\System32\\svchost.exe') => ({ EventID: 3, Image: image, DestinationHostname: host, Initiated: 'true' });
const sysmon22 = (host: string) => ({ EventID: 22, Image: 'C:\\x.exe', QueryName: host });
const proxy = (host: string) => ({ 'cs-host': host, 'c-uri': `https://${host}/`, 'cs-method': 'GET' });
const ndjson = (events: object[]): string => events.map((e) => JSON.stringify(e)).join('\n') + '\n';

function write(name: string, text: string): string {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
}

describe('sample globs', () => {
  it('translates *, **, ?, {a,b} and [..]', () => {
    assert.ok(globToRegExp('**/*.ndjson').test('a/b/c.ndjson'));
    assert.ok(globToRegExp('**/*.ndjson').test('c.ndjson'));
    assert.ok(!globToRegExp('*.ndjson').test('a/c.ndjson'));
    assert.ok(globToRegExp('proxy/*.{csv,json}').test('proxy/x.csv'));
    assert.ok(!globToRegExp('proxy/*.{csv,json}').test('proxy/x.ndjson'));
    assert.ok(globToRegExp('log?.txt').test('log1.txt'));
    assert.ok(globToRegExp('log[0-9].txt').test('log7.txt'));
    assert.ok(!globToRegExp('a.b').test('axb'));
  });

  it('expands folders, globs and reports patterns that match nothing', () => {
    write('tele/win/a.ndjson', '{}\n');
    write('tele/proxy/b.csv', 'x\n1\n');
    write('tele/notes.md', '# not telemetry');
    const folder = expandSamplePattern('tele', dir);
    assert.deepEqual(folder.files.map((f) => basename(f)).sort(), ['a.ndjson', 'b.csv']);
    assert.deepEqual(expandSamplePattern('tele/**/*.ndjson', dir).files.map((f) => basename(f)), ['a.ndjson']);
    assert.deepEqual(expandSamplePattern(join(dir, 'tele', 'proxy', '*.csv'), '/elsewhere').files.map((f) => basename(f)), ['b.csv']);
    assert.match(expandSamplePattern('nope/*.json', dir).problem ?? '', /matched no file/);
    assert.match(expandSamplePattern('missing.ndjson', dir).problem ?? '', /not found/);
  });
});

describe('sample sources', () => {
  it('bundled samples are the files labels.json lists, never labels.json or README.md', () => {
    const b = bundledSamples();
    assert.ok(b.sources.length >= 8, `found ${b.sources.length}`);
    assert.ok(b.sources.every((s) => !/labels\.json$|README\.md$/.test(s.path ?? '')));
    assert.ok([...b.attack.values()].some((set) => set.size > 0));
  });

  it('resolves paths relative to the config folder, adds the bundled samples once', () => {
    const cfg = mergeConfig({ ...defaultConfig(), baseDir: dir }, { samples: { paths: ['tele/win/*.ndjson', 'tele/win/a.ndjson'] } }, 'test');
    const set = resolveSampleSources(cfg);
    assert.equal(set.sources.filter((s) => s.path === join(dir, 'tele', 'win', 'a.ndjson')).length, 1);
    assert.equal(set.sources.length, 1 + bundledSamples().sources.length);
    const only = resolveSampleSources(mergeConfig(cfg, { samples: { bundled: false } }, 'test'));
    assert.equal(only.sources.length, 1);
  });

  it('a fingerprint changes when a sample file changes', () => {
    const p = write('fp.ndjson', '{"a":1}\n');
    const before = sampleFingerprint([{ source: p, path: p }]);
    writeFileSync(p, '{"a":1}\n{"a":2}\n');
    utimesSync(p, new Date(), new Date(Date.now() + 5000));
    assert.notEqual(sampleFingerprint([{ source: p, path: p }]), before);
  });
});

describe('per-entry sample hits', () => {
  const events = [
    ...Array.from({ length: 30 }, () => sysmon3('www.google.com')),
    ...Array.from({ length: 5 }, () => sysmon3('drive.google.com')),
    ...Array.from({ length: 60 }, () => sysmon3('login.microsoftonline.com')),
    sysmon3('evilgoogle.com'),
    sysmon3('pastebin.com', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe'),
    ...Array.from({ length: 40 }, () => sysmon22('www.google.com')),
    ...Array.from({ length: 10 }, () => proxy('www.google.com')),
    { EventID: 3, Image: 'C:\\y.exe' },
  ];
  const path = write('hits/sysmon.ndjson', ndjson(events));
  const text = rule(`    selection:
        DestinationHostname|endswith:
            - 'google.com'
            - '.google.com'
            - 'pastebin.com'
            - 'example.org'
    condition: selection`);

  it('counts each selection entry through the whole rule, within the logsource, baseline apart from labelled attacks', async () => {
    const pastebinIndex = events.findIndex((e) => (e as { DestinationHostname?: string }).DestinationHostname === 'pastebin.com');
    const index = new SampleIndex([{ source: path, path }], new Map([[path, new Set([pastebinIndex])]]));
    await index.add(['DestinationHostname']);
    const file = loadSource('rule.yml', text);
    const hits = entryHits(file, domainEntries(file), index);
    const by = new Map(hits.map((h) => [h.entry.value, h]));
    // Sysmon 3 events and proxy events (cs-host is DestinationHostname) carry the field; Sysmon 22 does not pass the logsource.
    const withField = 30 + 5 + 60 + 1 + 10;
    // Preview never matches the proxy events with a network_connection rule (their shape is another category): neither do the counts.
    assert.equal(by.get('google.com')!.hits, 30 + 5 + 1);
    assert.equal(by.get('google.com')!.scope, 'rule');
    assert.equal(by.get('google.com')!.events, withField);
    assert.equal(by.get('.google.com')!.hits, 30 + 5);
    assert.equal(by.get('pastebin.com')!.hits, 0);
    assert.equal(by.get('pastebin.com')!.attackHits, 1);
    assert.equal(by.get('example.org')!.hits, 0);
    assert.deepEqual(by.get('google.com')!.top[0], ['www.google.com', 30]);
  });

  it('domains/noisy-in-samples reports entries above samples.noisyShare, with the same numbers', async () => {
    const config = { samples: { bundled: false, paths: [path], noisyShare: 0.2 } };
    const found = await findings(text, 'domains/noisy-in-samples', { config });
    assert.deepEqual(found.map((f) => f.text), ["'google.com'", "'.google.com'"]);
    // Workspace samples carry no labels: the pastebin event counts as baseline here (107, not 106).
    assert.match(found[0].message, /With the rest of the rule applied.*34% of the baseline sample events with DestinationHostname \(36 of 107\)/);
    assert.match(found[0].message, /most often www\.google\.com \(30\)/);
    const strict = await findings(text, 'domains/noisy-in-samples', { config: { samples: { ...config.samples, noisyShare: 0.5 } } });
    assert.deepEqual(strict, []);
  });

  it('an allowlisted entry or a narrowed list is not reported as a warning', async () => {
    const config = { samples: { bundled: false, paths: [path], noisyShare: 0.2 }, domains: { allowlist: ['google.com'] } };
    assert.deepEqual(await findings(text, 'domains/noisy-in-samples', { config }), []);
    const narrowed = rule(`    selection:
        Image|endswith: '\\powershell.exe'
        DestinationHostname|endswith: '.google.com'
    condition: selection`);
    // The rule's own selection removes every google event (none comes from powershell): no finding, as preview would show.
    assert.deepEqual(await findings(narrowed, 'domains/noisy-in-samples', { config: { samples: config.samples } }), []);
  });

  it("a rule's filter under not removes what it excludes from an entry's count (the docs.google.com case)", async () => {
    const browser = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
    const p = write('hits/browser.ndjson', ndjson([...Array.from({ length: 20 }, () => sysmon3('docs.google.com', browser)), sysmon3('docs.google.com'), ...Array.from({ length: 9 }, () => sysmon3('a.example.net'))]));
    const samples = { bundled: false, paths: [p], noisyShare: 0.02 };
    const plain = rule(`    selection:
        DestinationHostname: 'docs.google.com'
    condition: selection`);
    const noisy = await findings(plain, 'domains/noisy-in-samples', { config: { samples } });
    assert.equal(noisy.length, 1);
    assert.match(noisy[0].message, /\(21 of 30\)/);
    const filtered = rule(`    selection:
        DestinationHostname: 'docs.google.com'
    filter_browsers:
        Image|endswith: '\\chrome.exe'
    condition: selection and not filter_browsers`);
    const r = await analyzeText('rule.yml', filtered, mergeConfig(defaultConfig(), { samples }, 'test'), undefined, undefined, undefined, { sampleHits: TEST_SAMPLE_HITS });
    const h = sampleHitsOf(r.file)!.hits.find((x) => x.entry.value === 'docs.google.com')!;
    assert.equal(h.hits, 1);
    assert.ok(!r.diagnostics.some((d) => d.code === 'domains/noisy-in-samples' && d.severity === 'warning' && / \(2[01] of/.test(d.message)));
  });

  it('no samples, no finding; a changed sample file is re-indexed', async () => {
    assert.deepEqual(await findings(text, 'domains/noisy-in-samples', { config: { samples: { bundled: false } } }), []);
    const p = write('hits/changing.ndjson', ndjson(Array.from({ length: 10 }, () => sysmon3('a.example.net'))));
    const config = mergeConfig(defaultConfig(), { samples: { bundled: false, paths: [p] } }, 'test');
    const r1 = await analyzeText('rule.yml', text, config, undefined, undefined, undefined, { sampleHits: TEST_SAMPLE_HITS });
    assert.equal(sampleHitsOf(r1.file)!.hits.find((h) => h.entry.value === 'google.com')!.hits, 0);
    writeFileSync(p, ndjson(Array.from({ length: 10 }, () => sysmon3('mail.google.com'))));
    utimesSync(p, new Date(), new Date(Date.now() + 10000));
    const r2 = await analyzeText('rule.yml', text, config, undefined, undefined, undefined, { sampleHits: TEST_SAMPLE_HITS });
    assert.equal(sampleHitsOf(r2.file)!.hits.find((h) => h.entry.value === 'google.com')!.hits, 10);
  });
});

describe('user regexes on the sample-hit path', () => {
  const killer = 'a'.repeat(34) + '!';
  it('a regex entry that blows its budget on one value stays enabled for the next values; the skipped evaluations are counted', async () => {
    const p = write('re/dns.ndjson', ndjson([sysmon3(killer), sysmon3('aaaa'), sysmon3('aaaaaa'), sysmon3('b.example.net')]));
    const index = new SampleIndex([{ source: p, path: p }], new Map());
    await index.add(['DestinationHostname']);
    const file = loadSource('rule.yml', rule(`    selection:
        DestinationHostname|re: '^(a+)+$'
    condition: selection`));
    const entries = domainEntries(file);
    assert.equal(entries.length, 1);
    const t = Date.now();
    const [h] = entryHits(file, entries, index, { regexBudgetMs: 50 });
    assert.ok(Date.now() - t < 3000, `took ${Date.now() - t} ms`);
    assert.equal(h.hits, 2);
    assert.equal(h.overBudget, 1);
    assert.match(describeHits(h), /1 evaluation skipped: a regex exceeded its time budget/);
  });
  it('a regex elsewhere in the rule is budgeted when the whole rule is evaluated', async () => {
    const p = write('re/proc.ndjson', ndjson([{ ...sysmon3('x.example.net'), CommandLine: killer }, { ...sysmon3('y.example.net'), CommandLine: 'aaa' }]));
    const index = new SampleIndex([{ source: p, path: p }], new Map());
    await index.add(['DestinationHostname']);
    const file = loadSource('rule.yml', rule(`    selection:
        DestinationHostname|endswith: '.example.net'
        CommandLine|re: '^(a+)+$'
    condition: selection`));
    const [h] = entryHits(file, domainEntries(file), index, { regexBudgetMs: 50 });
    assert.equal(h.scope, 'rule');
    assert.equal(h.hits, 1);
    assert.equal(h.overBudget, 1);
  });
});
