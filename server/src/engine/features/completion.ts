import type { CompletionEntry, CompletionProvider, FeatureContext } from './types';
import { attackCompletion } from './attack-completion';
import { sigmaCompletion } from './sigma-completion';
import { kqlCompletion } from './kql-completion';

/** Completion providers; all that answer contribute (ATT&CK tags, KQL names, ... add theirs). */
const COMPLETION_PROVIDERS: CompletionProvider[] = [sigmaCompletion, attackCompletion, kqlCompletion];

export function completeAt(ctx: FeatureContext): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  for (const p of COMPLETION_PROVIDERS) {
    const r = p(ctx);
    if (r) out.push(...r);
  }
  return out;
}
