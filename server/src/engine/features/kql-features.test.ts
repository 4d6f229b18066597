import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../analyze';
import { defaultConfig, mergeConfig } from '../config/config';
import type { Position } from '../core/position';
import { completeAt } from './completion';
import { hoverAt } from './hover';

/** Analyses `text` with the cursor at `^` (removed), as the editor would. */
async function at(text: string, path = 'q.kql') {
  const offset = text.indexOf('^');
  const clean = text.slice(0, offset) + text.slice(offset + 1);
  const report = await analyzeText(path, clean);
  const pos: Position = report.file.index.position(offset);
  const linePrefix = clean.slice(clean.lastIndexOf('\n', offset - 1) + 1, offset);
  return { file: report.file, pos, config: defaultConfig(), linePrefix };
}

describe('KQL completion', () => {
  it('offers tabular operators after a pipe', async () => {
    const labels = completeAt(await at('DeviceNetworkEvents\n| ^')).map((c) => c.label);
    assert.ok(labels.includes('where') && labels.includes('summarize') && labels.includes('project-away'));
  });
  it('offers tables where a query starts', async () => {
    const c = completeAt(await at('let x = 1;\nDeviceNet^'));
    assert.ok(c.some((e) => e.label === 'DeviceNetworkEvents' && e.kind === 'table'));
  });
  it('offers the columns of the table in scope, and let names', async () => {
    const c = completeAt(await at('let Domains = dynamic(["a.com"]);\nDeviceNetworkEvents\n| where Remote^'));
    const labels = c.map((e) => e.label);
    assert.ok(labels.includes('RemoteUrl') && labels.includes('InitiatingProcessFileName'));
    assert.ok(labels.includes('Domains'));
    assert.ok(!labels.includes('SubjectUserName'), 'a column of another table');
  });
  it('offers string operators after a column', async () => {
    const c = completeAt(await at('DeviceNetworkEvents\n| where RemoteUrl ^'));
    const has = c.find((e) => e.label === 'has_any');
    assert.ok(has);
    assert.equal(has.kind, 'operator');
  });
  it('works inside a Sentinel rule query block', async () => {
    const text =
      'id: 5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a11\nname: x\nseverity: Low\nqueryFrequency: 1h\nqueryPeriod: 1h\ntriggerOperator: gt\ntriggerThreshold: 0\nquery: |\n  DeviceProcessEvents\n  | where ProcessCommand^\n';
    const labels = completeAt(await at(text, 'rule.yaml')).map((c) => c.label);
    assert.ok(labels.includes('ProcessCommandLine'));
  });
});

describe('KQL hover', () => {
  it('describes a column with its type and schema description', async () => {
    const h = hoverAt(await at('DeviceNetworkEvents\n| where Remote^Url has "x"'));
    assert.ok(h);
    assert.match(h.markdown, /\*\*RemoteUrl\*\*: `string` \(column\)/);
  });
  it('describes a table: what it is, its columns, where the schema comes from', async () => {
    const h = hoverAt(await at('DeviceNetwork^Events | take 1'));
    assert.match(h?.markdown ?? '', /DeviceNetworkEvents\*\* \(table, \d+ columns\)/);
    assert.match(h?.markdown ?? '', /Microsoft Defender XDR advanced-hunting table; time column `Timestamp`/);
    assert.match(h?.markdown ?? '', /Host and URL columns: .*`RemoteIP`.*`RemoteUrl`/);
    assert.doesNotMatch(h?.markdown ?? '', /InitiatingProcessAccountDomain/);
    assert.match(h?.markdown ?? '', /Schema from data\/kql-schemas\/tables\.json/);
    const sec = hoverAt(await at('let t = 1h;\nSecurity^Event\n| where EventID == 4688'));
    assert.match(sec?.markdown ?? '', /\*\*SecurityEvent\*\* \(table, \d+ columns\)\n\nLog Analytics table .*time column `TimeGenerated`/);
  });
  it('describes a table in a Sentinel rule query, after a join, and a project table from the configuration', async () => {
    const sentinel =
      'id: 5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a11\nname: x\nseverity: Low\nqueryFrequency: 1h\nqueryPeriod: 1h\ntriggerOperator: gt\ntriggerThreshold: 0\nquery: |\n  DeviceProcessEvents\n  | join (DeviceNetwork^Events) on DeviceId\n';
    assert.match(hoverAt(await at(sentinel, 'rule.yaml'))?.markdown ?? '', /\*\*DeviceNetworkEvents\*\* \(table/);
    const ctx = await at('MyApp^_CL | take 1');
    const config = mergeConfig(defaultConfig(), { kql: { tables: { MyApp_CL: { TimeGenerated: 'datetime', Url_s: 'string' } } } }, 'test');
    const custom = hoverAt({ ...ctx, config });
    assert.match(
      custom?.markdown ?? '',
      /\*\*MyApp_CL\*\* \(table, \d+ columns\)\n\ncustom log table .*Host and URL columns: `Url_s`\n\nSchema from kql\.tables in the configuration/s,
    );
    assert.equal(hoverAt(await at('Nonexistent^Table | take 1')), null, 'no hover on an unknown name');
  });
  it('explains has with its term semantics', async () => {
    const h = hoverAt(await at('DeviceNetworkEvents | where RemoteUrl ha^s "discord.com"'));
    assert.match(h?.markdown ?? '', /whole term/);
    assert.match(h?.markdown ?? '', /discord\.com\.evil\.io/);
  });
  it('explains a tabular operator', async () => {
    const h = hoverAt(await at('DeviceNetworkEvents | summ^arize count() by DeviceName'));
    assert.match(h?.markdown ?? '', /summarize\*\* \(KQL tabular operator\)/);
  });
});
