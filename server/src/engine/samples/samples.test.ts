import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { analyzeText } from '../analyze';
import { defaultConfig, mergeConfig } from '../config/config';
import { findings, rule } from '../checks/testing';
import { loadSource } from '../document/source';
import { domainEntries } from '../domains/extractors';
import { bundledSamples, entryHits, expandSamplePattern, globToRegExp, resolveSampleSources, sampleFingerprint, sampleHitsOf, SampleIndex } from '.';

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

  it('counts each entry alone, within the logsource, baseline apart from labelled attacks', async () => {
    const pastebinIndex = events.findIndex((e) => (e as { DestinationHostname?: string }).DestinationHostname === 'pastebin.com');
    const index = new SampleIndex([{ source: path, path }], new Map([[path, new Set([pastebinIndex])]]));
    await index.add(['DestinationHostname']);
    const file = loadSource('rule.yml', text);
    const hits = entryHits(file, domainEntries(file), index);
    const by = new Map(hits.map((h) => [h.entry.value, h]));
    // Sysmon 3 events and proxy events (cs-host is DestinationHostname) carry the field; Sysmon 22 does not pass the logsource.
    const withField = 30 + 5 + 60 + 1 + 10;
    assert.equal(by.get('google.com')!.hits, 30 + 5 + 1 + 10);
    assert.equal(by.get('google.com')!.events, withField);
    assert.equal(by.get('.google.com')!.hits, 30 + 5 + 10);
    assert.equal(by.get('pastebin.com')!.hits, 0);
    assert.equal(by.get('pastebin.com')!.attackHits, 1);
    assert.equal(by.get('example.org')!.hits, 0);
    assert.deepEqual(by.get('google.com')!.top[0], ['www.google.com', 40]);
  });

  it('domains/noisy-in-samples reports entries above samples.noisyShare, with the same numbers', async () => {
    const config = { samples: { bundled: false, paths: [path], noisyShare: 0.2 } };
    const found = await findings(text, 'domains/noisy-in-samples', { config });
    assert.deepEqual(found.map((f) => f.text), ["'google.com'", "'.google.com'"]);
    // Workspace samples carry no labels: the pastebin event counts as baseline here (107, not 106).
    assert.match(found[0].message, /43% of the baseline sample events with DestinationHostname \(46 of 107\)/);
    assert.match(found[0].message, /most often www\.google\.com \(40\)/);
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
    const f = await findings(narrowed, 'domains/noisy-in-samples', { config: { samples: config.samples } });
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'information');
  });

  it('no samples, no finding; a changed sample file is re-indexed', async () => {
    assert.deepEqual(await findings(text, 'domains/noisy-in-samples', { config: { samples: { bundled: false } } }), []);
    const p = write('hits/changing.ndjson', ndjson(Array.from({ length: 10 }, () => sysmon3('a.example.net'))));
    const config = mergeConfig(defaultConfig(), { samples: { bundled: false, paths: [p] } }, 'test');
    const r1 = await analyzeText('rule.yml', text, config);
    assert.equal(sampleHitsOf(r1.file)!.hits.find((h) => h.entry.value === 'google.com')!.hits, 0);
    writeFileSync(p, ndjson(Array.from({ length: 10 }, () => sysmon3('mail.google.com'))));
    utimesSync(p, new Date(), new Date(Date.now() + 10000));
    const r2 = await analyzeText('rule.yml', text, config);
    assert.equal(sampleHitsOf(r2.file)!.hits.find((h) => h.entry.value === 'google.com')!.hits, 10);
  });
});
