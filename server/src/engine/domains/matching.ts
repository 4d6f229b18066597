import { compileSigmaRegex } from '../sigma/regex';
import { crossesOwnership } from './breadth';
import type { DomainEntry } from './entry';

/**
 * What an entry matches, as a predicate over the raw field value and in words. The hover, the CLI
 * table and the checks' messages all use these, so they agree with each other.
 */

/** The entry matches every subdomain of its host (and more, for unbounded forms). */
export function coversSubdomains(e: DomainEntry): boolean {
  switch (e.match) {
    case 'suffix':
    case 'substring':
    case 'term':
      return true;
    case 'wildcard':
      return /^[*]/.test(e.value.trim());
    case 'regex':
      return !e.value.replace(/^\(\?i\)/, '').startsWith('^');
    default:
      return false;
  }
}

function wildcardRegex(value: string, flags: string): RegExp {
  let body = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && (value[i + 1] === '*' || value[i + 1] === '?' || value[i + 1] === '\\')) {
      body += '\\' + value[i + 1];
      i++;
    } else if (c === '*') body += '.*';
    else if (c === '?') body += '.';
    else body += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${body}$`, flags);
}

const ALNUM = /[\p{L}\p{N}]/u;

/** A predicate over a field value with the entry's semantics (Sigma strings are case-insensitive unless cased). */
export function entryMatcher(e: DomainEntry): (fieldValue: string) => boolean {
  const fold = (s: string): string => (e.caseSensitive ? s : s.toLowerCase());
  const v = fold(e.value);
  switch (e.match) {
    case 'exact':
      return (s) => fold(s) === v;
    case 'suffix':
      return (s) => fold(s).endsWith(v);
    case 'prefix':
      return (s) => fold(s).startsWith(v);
    case 'substring':
      return (s) => fold(s).includes(v);
    case 'term':
      return (s) => {
        const t = fold(s);
        for (let i = t.indexOf(v); i >= 0; i = t.indexOf(v, i + 1)) {
          const before = i === 0 || !ALNUM.test(t[i - 1]) || !ALNUM.test(v[0]);
          const after = i + v.length >= t.length || !ALNUM.test(t[i + v.length]) || !ALNUM.test(v[v.length - 1]);
          if (before && after) return true;
        }
        return false;
      };
    case 'wildcard': {
      let re: RegExp | null = null;
      try {
        re = wildcardRegex(e.value, e.caseSensitive ? 's' : 'is');
      } catch {
        re = null;
      }
      return (s) => (re ? re.test(s) : false);
    }
    case 'regex': {
      const { regex } = compileSigmaRegex(e.value, e.modifiers.filter((m) => m === 'i' || m === 'm' || m === 's').join(''));
      return (s) => (regex ? regex.test(s) : false);
    }
  }
}

/** Candidate field values that show the entry's reach, classified by the entry's own matcher. */
export function exampleHosts(e: DomainEntry): { matches: string[]; misses: string[] } {
  const h = e.host;
  if (!h || e.ip) return { matches: [], misses: [] };
  const first = h.split('.')[0];
  const hosts = [h, `www.${h}`, `tenant.${h}`, `evil${h}`, `${h}.attacker.example`, `evil-${first}.example`];
  const wrap = (x: string): string => (e.fieldKind === 'host' ? x : `https://${x}/path`);
  const test = entryMatcher(e);
  const matches: string[] = [];
  const misses: string[] = [];
  for (const x of hosts) (test(wrap(x)) ? matches : misses).push(wrap(x));
  return { matches: matches.slice(0, 4), misses: misses.slice(0, 3) };
}

const KIND_WORDS: Record<string, string> = { host: 'host', url: 'URL', text: 'value' };

/** One line: what the entry really matches. */
export function describeMatch(e: DomainEntry): string {
  const what = KIND_WORDS[e.fieldKind];
  const q = `'${e.value}'`;
  const boundary = e.leftBoundary || (e.host && !crossesOwnership(e.host)) ? '' : `, including look-alikes such as 'evil${e.host ?? e.value}'`;
  switch (e.match) {
    case 'exact':
      return e.fieldKind === 'host' ? `exactly the host ${q}` : `exactly the ${what} ${q}`;
    case 'suffix':
      return `any ${what} ending in ${q}${e.fieldKind === 'host' ? boundary : ''}`;
    case 'prefix':
      return `any ${what} starting with ${q}`;
    case 'substring':
      return `any ${what} containing ${q} anywhere`;
    case 'term':
      return `any ${what} containing ${q} as a whole term (bounded by non-alphanumeric characters)`;
    case 'wildcard':
      return `any ${what} matching the wildcard pattern ${q}`;
    case 'regex':
      return `any ${what} matching the regular expression ${q}`;
  }
}
