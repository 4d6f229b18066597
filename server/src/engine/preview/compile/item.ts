/**
 * One detection item (`Field|mod1|mod2: values`) compiled into a test. Modifiers are applied in
 * the order written (the spec: "applied in the given order to the value"); lists are OR unless
 * `|all`; strings compare case-insensitively unless `|cased`; `null` matches an absent or null
 * field; `''` only an empty one.
 */
import type { Range } from '../../core/position';
import type { FieldItem, ValueEntry } from '../../sigma/model';
import { isKnownModifier } from '../../sigma/modifiers';
import { compileSigmaRegex } from '../../sigma/regex';
import type { Tri } from '../logsource';
import { inNetwork, parseCidr, parseIP, type Network } from '../values/cidr';
import { base64, base64Offsets, bytesOf, encodeUtf16, expandClasses, windash, type Stage, type Utf16Kind } from '../values/encodings';
import { compilePatternList, parseSigmaString, withLeadingAny, withTrailingAny, type Pattern } from '../values/pattern';
import { UNKNOWN, type FieldAccess, type FieldTexts } from './access';
import { enterRegex, leaveRegex } from './probe';

/** A `|re` value, numbered so the watchdog can say which one ran too long. */
export interface RegexInfo {
  id: number;
  selection: string;
  field: string;
  pattern: string;
  range: Range;
}

interface CompileContext {
  selection: string;
  placeholders: Record<string, string[]>;
  warnings: string[];
  regexes: RegexInfo[];
  disabledRegexes: Set<number>;
}

export interface CompiledItem {
  /** Field name ('' for keyword items). */
  field: string;
  /** Other fields read (`|fieldref`). */
  refs: string[];
  test(access: FieldAccess): Tri;
  /** One test per value entry, for per-entry hit counts (true/false on a parsed event). */
  entryTests: ((access: FieldAccess) => boolean)[];
  entries: ValueEntry[];
}

const TIME_MODIFIERS = new Set(['minute', 'hour', 'day', 'week', 'month', 'year']);

type ValueTest = (f: FieldTexts, access: FieldAccess) => boolean;

function valueText(v: ValueEntry['value']): string {
  return v === null ? '' : typeof v === 'string' ? v : String(v);
}

export function compileItem(item: FieldItem, ctx: CompileContext, keyword: boolean): CompiledItem {
  const mods = item.modifiers.map((m) => m.value.toLowerCase());
  const has = (m: string): boolean => mods.includes(m);
  const field = item.field;
  const cased = has('cased');
  const all = has('all');
  const negate = has('neq');
  const refs: string[] = [];

  // A backend would reject the rule; guessing a plain comparison would show matches it never makes.
  const unknown = item.modifiers.filter((m) => !isKnownModifier(m.value.toLowerCase())).map((m) => m.value);
  if (unknown.length > 0) {
    ctx.warnings.push(`${ctx.selection}: unknown modifier${unknown.length > 1 ? 's' : ''} '${unknown.join("', '")}' in '${item.key}' (sigma/unknown-modifier): this item never matches until it is fixed`);
    const never = (): Tri => 0;
    return { field, refs, test: never, entryTests: item.values.map(() => () => false), entries: item.values };
  }

  if (has('exists')) {
    const want = item.values.map((v) => v.value === true || (typeof v.value === 'string' && v.value.toLowerCase() === 'true'));
    const expected = want[0] ?? true;
    const test = (access: FieldAccess): Tri => {
      const v = access.value(field);
      if (v === UNKNOWN) return 2;
      return (v !== undefined) === expected ? 1 : 0;
    };
    return { field, refs, test, entryTests: item.values.map(() => (a: FieldAccess) => test(a) === 1), entries: item.values };
  }

  // One test per value entry; null entries are handled apart (they look at presence, not text).
  const compiled: (ValueTest | Pattern[] | 'null')[] = item.values.map((entry) => {
    if (entry.value === null && !has('fieldref')) return 'null';
    return compileValue(entry, item, mods, ctx, keyword, cased, refs);
  });
  const asTest = (c: ValueTest | Pattern[]): ValueTest => {
    if (typeof c === 'function') return c;
    const test = compilePatternList(c, cased);
    return (f) => {
      for (let i = 0; i < f.texts.length; i++) if (test(f.texts[i], f.lower[i])) return true;
      return false;
    };
  };
  const tests: (ValueTest | 'null')[] = compiled.map((c) => (c === 'null' ? 'null' : asTest(c)));
  // For OR (the usual case) all plain string values share one list test: a 50-domain list costs
  // a few lookups instead of 50 closures.
  let anyTests = tests;
  if (!all) {
    const pooled: Pattern[] = [];
    const rest: (ValueTest | 'null')[] = [];
    compiled.forEach((c, i) => (Array.isArray(c) ? pooled.push(...c) : rest.push(tests[i])));
    if (pooled.length > 1) anyTests = [asTest(pooled), ...rest];
  }

  const nullOrTest = (t: ValueTest | 'null', raw: unknown, texts: FieldTexts, access: FieldAccess): boolean => (t === 'null' ? raw === undefined || raw === null : t(texts, access));
  const combine = (access: FieldAccess, only?: number): Tri => {
    const raw = keyword ? undefined : access.value(field);
    if (raw === UNKNOWN) return 2;
    const texts = keyword ? access.keywords() : access.texts(field);
    if (texts === UNKNOWN) return 2;
    for (let i = 0; i < refs.length; i++) if (access.value(refs[i]) === UNKNOWN) return 2;
    if (only !== undefined) return nullOrTest(tests[only], raw, texts, access) ? 1 : 0;
    let result = false;
    if (all) {
      result = tests.length > 0;
      for (let i = 0; i < tests.length && result; i++) result = nullOrTest(tests[i], raw, texts, access);
    } else {
      for (let i = 0; i < anyTests.length; i++) {
        if (nullOrTest(anyTests[i], raw, texts, access)) {
          result = true;
          break;
        }
      }
    }
    return (negate ? !result : result) ? 1 : 0;
  };
  return {
    field,
    refs,
    test: (a) => combine(a),
    entryTests: tests.map((_, i) => (a: FieldAccess) => combine(a, i) === 1),
    entries: item.values,
  };
}

