import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSource } from '../../document/source';
import { previewRule, type TelemetryEvent } from '../index';
import { previewInContext } from '../correlation/in-context';
import { applyFilters, filterApplies, renameCondition } from './apply';
import { RuleLibrary } from '../correlation/library';

const RAR = `title: Data Compressed - rar.exe
id: 6f3e2987-db24-4c78-a860-b4f4095a7095
name: rar_compress
logsource:
    category: process_creation
    product: windows
detection:
    selection:
        Image|endswith: '\\rar.exe'
        CommandLine|contains: ' a '
    condition: selection
`;
const filter = (
  rules: string,
  logsource = '    category: process_creation\n    product: windows',
  condition = 'not selection',
): string => `title: Filter Administrator account
description: The valid administrator account start with adm_
logsource:
${logsource}
filter:
    rules:
${rules}
    selection:
        User|startswith: 'adm_'
    condition: ${condition}
`;
const events: TelemetryEvent[] = [
  { EventID: 1, Image: 'C:\\Program Files\\WinRAR\\rar.exe', CommandLine: 'rar a x.rar docs', User: 'CORP\\bob' },
  { EventID: 1, Image: 'C:\\Program Files\\WinRAR\\rar.exe', CommandLine: 'rar a y.rar docs', User: 'adm_alice' },
  { EventID: 1, Image: 'C:\\Windows\\notepad.exe', CommandLine: 'notepad a b', User: 'adm_alice' },
];
const samples = [{ source: 'p.ndjson', text: events.map((e) => JSON.stringify(e)).join('\n'), format: 'ndjson' as const }];
const run = (ruleText: string, context: { path: string; text: string }[]): ReturnType<typeof previewInContext> =>
  previewInContext({ ruleText, rulePath: 'rules/rar.yml' }, samples, { run: previewRule, context });

describe('Sigma filters in preview', () => {
  it('without a filter both rar runs match', async () => {
    const r = await run(RAR, []);
    assert.deepEqual(
      r.matches.map((m) => m.index),
      [0, 1],
    );
    assert.equal(r.filters, undefined);
  });
  it('a filter naming the rule by id removes the administrator run (condition ANDed as written: not selection)', async () => {
    const r = await run(RAR, [{ path: 'filters/mf_admins.yml', text: filter('        - 6f3e2987-db24-4c78-a860-b4f4095a7095 # Data Compressed - rar.exe') }]);
    assert.deepEqual(
      r.matches.map((m) => m.index),
      [0],
    );
    assert.deepEqual(r.filters, ['Filter Administrator account']);
    assert.deepEqual(r.matches[0].selections, ['selection'], 'the filter adds no selection of its own');
  });
  it('by name, and `rules: any` for every rule of the logsource', async () => {
    assert.deepEqual(
      (await run(RAR, [{ path: 'f.yml', text: filter('        - rar_compress') }])).matches.map((m) => m.index),
      [0],
    );
    assert.deepEqual(
      (await run(RAR, [{ path: 'f.yml', text: filter('        - any').replace('    rules:\n        - any', '    rules: any') }])).matches.map((m) => m.index),
      [0],
    );
  });
  it('is not applied to other rules or when its logsource asks for more than the rule has', async () => {
    assert.deepEqual((await run(RAR, [{ path: 'f.yml', text: filter('        - df0841c0-9846-4e9f-ad8a-7df91571771b') }])).matches.length, 2);
    assert.deepEqual(
      (await run(RAR, [{ path: 'f.yml', text: filter('        - rar_compress', '    category: process_creation\n    product: linux') }])).matches.length,
      2,
    );
    // A filter that only sets product applies to a rule with product and category.
    assert.deepEqual((await run(RAR, [{ path: 'f.yml', text: filter('        - rar_compress', '    product: windows') }])).matches.length, 1);
  });
  it('a filter in the same file as the rule applies too', async () => {
    const r = await run(`${RAR}---\n${filter('        - rar_compress')}`, []);
    assert.equal(r.rule, 'Data Compressed - rar.exe');
    assert.deepEqual(
      r.matches.map((m) => m.index),
      [0],
    );
  });
  it('renames identifiers, patterns and them in the filter condition', () => {
    assert.equal(renameCondition('not 1 of sel_* and not (them or x)', '_f0_'), 'not 1 of _f0_sel_* and not (_f0_* or _f0_x)');
  });
  it('filterApplies and applyFilters keep the rule untouched when no filter applies', () => {
    const lib = RuleLibrary.fromFiles([
      { path: 'r.yml', text: RAR },
      { path: 'f.yml', text: filter('        - nothing') },
    ]);
    const [rule, f] = lib.rules;
    assert.equal(filterApplies(f.rule, rule.rule), false);
    assert.equal(applyFilters(rule, lib.filters()).input.ruleText, RAR);
    const applied = applyFilters(rule, RuleLibrary.fromFiles([{ path: 'f.yml', text: filter('        - rar_compress') }]).filters());
    const parsed = loadSource('r.yml', applied.input.ruleText).sigma[0];
    assert.equal(parsed.detection?.conditions[0].text, '(selection) and (not _filter0_selection)');
  });
  it('applies to the detection rules a correlation refers to', async () => {
    const corr = `title: Two archives\ncorrelation:\n    type: event_count\n    rules: [rar_compress]\n    group-by: [EventID]\n    timespan: 1h\n    condition:\n        gte: 2\n---\n${RAR}`;
    const timed = [
      { source: 't.ndjson', text: events.map((e, i) => JSON.stringify({ ...e, UtcTime: `2024-05-01 09:0${i}:00` })).join('\n'), format: 'ndjson' as const },
    ];
    const without = await previewInContext({ ruleText: corr, rulePath: 'c.yml' }, timed, { run: previewRule });
    assert.equal(without.correlations?.length, 1);
    const withFilter = await previewInContext({ ruleText: corr, rulePath: 'c.yml' }, timed, {
      run: previewRule,
      context: [{ path: 'f.yml', text: filter('        - rar_compress') }],
    });
    assert.equal(withFilter.correlations?.length, 0);
    assert.deepEqual(withFilter.filters, ['Filter Administrator account']);
  });
});
