import { domainToASCII } from 'node:url';
import type { FieldKind, MatchKind } from './entry';
import { hasIcannTld } from './psl';

/**
 * Reads a rule value as a host pattern: which host it names, whether it is anchored at a label
 * boundary, and everything that keeps it from ever equalling a host name. Pure and format-neutral,
 * so the Sigma and KQL extractors share it.
 */

type ProblemKind =
  'scheme' | 'path' | 'trailing-slash' | 'port' | 'whitespace' | 'empty-label' | 'trailing-dot' | 'invalid-char' | 'cidr' | 'empty' | 'userinfo';

interface ValueProblem {
  kind: ProblemKind;
  /** What the problem is, for messages. */
  detail: string;
}

interface ValueReading {
  /** Normalised host (lower case, punycode), or null. */
  host: string | null;
  leftBoundary: boolean;
  rightBoundary: boolean;
  ip: boolean;
  /** The path (with query) after the host, '' when none: a URL with a path names one resource, not a site. */
  path: string;
  /** A Sigma wildcard (`*`/`?`) sits inside the host part, not only at its ends. */
  innerWildcard: boolean;
  problems: ValueProblem[];
  /**
   * The value rewritten without scheme, path, port, trailing slash or surrounding spaces, keeping
   * its leading dot and wildcards: the text a "strip" quick fix writes. Null when nothing to strip.
   */
  stripped: string | null;
}

const SCHEME = /^([a-z][a-z0-9+.-]{1,15}):\/\//i;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-f:]+:[0-9a-f:.]*$/i;
const HOST_CHARS = /^[a-z0-9._-]+$/;

function isIpLiteral(text: string): boolean {
  const t = text.replace(/^\[|\]$/g, '');
  return IPV4.test(t) || (t.includes(':') && IPV6.test(t) && (t.match(/:/g) ?? []).length >= 2);
}

/** Unescapes Sigma's `\*`, `\?`, `\\` and reports where unescaped wildcards are. */
function sigmaLiteral(text: string): { literal: string; wild: boolean[] } {
  let literal = '';
  const wild: boolean[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && (text[i + 1] === '*' || text[i + 1] === '?' || text[i + 1] === '\\')) {
      literal += text[i + 1];
      wild.push(false);
      i++;
    } else {
      literal += c;
      wild.push(c === '*' || c === '?');
    }
  }
  return { literal, wild };
}

/** Converts a host to lower-case ASCII (punycode for IDN labels); keeps the text if conversion fails. */
export function toAsciiHost(host: string): string {
  const lower = host.toLowerCase();
  // eslint-disable-next-line no-control-regex -- the whole ASCII range, controls included
  if (/^[\x00-\x7f]*$/.test(lower)) return lower;
  const ascii = domainToASCII(lower);
  return ascii || lower;
}

/**
 * Reads `value` as matched with `match` against a field of kind `fieldKind`. `wildcards`: the value
 * is a Sigma string whose `*` and `?` are wildcards (every Sigma value except `|re`).
 */
/** The common case, a plain ASCII name with an optional leading dot, read without the general machinery. */
const PLAIN = /^\.?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;
const NO_PROBLEMS: ValueProblem[] = [];

