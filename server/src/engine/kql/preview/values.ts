/**
 * Values of the KQL preview and the string semantics of Kusto's operators, as documented in
 * "String operators" (learn.microsoft.com/kusto/query/datatypes-string-operators) and the
 * `has` operator page:
 *
 * - A *term* is a maximal run of alphanumeric characters. `has` is true when the right-hand side
 *   occurs in the left-hand side with term boundaries at both ends: the characters just outside the
 *   occurrence are not alphanumeric (or the occurrence starts/ends with a non-alphanumeric
 *   character of its own). So `RemoteUrl has "discord.com"` is true for `discord.com`,
 *   `https://cdn.discord.com/api` and `discord.com.evil.io`, and false for `evildiscord.com`,
 *   `discord.community` and `discordapp.com`. Letters and digits of any script count as
 *   alphanumeric here.
 * - Operators without `_cs` (and `=~`, `!~`, `in~`, `has_any`, `has_all`) ignore case; `==`, `!=`,
 *   `in`, `!in`, `_cs` operators and `matches regex` do not.
 * - String operators read a missing or null value as the empty string (Kusto string columns hold ''
 *   rather than null), and other values through their text form.
 */

interface DateTimeValue {
  dt: number;
}
interface TimespanValue {
  ts: number;
}
export type KqlValue = null | string | number | boolean | DateTimeValue | TimespanValue | KqlValue[] | { [k: string]: unknown };

export function isDateTime(v: unknown): v is DateTimeValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as DateTimeValue).dt === 'number' && Object.keys(v).length === 1;
}
export function isTimespan(v: unknown): v is TimespanValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as TimespanValue).ts === 'number' && Object.keys(v).length === 1;
}

function formatTimespan(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const d = Math.floor(rest / 86400000);
  rest -= d * 86400000;
  const h = Math.floor(rest / 3600000);
  rest -= h * 3600000;
  const m = Math.floor(rest / 60000);
  rest -= m * 60000;
  const s = rest / 1000;
  const pad = (n: number): string => String(n).padStart(2, '0');
  const sec = Number.isInteger(s) ? pad(s) : s.toFixed(3).padStart(6, '0');
  return `${sign}${d ? `${d}.` : ''}${pad(h)}:${pad(m)}:${sec}`;
}

/** The text a string operator sees. */
export function asString(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  // Kusto's text form of a datetime: whole seconds without a fraction, else seven digits.
  if (isDateTime(v))
    return new Date(Math.floor(v.dt))
      .toISOString()
      .replace(/\.000Z$/, 'Z')
      .replace(/\.(\d{3})Z$/, '.$10000Z');
  if (isTimespan(v)) return formatTimespan(v.ts);
  return JSON.stringify(v);
}

/** Plain JSON for output rows. */
export function toJson(v: unknown): unknown {
  if (isDateTime(v)) return new Date(v.dt).toISOString();
  if (isTimespan(v)) return formatTimespan(v.ts);
  if (Array.isArray(v)) return v.map(toJson);
  return v === undefined ? null : v;
}

const ALNUM = /[\p{L}\p{N}]/u;

function isAlnum(c: string | undefined): boolean {
  return c !== undefined && ALNUM.test(c);
}

/** `lhs has rhs` (whole-term match); `cs` for `has_cs`. */
export function hasTerm(lhs: string, rhs: string, cs: boolean): boolean {
  const l = cs ? lhs : lhs.toLowerCase();
  const r = cs ? rhs : rhs.toLowerCase();
  if (r.length === 0) return true;
  const openLeft = !isAlnum(r[0]);
  const openRight = !isAlnum(r[r.length - 1]);
  for (let i = l.indexOf(r); i >= 0; i = l.indexOf(r, i + 1)) {
    const end = i + r.length;
    if ((openLeft || !isAlnum(l[i - 1])) && (openRight || !isAlnum(l[end]))) return true;
  }
  return false;
}

