import type { AttackDomain, CatalogData } from './data';

interface DomainCounts {
  techniques: number;
  subtechniques: number;
  revoked: number;
  deprecated: number;
}

/** Counts in the form MITRE's release notes use: active techniques and sub-techniques, revoked, deprecated. */
export function catalogCounts(data: CatalogData): {
  domains: Partial<Record<AttackDomain, DomainCounts>>;
  detectionStrategies: number;
  analytics: number;
  dataComponents: number;
  tactics: number;
} {
  const domains: Partial<Record<AttackDomain, DomainCounts>> = {};
  for (const t of data.techniques) {
    for (const d of t.domains) {
      const c = (domains[d] ??= { techniques: 0, subtechniques: 0, revoked: 0, deprecated: 0 });
      if (t.revoked) c.revoked++;
      else if (t.deprecated) c.deprecated++;
      else if (t.id.includes('.')) c.subtechniques++;
      else c.techniques++;
    }
  }
  return {
    domains,
    detectionStrategies: data.detectionStrategies.length,
    analytics: data.analytics.length,
    dataComponents: data.dataComponents.length,
    tactics: data.tactics.length,
  };
}

/** One array element per line: readable diffs when MITRE releases a new version. */
export function serializeCatalog(data: CatalogData): string {
  const lines: string[] = ['{'];
  const entries = Object.entries(data);
  entries.forEach(([k, v], i) => {
    const comma = i < entries.length - 1 ? ',' : '';
    if (Array.isArray(v)) {
      lines.push(`${JSON.stringify(k)}: [`);
      v.forEach((item, j) => lines.push(JSON.stringify(item) + (j < v.length - 1 ? ',' : '')));
      lines.push(']' + comma);
    } else lines.push(`${JSON.stringify(k)}: ${JSON.stringify(v)}${comma}`);
  });
  lines.push('}');
  return lines.join('\n') + '\n';
}
