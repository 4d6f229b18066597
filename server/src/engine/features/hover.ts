import type { FeatureContext, HoverProvider, HoverResult } from './types';
import { attackHover } from './attack-hover';
import { sigmaHover } from './sigma-hover';
import { domainHover } from './domain-hover';
import { kqlHover } from './kql-hover';

/** Hover providers in priority order; feature modules (ATT&CK, domains, KQL) add theirs. */
const HOVER_PROVIDERS: HoverProvider[] = [sigmaHover, attackHover, domainHover, kqlHover];

export function hoverAt(ctx: FeatureContext): HoverResult | null {
  for (const p of HOVER_PROVIDERS) {
    const r = p(ctx);
    if (r) return r;
  }
  return null;
}
