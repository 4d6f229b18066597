import { basename } from 'node:path';
import type { Range } from '../core/position';
import type { SourceFile } from '../document/source';
import { sentinelRules } from '../kql/sentinel-rule';
import { categoryTerms, lookupService, type WebService } from '../webservices/catalog';
import type { DomainEntry } from './entry';
import { domainEntries } from './extractors';

/**
 * Whether a rule is *about* the service an entry names: a rule on ngrok that matches `.ngrok.dev`
 * means every tenant on purpose, while a generic dead-drop list that matches `.azurewebsites.net`
 * reaches every customer of a platform ordinary traffic uses all day. Read from what the author
 * wrote about the rule (title, description, tags, logsource, file name; for KQL files the comment
 * lines), and from the rule naming several domains of the same service.
 */

/** Vendor words too broad to say what a rule is about ("Microsoft ..." says nothing about SharePoint). */
const MEGA_VENDORS = new Set(['microsoft', 'google', 'amazon', 'azure', 'aws', 'cloudflare', 'apple', 'meta']);

function within(inner: Range, outer: Range): boolean {
  const before = (a: Range['start'], b: Range['start']): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

function flatText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(flatText).join(' ');
  if (v && typeof v === 'object')
    return Object.values(v as Record<string, unknown>)
      .map(flatText)
      .join(' ');
  return v === null || v === undefined ? '' : String(v);
}

/** What the author says the rule (holding `range`) is about, lower case. */
function topicText(file: SourceFile, range: Range): string {
  const parts: string[] = [basename(file.path).replace(/[_.-]+/g, ' ')];
  if (file.kind === 'sigma') {
    const rule = file.sigma.find((r) => within(range, r.range));
    if (rule) {
      for (const key of ['title', 'description', 'tags', 'logsource']) parts.push(flatText(rule.entries.get(key)?.value));
    }
  } else if (file.kind === 'sentinel') {
    const rule = sentinelRules(file).find((r) => within(range, r.range));
    for (const key of ['name', 'description', 'tags']) parts.push(flatText(rule?.fields.get(key)?.node?.toJSON()));
  } else if (file.kind === 'kql') {
    for (const m of file.text.matchAll(/^\s*\/\/(.*)$/gm)) parts.push(m[1]);
  }
  return parts.join(' \n ').toLowerCase();
}

function mentions(text: string, word: string): boolean {
  if (word.length < 3) return false;
  const esc = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9])${esc}($|[^a-z0-9])`).test(text);
}

/** Words that name the service: its catalog `about` words, its name, its domains' first labels. */
function serviceWords(s: WebService): string[] {
  const words = new Set<string>(s.about ?? []);
  const name = s.name
    .toLowerCase()
    .replace(/\s*\(.*\)\s*/g, ' ')
    .trim();
  words.add(name);
  const first = name.split(/\s+/)[0];
  if (first && !MEGA_VENDORS.has(first) && first.length >= 4) words.add(first);
  for (const d of s.domains) {
    const label = d.split('.')[0];
    if (label.length >= 5) words.add(label);
  }
  return [...words];
}

/** True when the rule holding `entry` is about `service` (or about the service's whole category). */
/**
 * What one rule is about, computed once per analysis: the author's text, the verdicts on words
 * already looked for, and the domains each catalogued service has among the rule's entries.
 * (Asked for every entry of a list: rebuilding these per entry made a 170-entry list quadratic.)
 */
export interface RuleTopic {
  text: string;
  mentioned: Map<string, boolean>;
  domainsOf?: Map<WebService, Set<string>>;
}

function topicOf(file: SourceFile, entry: DomainEntry): { key: string; topic: RuleTopic } {
  const cache = (file.slots.domainTopics ??= new Map());
  const key =
    file.kind === 'sigma'
      ? ruleKeyOf(file, entry)
      : file.kind === 'sentinel'
        ? String(sentinelRules(file).findIndex((r) => within(entry.range, r.range)))
        : 'file';
  let topic = cache.get(key);
  if (topic === undefined) {
    topic = { text: topicText(file, entry.range), mentioned: new Map() };
    cache.set(key, topic);
  }
  return { key, topic };
}

function saysWord(topic: RuleTopic, word: string): boolean {
  let yes = topic.mentioned.get(word);
  if (yes === undefined) topic.mentioned.set(word, (yes = mentions(topic.text, word)));
  return yes;
}

/** For each catalogued service, its distinct domains among the entries of the rule `key`. */
function serviceDomains(file: SourceFile, key: string, topic: RuleTopic): Map<WebService, Set<string>> {
  if (topic.domainsOf) return topic.domainsOf;
  const out = new Map<WebService, Set<string>>();
  for (const other of domainEntries(file)) {
    if (!other.host || (file.kind === 'sigma' && ruleKeyOf(file, other) !== key)) continue;
    const m = lookupService(other.host);
    if (!m) continue;
    const set = out.get(m.service) ?? new Set<string>();
    set.add(m.domain);
    out.set(m.service, set);
  }
  return (topic.domainsOf = out);
}

/** True when the rule holding `entry` is about `service` (or about the service's whole category). */
export function isAboutService(file: SourceFile, entry: DomainEntry, service: WebService): boolean {
  const { key, topic } = topicOf(file, entry);
  if (serviceWords(service).some((w) => saysWord(topic, w))) return true;
  if (categoryTerms(service.category).some((w) => saysWord(topic, w))) return true;
  // Several different domains of the same service in one rule: the service is the subject.
  return (serviceDomains(file, key, topic).get(service)?.size ?? 0) >= 2;
}

function ruleKeyOf(file: SourceFile, e: DomainEntry): string {
  return String(file.sigma.findIndex((r) => within(e.range, r.range)));
}
