import type { Range } from '../core/position';
import type { SourceFile } from '../document/source';
import type { FieldItem, SigmaRule, ValueEntry } from '../sigma/model';
import type { DomainEntry, EntryContext, EntrySyntax, FieldKind, MatchKind } from './entry';
import type { DomainExtractor } from './extractors';
import { fieldKindOf, isNarrowingField } from './fields';
import { narrowingOf, searchRoles } from './sigma-context';
import { looksLikeHostOrUrl, readValue } from './value';
import { fileExtensionTlds } from '../webservices/catalog';

/**
 * Sigma: every value of a host field; values of URL fields that name a host (not bare paths); and
 * values of any other field or keyword list that clearly are a host or a URL.
 */
export const sigmaDomainExtractor: DomainExtractor = {
  format: 'sigma',
  kinds: ['sigma'],
  extract(file) {
    const out: DomainEntry[] = [];
    for (const rule of file.sigma) extractRule(file, rule, out);
    return out;
  },
};

/** Log sources that record general traffic; any other source (BITS jobs, downloads' Zone.Identifier, process creation) is already a narrow activity. */
const TRAFFIC_CATEGORIES = new Set(['network_connection', 'dns_query', 'dns', 'proxy', 'firewall', 'webserver', 'network']);
const TRAFFIC_SERVICES = new Set([
  'dns',
  'http',
  'ssl',
  'conn',
  'dns-client',
  'dns-server',
  'dns_server',
  'firewall',
  'x509',
  'tls',
  'zeek',
  'suricata',
  'squid',
]);

function logsourceNarrowing(rule: SigmaRule): string | null {
  const ls = rule.logsource;
  const cat = ls?.category?.value?.toLowerCase();
  const svc = ls?.service?.value?.toLowerCase();
  if (!cat && !svc) return null;
  if ((cat && TRAFFIC_CATEGORIES.has(cat)) || (svc && TRAFFIC_SERVICES.has(svc))) return null;
  return `the log source (${cat ? `category: ${cat}` : `service: ${svc}`}), which records only that activity`;
}

function isDnsLike(rule: SigmaRule): boolean {
  const ls = rule.logsource;
  const cat = ls?.category?.value?.toLowerCase() ?? '';
  const svc = ls?.service?.value?.toLowerCase() ?? '';
  return cat === 'dns' || cat === 'dns_query' || svc === 'dns' || svc === 'http' || svc === 'dns-server' || svc === 'dns_server';
}

/** Encodings, comparisons, cidr and field references do not compare the text as a host. */
const NOT_HOST_MODIFIERS = new Set([
  'base64',
  'base64offset',
  'utf16le',
  'utf16be',
  'utf16',
  'wide',
  'cidr',
  'fieldref',
  'gt',
  'gte',
  'lt',
  'lte',
  'exists',
  'expand',
  'windash',
]);

function matchOf(mods: string[], hasWildcard: boolean): MatchKind | null {
  if (mods.includes('re')) return 'regex';
  if (mods.some((m) => NOT_HOST_MODIFIERS.has(m))) return null;
  if (mods.includes('contains')) return 'substring';
  if (mods.includes('endswith')) return 'suffix';
  if (mods.includes('startswith')) return 'prefix';
  return hasWildcard ? 'wildcard' : 'exact';
}

function hasSigmaWildcard(v: string): boolean {
  if (v.indexOf('*') < 0 && v.indexOf('?') < 0) return false;
  return /(^|[^\\])[*?]/.test(v);
}

function syntaxOf(file: SourceFile, range: Range, inList: boolean): EntrySyntax {
  const start = file.index.offset(range.start);
  const c = file.text[start];
  const quote: EntrySyntax['quote'] = c === "'" || c === '"' ? c : '';
  if (!inList) return { quote, list: 'none' };
  let i = start - 1;
  while (i >= 0 && (file.text[i] === ' ' || file.text[i] === '\t')) i--;
  const prev = file.text[i];
  return { quote, list: prev === '-' ? 'block' : prev === '[' || prev === ',' ? 'flow' : 'none' };
}

