// Token scopes of Tripline's grammars on real rules (SigmaHQ, Azure Sentinel), tokenized with
// VS Code's own YAML grammar and the same TextMate engine VS Code uses.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sharedDir, skipWithoutShared } from '../shared-data';
import { find, scopeOf, tokenize } from './tokenize';

const corpus = (...p: string[]): string => readFileSync(join(sharedDir(), 'corpus', ...p), 'utf8');
const has = (scopes: string, scope: string): boolean => scopes.split(' ').includes(scope);

describe('Sigma injection into YAML', { skip: skipWithoutShared('corpus/sigmahq/rules') }, () => {
  const text = corpus('sigmahq', 'rules', 'windows', 'network_connection', 'net_connection_win_python.yml');
  const lines = text.split(/\r?\n/);

  it('marks each modifier of `Image|contains|all` and keeps the field a YAML key', async () => {
    const t = await tokenize(text);
    assert.ok(has(scopeOf(t, lines, 'Image|contains|all:', 'Image'), 'entity.name.tag.yaml'));
    assert.ok(has(scopeOf(t, lines, 'Image|contains|all:', 'contains'), 'support.function.modifier.sigma'));
    assert.ok(has(scopeOf(t, lines, 'Image|contains|all:', 'all'), 'support.function.modifier.sigma'));
    const pipes = find(t, lines, 'Image|contains|all:', '|');
    assert.equal(pipes.length, 2);
    for (const p of pipes) assert.ok(p.scopes.includes('punctuation.separator.modifier.sigma'));
    // Keys without modifiers are left to the YAML grammar.
    assert.ok(!scopeOf(t, lines, 'DestinationIp: 127.0.0.1', 'DestinationIp').includes('sigma'));
  });

  it('highlights the condition: identifiers, logic, quantifiers and wildcards', async () => {
    const t = await tokenize(text);
    const line = 'condition: selection and not 1 of filter_main_*';
    assert.ok(has(scopeOf(t, lines, line, 'condition'), 'entity.name.tag.yaml'));
    assert.ok(has(scopeOf(t, lines, line, 'selection'), 'variable.other.search-identifier.sigma'));
    assert.ok(find(t, lines, line, 'and').every((x) => x.scopes.includes('keyword.operator.logical.sigma')));
    assert.ok(find(t, lines, line, 'not').every((x) => x.scopes.includes('keyword.operator.logical.not.sigma')));
    assert.ok(find(t, lines, line, '1').every((x) => x.scopes.includes('constant.numeric.integer.sigma')));
    assert.ok(find(t, lines, line, 'of').every((x) => x.scopes.includes('keyword.control.quantifier.sigma')));
    assert.ok(has(scopeOf(t, lines, line, 'filter_main_'), 'variable.other.search-identifier.sigma'));
    assert.ok(find(t, lines, line, '*').every((x) => x.scopes.includes('keyword.operator.wildcard.sigma')));
    // The key after the condition is plain YAML again.
    assert.ok(!scopeOf(t, lines, 'falsepositives:', 'falsepositives').includes('meta.condition.sigma'));
  });

  it('highlights ATT&CK tags: tactic and technique', async () => {
    const t = await tokenize(text);
    assert.ok(has(scopeOf(t, lines, '- attack.discovery', 'discovery'), 'support.constant.attack.tactic.sigma'));
    assert.ok(has(scopeOf(t, lines, '- attack.t1046', 't1046'), 'constant.other.attack.technique.sigma'));
    assert.ok(has(scopeOf(t, lines, '- attack.t1046', 'attack'), 'entity.name.namespace.attack.sigma'));
  });

  it('leaves comments inside detection alone', async () => {
    const t = await tokenize(text);
    const c = t.find((x) => x.text.includes('Related to anaconda updates'));
    assert.ok(c && c.scopes.some((s) => s.startsWith('comment.line')), JSON.stringify(c));
    assert.ok(!c.scopes.some((s) => s.endsWith('.sigma')));
  });

  it('works on a proxy rule: modifier, sub-technique tag, `selection and not filter`, trailing comment', async () => {
    const proxy = corpus('sigmahq', 'rules', 'web', 'proxy_generic', 'proxy_telegram_api.yml');
    const pl = proxy.split(/\r?\n/);
    const t = await tokenize(proxy);
    assert.ok(has(scopeOf(t, pl, 'c-useragent|contains:', 'contains'), 'support.function.modifier.sigma'));
    assert.ok(has(scopeOf(t, pl, 'c-useragent|contains:', 'c-useragent'), 'entity.name.tag.yaml'));
    assert.ok(has(scopeOf(t, pl, 'attack.t1102.002', 't1102.002'), 'constant.other.attack.technique.sigma'));
    assert.ok(has(scopeOf(t, pl, 'condition: selection and not filter', 'filter'), 'variable.other.search-identifier.sigma'));
    const comment = t.find((x) => pl[x.line].includes("cs-host: 'api.telegram.org'") && x.text.includes('Often used by Bots'));
    assert.ok(comment?.scopes.some((s) => s.startsWith('comment.line')));
  });

  it('marks a misspelled modifier as unknown, and a quoted keyword modifier key', async () => {
    const src =
      "detection:\n    selection:\n        Image|endswit: 'x'\n    keywords:\n        '|all':\n            - 'a'\n    condition: selection or keywords\n";
    const l = src.split('\n');
    const t = await tokenize(src);
    assert.ok(has(scopeOf(t, l, 'Image|endswit', 'endswit'), 'support.function.modifier.unknown.sigma'));
    assert.ok(has(scopeOf(t, l, "'|all':", 'all'), 'support.function.modifier.sigma'));
  });

  it('does not touch pipes in block scalars, quoted values or ordinary YAML', async () => {
    const src = 'description: |\n    Field|contains: not a key\n    condition: and or\nrun: echo "a|b: c"\nsteps:\n  - name: x|y\n';
    const t = await tokenize(src);
    const sigma = t.filter((x) => x.scopes.some((s) => s.endsWith('.sigma')));
    assert.deepEqual(
      sigma.map((x) => x.text),
      [],
    );
  });
});