function compileValue(entry: ValueEntry, item: FieldItem, mods: string[], ctx: CompileContext, keyword: boolean, cased: boolean, refs: string[]): ValueTest | Pattern[] {
  const has = (m: string): boolean => mods.includes(m);
  const text = valueText(entry.value);
  const time = mods.find((m) => TIME_MODIFIERS.has(m));
  const numericOp = mods.find((m) => m === 'gt' || m === 'gte' || m === 'lt' || m === 'lte');

  if (time || numericOp) {
    const target = Number(text);
    if (!Number.isFinite(target)) {
      ctx.warnings.push(`${ctx.selection}: '${item.key}' compares with '${text}', which is not a number: it never matches`);
      return () => false;
    }
    const cmp = numericOp === 'gt' ? (x: number) => x > target : numericOp === 'gte' ? (x: number) => x >= target : numericOp === 'lt' ? (x: number) => x < target : numericOp === 'lte' ? (x: number) => x <= target : (x: number) => x === target;
    return (f) => f.texts.some((t) => {
      const n = time ? timePart(t, time) : toNumber(t);
      return n !== null && cmp(n);
    });
  }

  if (has('re')) {
    const flags = (has('i') ? 'i' : '') + (has('m') ? 'm' : '') + (has('s') ? 's' : '');
    const { regex, error } = compileSigmaRegex(text, flags);
    if (!regex) {
      ctx.regexes.push({ id: ctx.regexes.length, selection: ctx.selection, field: item.field, pattern: text, range: entry.range });
      ctx.warnings.push(`${ctx.selection}: regex '${text}' of '${item.key}' does not compile (${error}): it never matches`);
      return () => false;
    }
    const id = ctx.regexes.length;
    ctx.regexes.push({ id, selection: ctx.selection, field: item.field, pattern: text, range: entry.range });
    if (ctx.disabledRegexes.has(id)) {
      ctx.warnings.push(`${ctx.selection}: regex '${text}' of '${item.key}' exceeded the time budget and was disabled for the rest of the scan`);
      return () => false;
    }
    return (f) => {
      enterRegex(id);
      try {
        for (const t of f.texts) if (regex.test(t)) return true;
        return false;
      } finally {
        leaveRegex();
      }
    };
  }

  if (has('cidr')) {
    const net: Network | null = parseCidr(text);
    if (!net) {
      ctx.warnings.push(`${ctx.selection}: '${text}' of '${item.key}' is not a CIDR network: it never matches`);
      return () => false;
    }
    return (f) => f.texts.some((t) => {
      const ip = parseIP(t);
      return ip !== null && inNetwork(ip, net);
    });
  }

  if (has('fieldref')) {
    const other = text;
    refs.push(other);
    const position = mods.includes('contains') ? 'contains' : mods.includes('startswith') ? 'startswith' : mods.includes('endswith') ? 'endswith' : 'eq';
    return (f, access) => {
      const o = access.texts(other);
      if (o === UNKNOWN) return false;
      const mine = cased ? f.texts : f.lower;
      const theirs = cased ? o.texts : o.lower;
      return mine.some((m) => theirs.some((t) => (position === 'eq' ? m === t : position === 'contains' ? m.includes(t) : position === 'startswith' ? m.startsWith(t) : m.endsWith(t))));
    };
  }

  // String values: expand placeholders, then the transformations in the order written.
  let raws = [text];
  if (has('expand')) raws = expandPlaceholders(text, ctx, item.key);
  let stages: Stage[] = raws.map((r) => ({ kind: 'text', pattern: parseSigmaString(r) }));
  let positioned = false;
  for (const m of mods) {
    switch (m) {
      case 'contains':
        stages = stages.map((s) => ({ kind: 'text', pattern: withTrailingAny(withLeadingAny(asPattern(s))) }));
        positioned = true;
        break;
      case 'startswith':
        stages = stages.map((s) => ({ kind: 'text', pattern: withTrailingAny(asPattern(s)) }));
        positioned = true;
        break;
      case 'endswith':
        stages = stages.map((s) => ({ kind: 'text', pattern: withLeadingAny(asPattern(s)) }));
        positioned = true;
        break;
      case 'windash':
        stages = stages.map((s) => (s.kind === 'text' ? { kind: 'text', pattern: windash(s.pattern) } : s));
        break;
      case 'utf16le':
      case 'utf16be':
      case 'utf16':
      case 'wide':
        stages = concrete(stages).map((s) => ({ kind: 'bytes', bytes: encodeUtf16(s.kind === 'text' ? plain(s.pattern) : s.bytes.toString('latin1'), m as Utf16Kind) }));
        break;
      case 'base64':
        stages = concrete(stages).map((s) => ({ kind: 'text', pattern: lit(base64(bytesOf(s))) }));
        break;
      case 'base64offset':
        stages = concrete(stages).flatMap((s) => base64Offsets(bytesOf(s)).map((b): Stage => ({ kind: 'text', pattern: lit(b) })));
        break;
      default:
        break; // cased, all, neq, expand: flags read elsewhere
    }
  }
  let patterns = stages.map(asPattern);
  // Keywords are full-text searches: a value matches anywhere unless a position was given.
  if (keyword && !positioned) patterns = patterns.map((p) => withTrailingAny(withLeadingAny(p)));
  return patterns;
}