export function readValue(value: string, match: MatchKind, fieldKind: FieldKind, wildcards: boolean): ValueReading {
  if (match !== 'regex' && PLAIN.test(value) && !isIpLiteral(value) && !/^\.?[0-9.]+$/.test(value)) {
    const dot = value.charCodeAt(0) === 46;
    const anchoredLeft = match === 'exact' || match === 'prefix' || match === 'wildcard';
    const anchoredRight = match === 'exact' || match === 'suffix' || match === 'wildcard';
    return {
      host: (dot ? value.slice(1) : value).toLowerCase(),
      leftBoundary: dot || anchoredLeft,
      rightBoundary: anchoredRight,
      ip: false,
      path: '',
      innerWildcard: false,
      problems: NO_PROBLEMS,
      stripped: null,
    };
  }
  const out: ValueReading = {
    host: null,
    leftBoundary: false,
    rightBoundary: match === 'exact' || match === 'suffix',
    ip: false,
    path: '',
    innerWildcard: false,
    problems: [],
    stripped: null,
  };
  if (match === 'regex') return readRegex(value, out);
  if (value.length === 0) {
    if (match !== 'exact')
      out.problems.push({ kind: 'empty', detail: `an empty value with ${match} matching matches every ${fieldKind === 'url' ? 'URL' : 'host'}` });
    return out;
  }
  if (/\s/.test(value)) {
    const trimmed = value.trim();
    out.problems.push({ kind: 'whitespace', detail: trimmed === value ? 'it contains whitespace' : 'it has leading or trailing whitespace' });
    if (trimmed !== value && trimmed.length > 0) out.stripped = trimmed;
  }
  let text = value.trim();
  // Wildcards at the ends widen the match; inside the host they are reported, not interpreted.
  let leftOpen = match === 'suffix' || match === 'substring' || match === 'term';
  let rightOpen = match === 'prefix' || match === 'substring' || match === 'term';
  let lead = '';
  let trail = '';
  if (wildcards) {
    const { literal, wild } = sigmaLiteral(text);
    let a = 0;
    let b = literal.length;
    while (a < b && wild[a]) a++;
    while (b > a && wild[b - 1]) b--;
    if (a > 0) leftOpen = true;
    if (b < literal.length) rightOpen = true;
    lead = text.slice(0, a);
    trail = literal.length - b > 0 ? text.slice(text.length - (literal.length - b)) : '';
    out.innerWildcard = wild.slice(a, b).some(Boolean);
    text = literal.slice(a, b);
  }
  const schemeMatch = SCHEME.exec(text);
  let body = text;
  let fromScheme = false;
  if (schemeMatch) {
    body = text.slice(schemeMatch[0].length);
    fromScheme = true;
    if (fieldKind === 'host') out.problems.push({ kind: 'scheme', detail: `it starts with the scheme '${schemeMatch[0]}'; host fields hold no scheme` });
  } else if (body.startsWith('//') && fieldKind !== 'host') {
    body = body.slice(2);
    fromScheme = true;
  }
  if (fieldKind === 'url' && !fromScheme && body.startsWith('/')) return out; // a path: no host here
  // Everything up to the first '/', '?' or '#' is the authority.
  const cut = body.search(/[/?#]/);
  let authority = cut >= 0 ? body.slice(0, cut) : body;
  const rest = cut >= 0 ? body.slice(cut) : '';
  if (rest && fieldKind === 'host') {
    out.problems.push(
      rest === '/'
        ? { kind: 'trailing-slash', detail: "it ends with '/'; host names never do" }
        : isCidr(authority, rest)
          ? { kind: 'cidr', detail: `'${authority}${rest}' is a network in CIDR notation: it needs the cidr modifier on an IP field (e.g. DestinationIp|cidr)` }
          : { kind: 'path', detail: `it contains the path '${rest}'; host fields hold only the host name` },
    );
  }
  if (rest) out.rightBoundary = true;
  out.path = rest;
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    if (fieldKind === 'host') out.problems.push({ kind: 'userinfo', detail: `it contains user information before '@'` });
    authority = authority.slice(at + 1);
  }
  const portMatch = /:(\d{1,5})$/.exec(authority);
  if (portMatch && !isIpLiteral(authority)) {
    if (fieldKind === 'host') out.problems.push({ kind: 'port', detail: `it ends with the port ':${portMatch[1]}'; host fields hold no port` });
    authority = authority.slice(0, portMatch.index);
    out.rightBoundary = true;
  }
  if (fromScheme) {
    leftOpen = false;
    out.leftBoundary = true;
  }
  const leadingDot = authority.startsWith('.');
  if (leadingDot) {
    out.leftBoundary = true;
    authority = authority.slice(1);
  } else if (!leftOpen) {
    out.leftBoundary = true; // anchored at the start of the field
  }
  if (!rightOpen && !rest) out.rightBoundary = true;
  let host = authority;
  if (host.endsWith('.') && host.length > 1) {
    if (fieldKind === 'host' && !rightOpen)
      out.problems.push({ kind: 'trailing-dot', detail: "it ends with the root dot '.'; most logs write host names without it" });
    while (host.endsWith('.')) host = host.slice(0, -1);
  }
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIpLiteral(bare) || (fieldKind === 'host' && /^[0-9.]+$/.test(bare) && bare.includes('.'))) {
    out.ip = true;
    out.host = bare.toLowerCase();
  } else if (host.length > 0) {
    const ascii = toAsciiHost(host);
    if (fieldKind === 'host' && ascii.split('.').some((l, i, all) => l === '' && !(i === 0 && all.length > 1 && leftOpen)))
      out.problems.push({ kind: 'empty-label', detail: "it has an empty label ('..')" });
    const probe = out.innerWildcard ? ascii.replace(/[*?]/g, 'a') : ascii;
    if (!HOST_CHARS.test(probe)) {
      // Substring and prefix patterns in DNS names may look for encoded data ('==', '\\x00'), not hosts.
      if (fieldKind === 'host' && (match === 'exact' || match === 'suffix') && !out.problems.some((p) => p.kind === 'whitespace')) {
        const bad = [...probe].find((c) => !/[a-z0-9._-]/.test(c)) ?? '?';
        out.problems.push({ kind: 'invalid-char', detail: `it contains '${bad}', which host names cannot hold` });
      }
      if (fieldKind !== 'host') return out; // not a host at all: free text or a path fragment
    }
    out.host = ascii;
  }
  const fixable = out.problems.some(
    (p) => p.kind === 'scheme' || p.kind === 'path' || p.kind === 'trailing-slash' || p.kind === 'port' || p.kind === 'userinfo' || p.kind === 'whitespace',
  );
  if (fixable && host.length > 0 && fieldKind === 'host' && !out.problems.some((p) => p.kind === 'cidr')) {
    out.stripped = `${lead}${leadingDot ? '.' : ''}${host}${trail}`;
  }
  return out;
}

