import type { DocumentKind, SourceFile } from '../document/source';
import type { DomainEntry } from './entry';
import { sigmaDomainExtractor } from './sigma-extractor';
import { kqlDomainExtractor } from '../kql/domains';

/**
 * Finds the domain entries of one format. A format module adds its extractor to
 * `DOMAIN_EXTRACTORS` (one import, one array element); the checks, the hover and
 * `tripline domains` then work on its entries unchanged.
 *
 * Building an entry from a KQL literal: `readValue(text, match, fieldKind, false)` from `./value`
 * gives host, boundaries and ip; `fieldKindOf(column, false)` from `./fields` classifies a column.
 */
export interface DomainExtractor {
  format: string;
  kinds: readonly DocumentKind[];
  extract(file: SourceFile): DomainEntry[];
}

const DOMAIN_EXTRACTORS: DomainExtractor[] = [sigmaDomainExtractor, kqlDomainExtractor];

/** Every domain entry of a file, computed once per parsed file and shared by all consumers. */
export function domainEntries(file: SourceFile): DomainEntry[] {
  const cached = file.slots.domainEntries;
  if (cached) return cached;
  const out: DomainEntry[] = [];
  // A loop, not push(...list): a list of 200,000 entries would overflow the stack as arguments.
  for (const x of DOMAIN_EXTRACTORS) if (x.kinds.includes(file.kind)) for (const e of x.extract(file)) out.push(e);
  file.slots.domainEntries = out;
  return out;
}
