/**
 * Arithmetic and ordering on preview values, following Kusto's scalar types
 * (learn.microsoft.com/kusto/query/datetime-timespan-arithmetic): datetime − datetime = timespan,
 * datetime ± timespan = datetime, timespan × number = timespan, timespan / timespan = number.
 * Sample columns arrive as JSON strings: an ISO string meets a timespan as a datetime.
 * Integer division truncates when both operands are whole numbers (Kusto's long / long); JSON
 * does not say whether 4 was a long or a real, so a real column holding 4.0 divides like a long.
 */
import { asNumber, asTime, compareValues, isDateTime, isTimespan, type KqlValue } from './values';

function asDate(v: KqlValue): number | null {
  if (isDateTime(v)) return v.dt;
  return typeof v === 'string' ? asTime(v) : null;
}

export function arith(op: string, x: KqlValue, y: KqlValue): KqlValue {
  if (x === null || y === null) return null;
  const xt = isTimespan(x);
  const yt = isTimespan(y);
  if (op === '+' || op === '-') {
    const s = op === '+' ? 1 : -1;
    if (xt && yt) return { ts: x.ts + s * y.ts };
    if (yt) {
      const d = asDate(x);
      if (d !== null) return { dt: d + s * y.ts };
    }
    if (xt && op === '+') {
      const d = asDate(y);
      if (d !== null) return { dt: d + x.ts };
    }
    if (op === '-' && (isDateTime(x) || isDateTime(y))) {
      const a = asDate(x);
      const b = asDate(y);
      if (a !== null && b !== null) return { ts: a - b };
    }
  }
  if (op === '*' && (xt || yt)) {
    const n = asNumber(xt ? y : x);
    return n === null ? null : { ts: (xt ? x.ts : (y as { ts: number }).ts) * n };
  }
  if (op === '/' && xt) {
    if (yt) return y.ts === 0 ? null : x.ts / y.ts;
    const n = asNumber(y);
    return n === null || n === 0 ? null : { ts: x.ts / n };
  }
  const a = asNumber(x);
  const b = asNumber(y);
  if (a === null || b === null) return null;
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) return null;
      return Number.isInteger(a) && Number.isInteger(b) ? Math.trunc(a / b) : a / b;
    case '%':
      return b === 0 ? null : a % b;
    default:
      return null;
  }
}

export function negate(v: KqlValue): KqlValue {
  if (isTimespan(v)) return { ts: -v.ts };
  const n = asNumber(v);
  return n === null ? null : -n;
}

/** Ordering for `<`, `between`: null when either side is null or they cannot be ordered. */
export function compareOrdered(a: KqlValue, b: KqlValue): number | null {
  if (a === null || b === null) return null;
  return compareValues(a, b);
}