function isCidr(authority: string, rest: string): boolean {
  return /^\/\d{1,3}$/.test(rest) && isIpLiteral(authority);
}

/** Reads the literal host out of simple regexes (`\.pastebin\.com$`, `^api\.telegram\.org`), else nothing. */
function readRegex(value: string, out: ValueReading): ValueReading {
  const m = /^(\^?)((?:\\\.|[a-z0-9-])+(?:\\\.(?:[a-z0-9-])+)+)(\$?)$/i.exec(value.replace(/^\(\?i\)/, ''));
  if (!m) return out;
  const text = m[2].replace(/\\\./g, '.');
  out.leftBoundary = m[1] === '^' || text.startsWith('.');
  out.rightBoundary = m[3] === '$';
  out.host = toAsciiHost(text.replace(/^\./, ''));
  return out;
}

/** Heuristic for fields that are not host fields: is this whole value clearly a host or a URL? */
export function looksLikeHostOrUrl(value: string, notHostSuffixes: ReadonlySet<string>): boolean {
  const v = value.trim().replace(/^\*+|\*+$/g, '');
  if (v.length < 4 || v.length > 2048) return false;
  if (/^(https?|ftp|wss?):\/\/[a-z0-9]/i.test(v)) return true;
  const m = /^\.?((?:[a-z0-9-]+\.)+)([a-z]{2,24})(?::\d{1,5})?(?:\/[^\s\\]*)?$/i.exec(v);
  if (!m) return false;
  const tld = m[2].toLowerCase();
  if (notHostSuffixes.has(tld)) return false;
  // File names ('run.py') and .NET namespaces ('System.Net.WebClient') are not hosts: the TLD must be real and not a file extension.
  const labels = (m[1] + m[2]).split('.').filter(Boolean);
  return labels.length >= 2 && labels.every((l) => !/^-|-$/.test(l)) && hasIcannTld(labels.join('.').toLowerCase());
}
