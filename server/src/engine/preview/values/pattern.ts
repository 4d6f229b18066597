/**
 * Sigma string values as sequences of literal text and wildcards (the spec's "Escaping" section):
 * `*` any run, `?` one character, `\*` `\?` `\\` their plain forms, a backslash before anything
 * else stays a backslash. Character classes only come from `|windash`.
 */
export type Part = { t: 'lit'; s: string } | { t: 'any' } | { t: 'one' } | { t: 'cls'; chars: string[] };

export type Pattern = Part[];

export function parseSigmaString(raw: string): Pattern {
  const out: Pattern = [];
  let lit = '';
  const flush = (): void => {
    if (lit) out.push({ t: 'lit', s: lit });
    lit = '';
  };
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\') {
      const n = raw[i + 1];
      if (n === '*' || n === '?' || n === '\\') {
        lit += n;
        i++;
      } else lit += c;
    } else if (c === '*') {
      flush();
      if (out.length === 0 || out[out.length - 1].t !== 'any') out.push({ t: 'any' });
    } else if (c === '?') {
      flush();
      out.push({ t: 'one' });
    } else lit += c;
  }
  flush();
  return out;
}

export function withLeadingAny(p: Pattern): Pattern {
  return p[0]?.t === 'any' ? p : [{ t: 'any' }, ...p];
}

export function withTrailingAny(p: Pattern): Pattern {
  return p[p.length - 1]?.t === 'any' ? p : [...p, { t: 'any' }];
}

/**
 * A compiled string test. `lower` is the lower-cased text, computed once per field per event by
 * the caller, so case-insensitive matching costs no extra lowering here.
 */
type StringTest = (text: string, lower: string) => boolean;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function toRegexSource(p: Pattern, lower: boolean): string {
  let src = '';
  for (const x of p) {
    if (x.t === 'lit') src += escapeRegex(lower ? x.s.toLowerCase() : x.s);
    else if (x.t === 'any') src += '.*';
    else if (x.t === 'one') src += '.';
    else src += '(?:' + x.chars.map((c) => escapeRegex(lower ? c.toLowerCase() : c)).join('|') + ')';
  }
  return src;
}

/** Compiles one pattern. Plain shapes use string methods; anything else one anchored regex. */
function compilePattern(p: Pattern, cased: boolean): StringTest {
  const shape = p.map((x) => (x.t === 'lit' ? 'L' : x.t === 'any' ? 'A' : 'X')).join('');
  const lits = p.filter((x): x is { t: 'lit'; s: string } => x.t === 'lit').map((x) => (cased ? x.s : x.s.toLowerCase()));
  const pick = cased ? (t: string): string => t : (_t: string, l: string): string => l;
  switch (shape) {
    case '':
      return (t) => t === '';
    case 'L': {
      const s = lits[0];
      return cased ? (t) => t === s : (_t, l) => l === s;
    }
    case 'A':
      return () => true;
    case 'AL': {
      const s = lits[0];
      return cased ? (t) => t.endsWith(s) : (_t, l) => l.endsWith(s);
    }
    case 'LA': {
      const s = lits[0];
      return cased ? (t) => t.startsWith(s) : (_t, l) => l.startsWith(s);
    }
    case 'ALA': {
      const s = lits[0];
      return cased ? (t) => t.includes(s) : (_t, l) => l.includes(s);
    }
    case 'LAL': {
      const [a, b] = lits;
      return (t, l) => {
        const v = pick(t, l);
        return v.length >= a.length + b.length && v.startsWith(a) && v.endsWith(b);
      };
    }
  }
  const re = new RegExp('^' + toRegexSource(p, !cased) + '$', 's');
  return cased ? (t) => re.test(t) : (_t, l) => re.test(l);
}

/**
 * Many plain values of one shape (a domain list under `|endswith`) in one test: exact values in a
 * set, prefixes and suffixes grouped by length, so a 50-entry list costs a few lookups.
 */
export function compilePatternList(patterns: Pattern[], cased: boolean): StringTest {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  const suffixes: string[] = [];
  const contains: string[] = [];
  const others: StringTest[] = [];
  let always = false;
  const norm = (s: string): string => (cased ? s : s.toLowerCase());
  for (const p of patterns) {
    const shape = p.map((x) => (x.t === 'lit' ? 'L' : x.t === 'any' ? 'A' : 'X')).join('');
    const lit = p.find((x) => x.t === 'lit') as { t: 'lit'; s: string } | undefined;
    if (shape === 'L' && lit) exact.add(norm(lit.s));
    else if (shape === '') exact.add('');
    else if (shape === 'A') always = true;
    else if (shape === 'LA' && lit) prefixes.push(norm(lit.s));
    else if (shape === 'AL' && lit) suffixes.push(norm(lit.s));
    else if (shape === 'ALA' && lit) contains.push(norm(lit.s));
    else others.push(compilePattern(p, cased));
  }
  if (always) return () => true;
  const bySuffix = affixIndex(suffixes, true);
  const byPrefix = affixIndex(prefixes, false);
  return (t, l) => {
    const v = cased ? t : l;
    if (exact.size > 0 && exact.has(v)) return true;
    if (bySuffix && bySuffix(v)) return true;
    if (byPrefix && byPrefix(v)) return true;
    for (let i = 0; i < contains.length; i++) if (v.includes(contains[i])) return true;
    for (let i = 0; i < others.length; i++) if (others[i](t, l)) return true;
    return false;
  };
}

/**
 * Affixes are bucketed by their last (first) five characters, packed into a small integer so the
 * lookup does not allocate (`.com` alone would put most domains in one bucket); shorter affixes are
 * checked one by one. Key collisions only cost an extra endsWith.
 */
const AFFIX = 5;

function affixKey(s: string, at: number): number {
  let k = 0;
  for (let i = 0; i < AFFIX; i++) k = (k << 6) | (s.charCodeAt(at + i) & 63);
  return k;
}

function affixIndex(list: string[], suffix: boolean): ((v: string) => boolean) | null {
  if (list.length === 0) return null;
  const buckets = new Map<number, string[]>();
  const short: string[] = [];
  for (const a of list) {
    if (a.length < AFFIX) {
      short.push(a);
      continue;
    }
    const k = affixKey(a, suffix ? a.length - AFFIX : 0);
    const b = buckets.get(k);
    if (b) b.push(a);
    else buckets.set(k, [a]);
  }
  return (v) => {
    for (let i = 0; i < short.length; i++) if (suffix ? v.endsWith(short[i]) : v.startsWith(short[i])) return true;
    if (v.length < AFFIX) return false;
    const b = buckets.get(affixKey(v, suffix ? v.length - AFFIX : 0));
    if (b) for (let i = 0; i < b.length; i++) if (suffix ? v.endsWith(b[i]) : v.startsWith(b[i])) return true;
    return false;
  };
}