/** A term of `lhs` starts (`hasprefix`) or ends (`hassuffix`) with `rhs`. */
export function hasTermEdge(lhs: string, rhs: string, cs: boolean, edge: 'prefix' | 'suffix'): boolean {
  const l = cs ? lhs : lhs.toLowerCase();
  const r = cs ? rhs : rhs.toLowerCase();
  if (r.length === 0) return true;
  for (let i = l.indexOf(r); i >= 0; i = l.indexOf(r, i + 1)) {
    const end = i + r.length;
    if (edge === 'prefix' ? !isAlnum(l[i - 1]) || !isAlnum(r[0]) : !isAlnum(l[end]) || !isAlnum(r[r.length - 1])) return true;
  }
  return false;
}

export function lower(s: string, cs: boolean): string {
  return cs ? s : s.toLowerCase();
}

/** Reads a value as a point in time: datetime values, ISO strings from samples, epoch milliseconds. */
export function asTime(v: unknown): number | null {
  if (isDateTime(v)) return v.dt;
  if (typeof v === 'string' && v.length >= 8) {
    const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) || !/\d:\d/.test(v) ? v : `${v}Z`);
    return Number.isNaN(t) ? null : t;
  }
  return null;
}

export function asNumber(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return null;
}

/**
 * Equality for `==`/`!=`/`in`: numbers compare numerically (a CSV cell "443" equals 443),
 * datetimes chronologically, everything else by its text (case-insensitively when asked).
 */
export function valuesEqual(a: unknown, b: unknown, cs: boolean): boolean {
  if (isDateTime(a) || isDateTime(b)) {
    const x = asTime(a);
    const y = asTime(b);
    return x !== null && x === y;
  }
  if (typeof a === 'number' || typeof b === 'number' || typeof a === 'boolean' || typeof b === 'boolean') {
    if (typeof a === 'boolean' || typeof b === 'boolean') return asString(a).toLowerCase() === asString(b).toLowerCase();
    const x = asNumber(a);
    const y = asNumber(b);
    return x !== null && x === y;
  }
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  return lower(asString(a), cs) === lower(asString(b), cs);
}

/** Ordering for `<`, `>`, sort: null when the values cannot be ordered. */
export function compareValues(a: unknown, b: unknown): number | null {
  if (isDateTime(a) || isDateTime(b)) {
    const x = asTime(a);
    const y = asTime(b);
    return x === null || y === null ? null : x - y;
  }
  if (isTimespan(a) && isTimespan(b)) return a.ts - b.ts;
  const x = asNumber(a);
  const y = asNumber(b);
  if (x !== null && y !== null && (typeof a === 'number' || typeof b === 'number')) return x - y;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (x !== null && y !== null) return x - y;
  return null;
}

export function isEmptyValue(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

/**
 * A value as Kusto's dynamic type: objects and arrays as they are; a string that holds a JSON
 * object or array (a CSV cell, a `AdditionalFields` exported as text) parsed.
 */
export function asDynamic(v: unknown): KqlValue {
  if (typeof v === 'string') {
    const t = v.trim();
    if ((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']'))) {
      try {
        return JSON.parse(t) as KqlValue;
      } catch {
        return v;
      }
    }
  }
  return v === undefined ? null : (v as KqlValue);
}

function isBag(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isDateTime(v) && !isTimespan(v);
}

/** `bag.key`: property access, case-sensitive as in Kusto; null when absent. */
export function getProperty(base: unknown, key: KqlValue): KqlValue {
  const d = asDynamic(base);
  if (isBag(d) && typeof key === 'string') return d[key] === undefined ? null : (d[key] as KqlValue);
  return null;
}

/** `value[key]`: a bag property or an array element (negative indexes count from the end). */
export function getElement(base: unknown, key: KqlValue): KqlValue {
  const d = asDynamic(base);
  if (Array.isArray(d) && typeof key === 'number') {
    const i = key < 0 ? d.length + key : key;
    return d[i] === undefined ? null : d[i];
  }
  return getProperty(d, key);
}
