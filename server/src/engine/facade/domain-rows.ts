import type { Diagnostic } from '../core/diagnostic';
import type { SourceFile } from '../document/source';
import { domainEntries } from '../domains/extractors';
import { describeMatch } from '../domains/matching';
import { suffixInfo } from '../domains/psl';
import { lookupService } from '../webservices/catalog';

/** One host, domain or URL entry of a rule with what it really matches (`tripline domains`). */
export interface DomainRow {
  value: string;
  line: number;
  character: number;
  field: string;
  modifiers: string[];
  fieldKind: string;
  match: string;
  host: string | null;
  matches: string;
  service: string | null;
  category: string | null;
  multiTenant: 'subdomain' | 'path' | false | null;
  publicSuffix: string | null;
  registrableDomain: string | null;
  context: { polarity: string; narrowedBy: string[]; container?: string };
  verdict: { code: string; severity: string; message: string }[];
}

const key = (d: { range: { start: { line: number; character: number } } }): string => `${d.range.start.line}:${d.range.start.character}`;

/** Every domain entry of an analysed file with its catalog service and the domains/* diagnostics on it. */
export function domainRows(file: SourceFile, diagnostics: readonly Diagnostic[]): DomainRow[] {
  const byStart = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (!d.code.startsWith('domains/')) continue;
    const l = byStart.get(key(d)) ?? [];
    l.push(d);
    byStart.set(key(d), l);
  }
  return domainEntries(file).map((e) => {
    const svc = e.host && !e.ip ? lookupService(e.host) : null;
    const info = e.host && !e.ip ? suffixInfo(e.host) : null;
    return {
      value: e.value,
      line: e.range.start.line,
      character: e.range.start.character,
      field: e.field,
      modifiers: e.modifiers,
      fieldKind: e.fieldKind,
      match: e.match,
      host: e.host,
      matches: describeMatch(e),
      service: svc?.service.name ?? null,
      category: svc?.service.category ?? null,
      multiTenant: svc ? svc.service.multiTenant : null,
      publicSuffix: info?.publicSuffix ?? null,
      registrableDomain: info?.registrableDomain ?? null,
      context: e.context,
      verdict: (byStart.get(key(e)) ?? []).map((d) => ({ code: d.code, severity: d.severity, message: d.message })),
    };
  });
}
