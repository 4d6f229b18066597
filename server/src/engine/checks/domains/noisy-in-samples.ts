import type { Check } from '../check';
import { describeDetails, describeShare, describeSubject, percent, sampleHitsOf } from '../../samples';
import { breadthSeverity, contextNote, isAllowlisted } from './shared';

const details = (h: Parameters<typeof describeDetails>[0]): string => {
  const d = describeDetails(h);
  return d ? `; ${d}` : '';
};

/**
 * `domains/noisy-in-samples`: an entry that brings more than `samples.noisyShare` of the baseline
 * sample events it could match (same logsource, field present) into the rule: for a Sigma
 * selection, with every other selection and filter of the rule applied, as preview would; for a KQL entry,
 * the rows its query returns with the entry alone in its list (samples/kql-hits.ts). The counts come from
 * the samples preparer (engine/samples), computed once per sample set, so the CLI and the editor
 * report the same entries.
 */
export const noisyInSamples: Check = {
  id: 'domains/noisy-in-samples',
  defaultSeverity: 'warning',
  doc: 'A domain-list entry makes the rule match a large share of the sample telemetry (the bundled baseline and the files in samples.paths): in production it will fire on ordinary traffic. For a Sigma selection the count is what preview reports for the rule with that entry as the only value of its list (every other selection and filter applied), so a browser filter that removes the traffic also removes the finding; for KQL, the rows preview returns for the query with that entry as the only value of its list, up to its first aggregation (a query outside the preview subset keeps the per-column count, and says so). The threshold is samples.noisyShare (default 1%). Narrow the entry, AND the list with the processes that should never reach the service, or allowlist the service if it is sanctioned.',
  kinds: ['sigma', 'sentinel', 'kql'],
  run(ctx) {
    const data = sampleHitsOf(ctx.file);
    if (!data) return;
    const share = ctx.config.samples.noisyShare;
    for (const h of data.hits) {
      if (
        h.entry.host === null ||
        h.entry.context.polarity === 'exclude' ||
        h.entry.context.polarity === 'label' ||
        h.events === 0 ||
        h.hits / h.events <= share
      )
        continue;
      if (isAllowlisted(h.entry, ctx.config)) continue;
      ctx.report({
        range: h.entry.range,
        severity: breadthSeverity(h.entry, 'warning'),
        message: `${describeSubject(h)} matches ${describeShare(h)}, above samples.noisyShare (${percent(share, 1)})${details(h)}. Expect it to fire on ordinary traffic: narrow it, or AND the list with what should never reach the service.${contextNote(h.entry)}`,
      });
    }
  },
};