function lit(s: string): Pattern {
  return s ? [{ t: 'lit', s }] : [];
}

function plain(p: Pattern): string {
  return p.map((x) => (x.t === 'lit' ? x.s : x.t === 'any' ? '*' : x.t === 'one' ? '?' : x.chars[0])).join('');
}

function asPattern(s: Stage): Pattern {
  return s.kind === 'text' ? s.pattern : lit(s.bytes.toString('latin1'));
}

/** Encodings need concrete text: windash classes are expanded into every variant first. */
function concrete(stages: Stage[]): Stage[] {
  return stages.flatMap((s) => (s.kind === 'text' && s.pattern.some((x) => x.t === 'cls') ? expandClasses(s.pattern).map((p): Stage => ({ kind: 'text', pattern: p })) : [s]));
}

function expandPlaceholders(raw: string, ctx: CompileContext, key: string): string[] {
  const re = /(\\)?%([A-Za-z0-9_.-]+)%/g;
  let results = [''];
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const before = raw.slice(last, m.index);
    results = results.map((r) => r + before);
    if (m[1]) {
      // `\%name%`: a plain percent sign, the rest is literal text.
      results = results.map((r) => r + '%' + m![2] + '%');
    } else {
      const values = ctx.placeholders[m[2]] ?? ctx.placeholders[m[2].toLowerCase()];
      if (!values || values.length === 0) {
        ctx.warnings.push(`${ctx.selection}: placeholder %${m[2]}% of '${key}' has no configured values (samples.placeholders): the value never matches`);
        return [];
      }
      results = results.flatMap((r) => values.map((v) => r + v));
    }
    last = m.index + m[0].length;
  }
  const rest = raw.slice(last);
  return results.map((r) => r + rest);
}

function toNumber(t: string): number | null {
  if (t.trim() === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** Time modifiers read UTC parts of a timestamp (the spec: no timezone or format conversion). */
function timePart(t: string, part: string): number | null {
  const iso = /^\d{4}-\d\d-\d\d[ T]\d/.test(t) && !/[zZ]|[+-]\d\d:?\d\d$/.test(t) ? t.replace(' ', 'T') + 'Z' : t;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  switch (part) {
    case 'minute':
      return d.getUTCMinutes();
    case 'hour':
      return d.getUTCHours();
    case 'day':
      return d.getUTCDate();
    case 'month':
      return d.getUTCMonth() + 1;
    case 'year':
      return d.getUTCFullYear();
    case 'week': {
      // ISO week number.
      const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
      const dow = day.getUTCDay() || 7;
      day.setUTCDate(day.getUTCDate() + 4 - dow);
      const yearStart = new Date(Date.UTC(day.getUTCFullYear(), 0, 1));
      return Math.ceil(((day.getTime() - yearStart.getTime()) / 86400000 + 1) / 7);
    }
  }
  return null;
}
