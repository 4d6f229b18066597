import { rangeContains, type Range } from '../core/position';
import type { SourceFile } from '../document/source';
import { describeHits } from '../samples/entry-hits';
import { sampleHitsOf } from '../samples/file-hits';
import type { DomainEntry } from '../domains/entry';
import { domainEntries } from '../domains/extractors';
import { describeMatch, exampleHosts } from '../domains/matching';
import { prevalenceOf, tenantSuffix } from '../domains/breadth';
import { suffixInfo } from '../domains/psl';
import { lookupService } from '../webservices/catalog';
import type { FeatureContext, HoverProvider } from './types';

/**
 * The sample line of the hover, from the counts the samples preparer attached to the file
 * (synchronous, like the hover): the same numbers as the inlay hint and `domains/noisy-in-samples`.
 */
function sampleHitsLine(entry: DomainEntry, file: SourceFile): string | null {
  const data = sampleHitsOf(file);
  const h = data?.hits.find((x) => x.entry === entry || sameRange(x.entry.range, entry.range));
  if (!h || !data) return null;
  return `**Sample telemetry** (${data.sources} file${data.sources === 1 ? '' : 's'}): this entry matches ${describeHits(h)}.`;
}

const sameRange = (a: Range, b: Range): boolean =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

const code = (s: string): string => '`' + s.replace(/`/g, "'") + '`';

/** Explains a domain-list entry: what it matches, which service it names, its suffix. */
export const domainHover: HoverProvider = (ctx) => {
  const entry = domainEntries(ctx.file).find((e) => rangeContains(e.range, ctx.pos));
  if (!entry) return null;
  return { range: entry.range, markdown: domainHoverMarkdown(entry, ctx) };
};

function domainHoverMarkdown(entry: DomainEntry, ctx: FeatureContext | null): string {
  const lines: string[] = [];
  const where = [entry.field || 'keyword', ...entry.modifiers].join('|');
  lines.push(`**${code(entry.value)}** — ${code(where)} (${entry.fieldKind} field)`);
  lines.push('');
  lines.push(`Matches ${describeMatch(entry)}.`);
  const ex = exampleHosts(entry);
  if (ex.matches.length > 0) lines.push(`- would match: ${ex.matches.map(code).join(', ')}`);
  if (ex.misses.length > 0) lines.push(`- would not match: ${ex.misses.map(code).join(', ')}`);
  if (entry.problems.length > 0) lines.push(`- never a host name: ${entry.problems.map((p) => p.detail).join('; ')}`);
  const host = entry.host;
  if (host && !entry.ip) {
    const svc = lookupService(host);
    if (svc) {
      const s = svc.service;
      const tenancy =
        s.multiTenant === 'subdomain'
          ? 'multi-tenant by subdomain'
          : s.multiTenant === 'path'
            ? 'multi-tenant by URL path (the host alone cannot tell tenants apart)'
            : 'single operator';
      lines.push('');
      lines.push(`**${s.name}** — ${s.category}, ${tenancy}, popularity ${s.popularity}${s.techniques.length ? `; ATT&CK: ${s.techniques.join(', ')}` : ''}`);
      if (s.note) lines.push(`\n${s.note}`);
    }
    const info = suffixInfo(host);
    const t = tenantSuffix(host);
    const suffixLine = info.publicSuffix
      ? `Public suffix: ${code(info.publicSuffix)} (${info.isPrivate ? 'PSL private section' : info.isIcann ? 'PSL ICANN section' : 'not on the list'}); registrable domain: ${info.registrableDomain ? code(info.registrableDomain) : 'none — the entry is itself a suffix'}`
      : 'No public suffix (not an Internet name)';
    lines.push('');
    lines.push(suffixLine);
    if (t && t.source === 'catalog')
      lines.push(`\nEvery customer of ${t.service?.name ?? host} gets a subdomain of ${code(host)}, although it is not on the suffix list.`);
    const p = prevalenceOf(host);
    if (p) lines.push(`\nVery common name: ${p.label} (popularity ${p.tier}).`);
  } else if (entry.ip) {
    lines.push('');
    lines.push('An IP address or network, not a name.');
  }
  const c = entry.context;
  lines.push('');
  if (c.polarity === 'exclude') lines.push(`In a filter${c.container ? ` (${c.container})` : ''}: a match removes the event.`);
  else if (c.narrowedBy.length > 0) lines.push(`ANDed with ${c.narrowedBy.join('; ')}.`);
  else if (c.polarity === 'match') lines.push(`Stands alone${c.container ? ` in ${c.container}` : ''}: no process or application selection narrows it.`);
  const hits = ctx ? sampleHitsLine(entry, ctx.file) : null;
  if (hits) lines.push(`\n${hits}`);
  return lines.join('\n');
}
