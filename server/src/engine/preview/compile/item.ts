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

export interface CompileContext {
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
  const field = item.field;
  const refs: string[] = [];
  const special = unknownModifierItem(item, ctx) ?? existsItem(item, mods);
  if (special) return special;
  const cased = mods.includes('cased');
  // One test per value entry; null entries are handled apart (they look at presence, not text).
  const compiled: (ValueTest | Pattern[] | 'null')[] = item.values.map((entry) => {
    if (entry.value === null && !mods.includes('fieldref')) return 'null';
    return compileValue(entry, item, mods, ctx, keyword, cased, refs);
  });
  const tests: (ValueTest | 'null')[] = compiled.map((c) => (c === 'null' ? 'null' : asTest(c, cased)));
  const combine = combiner({
    field,
    refs,
    keyword,
    all: mods.includes('all'),
    negate: mods.includes('neq'),
    tests,
    anyTests: pooledTests(compiled, tests, cased),
  });
  return {
    field,
    refs,
    test: (a) => combine(a),
    entryTests: tests.map((_, i) => (a: FieldAccess) => combine(a, i) === 1),
    entries: item.values,
  };
}

/** A backend would reject the rule; guessing a plain comparison would show matches it never makes. */
function unknownModifierItem(item: FieldItem, ctx: CompileContext): CompiledItem | null {
  const unknown = item.modifiers.filter((m) => !isKnownModifier(m.value.toLowerCase())).map((m) => m.value);
  if (unknown.length === 0) return null;
  ctx.warnings.push(
    `${ctx.selection}: unknown modifier${unknown.length > 1 ? 's' : ''} '${unknown.join("', '")}' in '${item.key}' (sigma/unknown-modifier): this item never matches until it is fixed`,
  );
  const never = (): Tri => 0;
  return { field: item.field, refs: [], test: never, entryTests: item.values.map(() => () => false), entries: item.values };
}

/** `Field|exists: true/false`: presence only. */
function existsItem(item: FieldItem, mods: string[]): CompiledItem | null {
  if (!mods.includes('exists')) return null;
  const field = item.field;
  const want = item.values.map((v) => v.value === true || (typeof v.value === 'string' && v.value.toLowerCase() === 'true'));
  const expected = want[0] ?? true;
  const test = (access: FieldAccess): Tri => {
    const v = access.value(field);
    if (v === UNKNOWN) return 2;
    return (v !== undefined) === expected ? 1 : 0;
  };
  return { field, refs: [], test, entryTests: item.values.map(() => (a: FieldAccess) => test(a) === 1), entries: item.values };
}

function asTest(c: ValueTest | Pattern[], cased: boolean): ValueTest {
  if (typeof c === 'function') return c;
  const test = compilePatternList(c, cased);
  return (f) => {
    for (let i = 0; i < f.texts.length; i++) if (test(f.texts[i], f.lower[i])) return true;
    return false;
  };
}

/**
 * For OR (the usual case) all plain string values share one list test: a 50-domain list costs a
 * few lookups instead of 50 closures. (Unused under `|all`.)
 */
function pooledTests(compiled: (ValueTest | Pattern[] | 'null')[], tests: (ValueTest | 'null')[], cased: boolean): (ValueTest | 'null')[] {
  const pooled: Pattern[] = [];
  const rest: (ValueTest | 'null')[] = [];
  compiled.forEach((c, i) => (Array.isArray(c) ? pooled.push(...c) : rest.push(tests[i])));
  return pooled.length > 1 ? [asTest(pooled, cased), ...rest] : tests;
}

interface ItemTests {
  field: string;
  refs: string[];
  keyword: boolean;
  all: boolean;
  negate: boolean;
  /** One per value entry. */
  tests: (ValueTest | 'null')[];
  /** The same values with plain strings pooled: what an OR evaluates. */
  anyTests: (ValueTest | 'null')[];
}

