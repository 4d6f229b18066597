import { lookupService } from '../webservices/catalog';
import OPERATIONAL from '../../../../data/attack/operational-techniques.json';
import type { RuleLogic } from './rule-logic';

interface OperationalSuggestion {
  /** Technique ids, best first. */
  techniques: string[];
  /** What in the rule points to them, for the message; undefined when only the fallback applies. */
  evidence?: string;
}

type CategoryTable = Record<string, { techniques: string[]; why: string }>;
const BY_CATEGORY = OPERATIONAL.byCategory as CategoryTable;

function looksLikeDownload(logic: RuleLogic): boolean {
  const hay = logic.query ?? logic.values.join('\n');
  return OPERATIONAL.downloadHints.values.some((v) => hay.includes(v));
}

function looksLikePhishing(logic: RuleLogic): boolean {
  const p = OPERATIONAL.phishing;
  if (logic.service && p.services.includes(logic.service)) return true;
  if (logic.category && p.categories.includes(logic.category)) return true;
  return logic.query !== undefined && p.tables.some((t) => logic.query!.includes(t));
}

/**
 * The operational technique(s) a rule observes, from the web services its logic names (via the
 * web-service catalog) and the kind of telemetry it reads. Registration of accounts (PRE) is never
 * visible to the victim; their later use is.
 */
export function operationalTechniques(logic: RuleLogic, limit = 3): OperationalSuggestion {
  const votes = new Map<string, number>();
  const evidence: string[] = [];
  const vote = (ids: string[]): void => ids.forEach((id, i) => votes.set(id, (votes.get(id) ?? 0) + (i === 0 ? 2 : 1)));
  if (looksLikePhishing(logic)) {
    vote(OPERATIONAL.phishing.techniques);
    evidence.push('mail telemetry');
  }
  const seen = new Set<string>();
  const download = looksLikeDownload(logic);
  let services = 0;
  for (const host of logic.hostnames) {
    const m = lookupService(host);
    if (!m || seen.has(m.service.name)) continue;
    seen.add(m.service.name);
    const row = BY_CATEGORY[m.service.category];
    if (!row) continue;
    const ids = [...row.techniques];
    if (download && ids.includes('T1105')) ids.sort((a, b) => (a === 'T1105' ? -1 : b === 'T1105' ? 1 : 0));
    vote(ids);
    services++;
    if (evidence.length < 3) evidence.push(`${m.service.name} (${m.service.category})`);
  }
  if (services > 3) evidence.push(`${services - 3} more services`);
  if (votes.size === 0) return { techniques: [...OPERATIONAL.fallback.techniques] };
  // Map order is first-seen order, so ties keep the order the rule's logic names them in.
  const ranked = [...votes].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  return { techniques: ranked.slice(0, limit), evidence: evidence.join(', ') };
}
