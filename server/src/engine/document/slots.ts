import type { FileMappings } from '../attack/mapping';
import type { DomainEntry } from '../domains/entry';
import type { RuleTopic } from '../domains/topic';
import type { KqlFileAnalysis } from '../kql/analysis';
import type { FileSampleHits } from '../samples/file-hits';
import type { FieldItem } from '../sigma/model';
import type { KqlLiteral } from '../samples/kql-entry-query';

/**
 * What modules compute once per parsed file and share (checks, hovers, hints), one named slot each.
 * Typed so a reader never casts: a module that needs a new per-file memo adds its slot here.
 */
export interface FileSlots {
  /** Parsed queries of a KQL file or Sentinel rule (kql/analysis.ts, the KQL preparer). */
  kql?: KqlFileAnalysis;
  /** ATT&CK mapping of each rule (attack/mapping.ts). */
  attack?: FileMappings;
  /** Every host, domain or URL entry (domains/extractors.ts). */
  domainEntries?: DomainEntry[];
  /** Per rule, what it is about, for "is the rule about this service" (domains/topic.ts). */
  domainTopics?: Map<string, RuleTopic>;
  /** Sigma field items by the start of their values (checks/domains/sigma-fixes.ts). */
  sigmaItems?: Map<string, FieldItem>;
  /** Per-entry sample hit counts (samples/hits-service.ts, when samples are configured). */
  sampleHits?: FileSampleHits;
  /** KQL string literals by entry range, with their query (samples/kql-entry-query.ts). */
  kqlLiterals?: Map<string, KqlLiteral>;
}
