/**
 * Conformance with SigmaHQ's regression data: every rule matches its own events at least
 * `match_count` times (1 when absent), as SigmaHQ's reference checker (evtx-sigma-checker with
 * tests/thor.yml) requires; and no rule matches a large share of the other rules' events
 * (an over-permissive evaluator would).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, it } from 'node:test';
import { compilePreview, matchEvent, previewRule, readSample, type TelemetryEvent } from '../../server/src/engine/preview';
import { skipWithoutShared } from '../shared-data';
import { regressionCases, sigmahqDir, type RegressionCase } from './regression-data';

describe('SigmaHQ regression data', { skip: skipWithoutShared('corpus/sigmahq/regression_data') }, () => {
  const cases = regressionCases();
  const SIGMAHQ = sigmahqDir();

  it('has the corpus (every case names a rule that exists)', () => {
    assert.ok(cases.length >= 200, `expected the SigmaHQ regression data, found ${cases.length} cases`);
    const missing = cases.filter((c) => !c.rulePath).map((c) => `${c.ruleId} (${relative(SIGMAHQ, c.folder)})`);
    assert.deepEqual(missing, []);
  });

  // Each folder holds the original .evtx and its JSON export: both must satisfy the rule.
  for (const [variant, other] of [
    ['exported JSON', /\.evtx$/i],
    ['binary .evtx', /\.json$/i],
  ] as const) {
    it(`every rule matches its own events at least match_count times (${variant})`, async () => {
      const failures: string[] = [];
      let folders = 0;
      for (const c of cases) {
        if (!c.rulePath) continue;
        const files = c.files.filter((f) => !other.test(f));
        folders++;
        const r = await previewRule(
          { ruleText: readFileSync(c.rulePath, 'utf8'), rulePath: c.rulePath },
          files.map((f) => ({ source: f, path: f })),
        );
        if (r.matched < c.matchCount || r.skipped.length > 0) {
          failures.push(
            `${relative(SIGMAHQ, c.folder)}: ${r.matched}/${c.matchCount} matches in ${r.scanned} events, ${r.skipped.length} unreadable ${r.skipped.map((s) => s.reason).join('; ')}`,
          );
        }
      }
      assert.deepEqual(failures, []);
      assert.ok(folders >= 200, `${folders} folders`);
    });
  }

  it("no rule matches many of the other rules' events (over-matching)", async () => {
    const events: { owner: RegressionCase; event: TelemetryEvent }[] = [];
    for (const c of cases)
      for (const f of c.files.filter((x) => !/\.evtx$/i.test(x)))
        for await (const item of readSample({ source: f, path: f })) if (item.kind === 'event') events.push({ owner: c, event: item.event });
    const report: string[] = [];
    let worst = 0;
    for (const c of cases) {
      if (!c.rulePath) continue;
      const rule = compilePreview({ ruleText: readFileSync(c.rulePath, 'utf8'), rulePath: c.rulePath });
      let n = 0;
      for (const e of events) if (e.owner !== c && matchEvent(rule, e.event).matched) n++;
      worst = Math.max(worst, n);
      if (n > 0) report.push(`${n} ${relative(SIGMAHQ, c.folder)}`);
    }
    // Cross-matches found are sibling rules (a generic rule and its specialisations, e.g. the
    // bitsadmin download family); a rule matching 5% of everything would be a broken evaluator.
    assert.ok(worst <= events.length * 0.05, `a rule matched ${worst} of ${events.length} foreign events:\n${report.join('\n')}`);
    assert.ok(report.length < cases.length / 2, `${report.length} rules match foreign events`);
  });
});
