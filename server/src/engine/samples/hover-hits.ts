import { DOMAIN_SAMPLE_HITS } from '../features/domain-hover';
import { describeHits } from './entry-hits';
import { sampleHitsOf } from './file-hits';

/**
 * Fills the domain hover's sample line from the counts the samples preparer attached to the file
 * (synchronous, like the hover): the same numbers as the inlay hint and `domains/noisy-in-samples`.
 */
export function installHoverHits(): void {
  DOMAIN_SAMPLE_HITS.provider = (entry, ctx) => {
    const data = sampleHitsOf(ctx.file);
    const same = (a: typeof entry.range, b: typeof entry.range): boolean => a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
    const h = data?.hits.find((x) => x.entry === entry || same(x.entry.range, entry.range));
    if (!h || !data) return null;
    return `**Sample telemetry** (${data.sources} file${data.sources === 1 ? '' : 's'}): this entry matches ${describeHits(h)}.`;
  };
}
