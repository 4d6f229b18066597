import type { Fix, Severity, TextEdit } from '../../core/diagnostic';
import type { TriplineConfig } from '../../config/config';
import type { SourceFile } from '../../document/source';
import type { DomainEntry } from '../../domains/entry';
import { domainEntries } from '../../domains/extractors';
import { toAsciiHost } from '../../domains/value';

/** Helpers every `domains/*` check shares: entries, allowlist, context-aware severity, edits. */

export function entriesOf(file: SourceFile): DomainEntry[] {
  return domainEntries(file);
}

function normaliseAllowed(d: string): string {
  let h = toAsciiHost(d.trim());
  h = h.replace(/^\*?\./, '');
  while (h.endsWith('.')) h = h.slice(0, -1);
  return h;
}

const allowCache = new WeakMap<string[], Set<string>>();

/** The entry's host is an allowlisted domain or one of its subdomains (`domains.allowlist`). */
export function isAllowlisted(entry: DomainEntry, config: TriplineConfig): boolean {
  if (!entry.host || config.domains.allowlist.length === 0) return false;
  let set = allowCache.get(config.domains.allowlist);
  if (!set) {
    set = new Set(config.domains.allowlist.map(normaliseAllowed).filter(Boolean));
    allowCache.set(config.domains.allowlist, set);
  }
  for (let h = entry.host; h;) {
    if (set.has(h)) return true;
    const dot = h.indexOf('.');
    if (dot < 0) break;
    h = h.slice(dot + 1);
  }
  return false;
}

/**
 * The entry stands for a whole site (or more): not a URL with a path (one resource), and not a
 * free-text field compared for equality (an identifier such as CloudTrail's eventSource).
 */
export function namesWholeSite(entry: DomainEntry): boolean {
  if (entry.fieldKind === 'text' && entry.match === 'exact') return false;
  return entry.path.length <= 1;
}

/** A breadth finding matters less when the list is ANDed with a narrow process or application selection. */
export function breadthSeverity(entry: DomainEntry, base: Severity): Severity {
  if (entry.context.narrowedBy.length > 0 || entry.fieldKind === 'text') return 'information';
  return base;
}

/** The sentence that tells the user the context was taken into account. */
export function contextNote(entry: DomainEntry): string {
  if (entry.fieldKind === 'text')
    return ` (Reported as information: the value is matched inside free text${entry.field ? ` (${entry.field})` : ''}, not against a host field.)`;
  if (entry.context.narrowedBy.length === 0) return '';
  return ` (Reported as information: the list is ANDed with ${entry.context.narrowedBy.slice(0, 2).join(' and ')}, which keeps the noise down.)`;
}

/** Writes `value` as a token in the entry's own quoting style (YAML or KQL). */
export function quoteLike(entry: DomainEntry, value: string): string {
  if (entry.format === 'kql') {
    const q = entry.syntax.quote || '"';
    return q + value.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), '\\' + q) + q;
  }
  if (entry.syntax.quote === '"') return JSON.stringify(value);
  if (entry.syntax.quote === '' && /^[A-Za-z0-9._-][A-Za-z0-9._/:-]*$/.test(value) && !/:\s|: *$/.test(value)) return value;
  return `'${value.replace(/'/g, "''")}'`;
}

export function replaceValue(entry: DomainEntry, value: string): TextEdit {
  return { range: entry.range, newText: quoteLike(entry, value) };
}

export function allowlistFix(domain: string): Fix {
  return { title: `Allowlist '${domain}' (sanctioned service)`, edits: [], command: { id: 'tripline.addToAllowlist', args: [domain] } };
}

/** The value as the rule wrote it, in quotes, for messages. */
export function shown(entry: DomainEntry): string {
  return `'${entry.value}'`;
}