describe('KQL grammar and Sentinel query injection', { skip: skipWithoutShared('corpus/sentinel/rules') }, () => {
  const text = corpus('sentinel', 'rules', 'Solutions', 'Zscaler Internet Access', 'Analytic Rules', 'DiscordCDNRiskyDownload.yaml');
  const lines = text.split(/\r?\n/);

  it('embeds KQL in the `query: |` block of a Sentinel analytics rule', async () => {
    const t = await tokenize(text);
    const where = find(t, lines, '| where RequestURL has "attachments"', 'where')[0];
    assert.ok(where.scopes.includes('meta.embedded.block.kql'));
    assert.ok(where.scopes.includes('keyword.control.query.kql'));
    assert.ok(has(scopeOf(t, lines, '| where RequestURL has "attachments"', 'has'), 'keyword.operator.string.kql'));
    assert.ok(has(scopeOf(t, lines, 'has_any("media.discordapp.net"', 'has_any'), 'keyword.operator.string.kql'));
    assert.ok(has(scopeOf(t, lines, 'let connectionThreshold = 1;', 'let'), 'storage.type.let.kql'));
    assert.ok(has(scopeOf(t, lines, 'let connectionThreshold = 1;', 'connectionThreshold'), 'variable.other.declaration.kql'));
    assert.ok(has(scopeOf(t, lines, '| where DeviceAction !~ "blocked"', '!~'), 'keyword.operator.kql'));
    assert.ok(has(scopeOf(t, lines, '| mv-expand set_SourceUserName', 'mv-expand'), 'keyword.control.query.kql'));
    assert.ok(find(t, lines, 'extract(@"', 'extract')[0].scopes.includes('support.function.kql'));
  });

  it('leaves the other keys of the rule YAML, before and after the query', async () => {
    const t = await tokenize(text);
    const before = scopeOf(t, lines, 'queryFrequency: 1d', 'queryFrequency');
    assert.ok(has(before, 'entity.name.tag.yaml') && !before.includes('kql'), before);
    const after = scopeOf(t, lines, 'entityMappings:', 'entityMappings');
    assert.ok(has(after, 'entity.name.tag.yaml') && !after.includes('kql'), after);
  });

  it('tokenizes a .kql file: comments, strings, timespans, functions, pipes', async () => {
    const src = [
      '// Bot API traffic from non-browser processes',
      'let lookback = 7d;',
      'DeviceNetworkEvents',
      '| where Timestamp > ago(lookback)',
      '| where RemoteUrl has_any ("api.telegram.org", @"discord.com") and InitiatingProcessFileName !in~ ("chrome.exe")',
      '| summarize count() by bin(Timestamp, 1h), DeviceName',
    ].join('\n');
    const l = src.split('\n');
    const t = await tokenize(src, 'source.kql');
    assert.ok(t.filter((x) => x.line === 0).every((x) => x.scopes.includes('comment.line.double-slash.kql')));
    assert.ok(has(scopeOf(t, l, 'let lookback = 7d;', '7d'), 'constant.numeric.timespan.kql'));
    assert.ok(has(scopeOf(t, l, 'ago(lookback)', 'ago'), 'support.function.datetime.kql'));
    assert.ok(has(scopeOf(t, l, 'has_any (', '!in~'), 'keyword.operator.string.kql'));
    assert.ok(has(scopeOf(t, l, 'has_any (', 'api.telegram.org'), 'string.quoted.double.kql'));
    assert.ok(has(scopeOf(t, l, '| summarize', 'summarize'), 'keyword.control.query.kql'));
    assert.ok(has(scopeOf(t, l, '| summarize', 'by'), 'keyword.other.kql'));
    assert.ok(has(scopeOf(t, l, '| summarize', '1h'), 'constant.numeric.timespan.kql'));
  });
});

describe('injections on a slice of the SigmaHQ corpus', { skip: skipWithoutShared('corpus/sigmahq/rules') }, () => {
  it('never make VS Code YAML grammar report more invalid tokens, and find every condition', async () => {
    const { readdirSync, statSync } = await import('node:fs');
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const n of readdirSync(d).sort()) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (n.endsWith('.yml')) files.push(p);
      }
    };
    walk(join(sharedDir(), 'corpus', 'sigmahq', 'rules'));
    const slice = files.filter((_, i) => i % 10 === 0); // deterministic, every 10th rule
    assert.ok(slice.length > 50);
    const problems: string[] = [];
    for (const f of slice) {
      const src = readFileSync(f, 'utf8');
      const invalid = (ts: Awaited<ReturnType<typeof tokenize>>): number => ts.filter((x) => x.scopes.some((s) => s.startsWith('invalid'))).length;
      const withInjection = await tokenize(src);
      const without = await tokenize(src, 'source.yaml', false);
      if (invalid(withInjection) > invalid(without)) problems.push(`${f}: ${invalid(without)} → ${invalid(withInjection)} invalid tokens`);
      if (
        /^\s+condition:/m.test(src) &&
        !withInjection.some((x) => x.scopes.includes('variable.other.search-identifier.sigma') || x.scopes.includes('keyword.control.quantifier.sigma'))
      )
        problems.push(`${f}: condition not highlighted`);
    }
    assert.deepEqual(problems, []);
  });
});