function extractRule(file: SourceFile, rule: SigmaRule, out: DomainEntry[]): void {
  const det = rule.detection;
  if (!det) return;
  const dnsLike = isDnsLike(rule);
  const roles = searchRoles(rule);
  const byName = new Map(det.searches.map((s) => [s.name, s]));
  const fromSource = logsourceNarrowing(rule);
  const excludedBy: string[] = [];
  for (const s of det.searches) {
    const n = roles.get(s.name)?.polarity === 'exclude' ? narrowingOf(s) : null;
    if (n) excludedBy.push(n);
  }
  for (const search of det.searches) {
    const role = roles.get(search.name) ?? { polarity: 'unknown' as const, andedWith: new Set<string>() };
    const fromOthers: string[] = [];
    for (const other of role.andedWith) {
      const s = byName.get(other);
      const n = s ? narrowingOf(s) : null;
      if (n && !fromOthers.includes(n)) fromOthers.push(n);
    }
    if (fromSource) fromOthers.push(fromSource);
    search.groups.forEach((group, gi) => {
      group.items.forEach((item, ii) => {
        // Items ANDed in the same map narrow the entry too.
        const sameGroup = group.items
          .filter((o) => o !== item && isNarrowingField(o.field) && o.values.some((v) => v.value !== null && v.value !== ''))
          .map((o) => `${o.key} in ${search.name}`);
        const context: EntryContext = { polarity: role.polarity, narrowedBy: [...sameGroup, ...fromOthers], excludedBy, container: search.name };
        // ORed single-item maps on the same field form one list for redundancy purposes.
        const listId =
          search.shape === 'maps' && group.items.length === 1 ? `${rule.docIndex}/${search.name}/*/${item.key}` : `${rule.docIndex}/${search.name}/${gi}/${ii}`;
        extractItem(file, item, dnsLike, context, listId, out);
      });
    });
    if (search.shape === 'keywords') {
      const context: EntryContext = { polarity: role.polarity, narrowedBy: fromOthers, excludedBy, container: search.name };
      for (const v of search.keywords) pushEntry(file, v, '', 'text', [], context, `${rule.docIndex}/${search.name}/keywords`, search.keywords.length > 1, out);
    }
  }
}

function extractItem(file: SourceFile, item: FieldItem, dnsLike: boolean, context: EntryContext, listId: string, out: DomainEntry[]): void {
  const kind: FieldKind = item.field ? fieldKindOf(item.field, dnsLike) : 'text';
  const mods = item.modifiers.map((m) => m.value);
  // With |all every value must match: each one is narrowed by the others.
  const ctx = mods.includes('all') && item.values.length > 1 ? { ...context, narrowedBy: [`the other values of ${item.key}`, ...context.narrowedBy] } : context;
  for (const v of item.values) pushEntry(file, v, item.field, kind, mods, ctx, listId, item.valueIsList, out);
}

function pushEntry(
  file: SourceFile,
  v: ValueEntry,
  field: string,
  kind: FieldKind,
  mods: string[],
  context: EntryContext,
  listId: string,
  inList: boolean,
  out: DomainEntry[],
): void {
  if (v.nested || v.value === null || typeof v.value === 'boolean') return;
  const value = String(v.value);
  const match = matchOf(mods, hasSigmaWildcard(value));
  if (!match) return;
  // Outside host and URL fields only values that clearly are a host or URL count.
  if (kind !== 'host' && (match === 'regex' || !looksLikeHostOrUrl(value, fileExtensionTlds()))) return;
  const reading = readValue(value, match, kind, match !== 'regex');
  if (kind !== 'host' && !reading.host) return;
  if (kind === 'host' && typeof v.value === 'number') return; // ports or ids mistakenly in a host field are not domains
  out.push({
    value,
    range: v.range,
    format: 'sigma',
    field,
    fieldKind: kind,
    modifiers: mods,
    match,
    caseSensitive: mods.includes('cased'),
    host: reading.host,
    leftBoundary: reading.leftBoundary,
    rightBoundary: reading.rightBoundary,
    ip: reading.ip,
    path: reading.path,
    context,
    problems: reading.problems,
    stripped: reading.stripped,
    listId,
    syntax: syntaxOf(file, v.range, inList),
  });
}