/** The item's verdict on an event: all values (or only value `only`, for entry counts). */
function combiner(t: ItemTests): (access: FieldAccess, only?: number) => Tri {
  const { field, refs, keyword, all, negate, tests, anyTests } = t;
  const nullOrTest = (v: ValueTest | 'null', raw: unknown, texts: FieldTexts, access: FieldAccess): boolean =>
    v === 'null' ? raw === undefined || raw === null : v(texts, access);
  return (access, only) => {
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
}

function compileValue(
  entry: ValueEntry,
  item: FieldItem,
  mods: string[],
  ctx: CompileContext,
  keyword: boolean,
  cased: boolean,
  refs: string[],
): ValueTest | Pattern[] {
  const text = valueText(entry.value);
  const time = mods.find((m) => TIME_MODIFIERS.has(m));
  const numericOp = mods.find((m) => m === 'gt' || m === 'gte' || m === 'lt' || m === 'lte');
  if (time || numericOp) return numericValue(text, item, ctx, time, numericOp);
  if (mods.includes('re')) return regexValue(text, entry, item, mods, ctx);
  if (mods.includes('cidr')) return cidrValue(text, item, ctx);
  if (mods.includes('fieldref')) return fieldrefValue(text, mods, cased, refs);
  return stringValue(text, item, mods, ctx, keyword);
}

/** `|gt` `|gte` `|lt` `|lte`, and the time parts (`|minute`...) compared for equality or with them. */
function numericValue(text: string, item: FieldItem, ctx: CompileContext, time: string | undefined, numericOp: string | undefined): ValueTest {
  const target = Number(text);
  if (!Number.isFinite(target)) {
    ctx.warnings.push(`${ctx.selection}: '${item.key}' compares with '${text}', which is not a number: it never matches`);
    return () => false;
  }
  const cmp =
    numericOp === 'gt'
      ? (x: number) => x > target
      : numericOp === 'gte'
        ? (x: number) => x >= target
        : numericOp === 'lt'
          ? (x: number) => x < target
          : numericOp === 'lte'
            ? (x: number) => x <= target
            : (x: number) => x === target;
  return (f) =>
    f.texts.some((t) => {
      const n = time ? timePart(t, time) : toNumber(t);
      return n !== null && cmp(n);
    });
}

/** `|re` (flags from `|i` `|m` `|s`), numbered for the watchdog; a disabled one never matches. */
function regexValue(text: string, entry: ValueEntry, item: FieldItem, mods: string[], ctx: CompileContext): ValueTest {
  const flags = (mods.includes('i') ? 'i' : '') + (mods.includes('m') ? 'm' : '') + (mods.includes('s') ? 's' : '');
  const { regex, error } = compileSigmaRegex(text, flags);
  const id = ctx.regexes.length;
  ctx.regexes.push({ id, selection: ctx.selection, field: item.field, pattern: text, range: entry.range });
  if (!regex) {
    ctx.warnings.push(`${ctx.selection}: regex '${text}' of '${item.key}' does not compile (${error}): it never matches`);
    return () => false;
  }
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

function cidrValue(text: string, item: FieldItem, ctx: CompileContext): ValueTest {
  const net: Network | null = parseCidr(text);
  if (!net) {
    ctx.warnings.push(`${ctx.selection}: '${text}' of '${item.key}' is not a CIDR network: it never matches`);
    return () => false;
  }
  return (f) =>
    f.texts.some((t) => {
      const ip = parseIP(t);
      return ip !== null && inNetwork(ip, net);
    });
}

/** `|fieldref`: compares with another field of the same event (with `|contains` etc. if given). */
function fieldrefValue(other: string, mods: string[], cased: boolean, refs: string[]): ValueTest {
  refs.push(other);
  const position = mods.includes('contains') ? 'contains' : mods.includes('startswith') ? 'startswith' : mods.includes('endswith') ? 'endswith' : 'eq';
  return (f, access) => {
    const o = access.texts(other);
    if (o === UNKNOWN) return false;
    const mine = cased ? f.texts : f.lower;
    const theirs = cased ? o.texts : o.lower;
    return mine.some((m) =>
      theirs.some((t) => (position === 'eq' ? m === t : position === 'contains' ? m.includes(t) : position === 'startswith' ? m.startsWith(t) : m.endsWith(t))),
    );
  };
}

/** String values: placeholders expanded, then the transformations in the order written. */
function stringValue(text: string, item: FieldItem, mods: string[], ctx: CompileContext, keyword: boolean): Pattern[] {
  const raws = mods.includes('expand') ? expandPlaceholders(text, ctx, item.key) : [text];
  let stages: Stage[] = raws.map((r) => ({ kind: 'text', pattern: parseSigmaString(r) }));
  let positioned = false;
  for (const m of mods) {
    stages = transform(stages, m);
    positioned ||= m === 'contains' || m === 'startswith' || m === 'endswith';
  }
  const patterns = stages.map(asPattern);
  // Keywords are full-text searches: a value matches anywhere unless a position was given.
  return keyword && !positioned ? patterns.map((p) => withTrailingAny(withLeadingAny(p))) : patterns;
}

/** One modifier applied to the values so far. */
function transform(stages: Stage[], m: string): Stage[] {
  switch (m) {
    case 'contains':
      return stages.map((s) => ({ kind: 'text', pattern: withTrailingAny(withLeadingAny(asPattern(s))) }));
    case 'startswith':
      return stages.map((s) => ({ kind: 'text', pattern: withTrailingAny(asPattern(s)) }));
    case 'endswith':
      return stages.map((s) => ({ kind: 'text', pattern: withLeadingAny(asPattern(s)) }));
    case 'windash':
      return stages.map((s) => (s.kind === 'text' ? { kind: 'text', pattern: windash(s.pattern) } : s));
    case 'utf16le':
    case 'utf16be':
    case 'utf16':
    case 'wide':
      return concrete(stages).map((s) => ({
        kind: 'bytes',
        bytes: encodeUtf16(s.kind === 'text' ? plain(s.pattern) : s.bytes.toString('latin1'), m as Utf16Kind),
      }));
    case 'base64':
      return concrete(stages).map((s) => ({ kind: 'text', pattern: lit(base64(bytesOf(s))) }));
    case 'base64offset':
      return concrete(stages).flatMap((s) => base64Offsets(bytesOf(s)).map((b): Stage => ({ kind: 'text', pattern: lit(b) })));
    default:
      return stages; // cased, all, neq, expand: flags read elsewhere
  }
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
  return stages.flatMap((s) =>
    s.kind === 'text' && s.pattern.some((x) => x.t === 'cls') ? expandClasses(s.pattern).map((p): Stage => ({ kind: 'text', pattern: p })) : [s],
  );
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
