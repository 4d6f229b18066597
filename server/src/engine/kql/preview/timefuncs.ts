/** Datetime functions of the preview (learn.microsoft.com/kusto/query/, one page per function). */
import type { KqlNode } from '../tree';
import { KqlUnsupportedError, type Compiled, type CompileContext } from './types';
import { asNumber, asString, asTime, isDateTime, isTimespan, type KqlValue } from './values';

type FunctionImpl = (args: Compiled[], nodes: KqlNode[], ctx: CompileContext, call: KqlNode) => Compiled;

const DAY = 86400000;
/** Kusto's datetime ticks count from 0001-01-01; bins of datetimes are aligned to it, not to 1970. */
const YEAR_ONE = -62135596800000;

function need(name: string, args: Compiled[], call: KqlNode, min: number, max: number): void {
  if (args.length < min || args.length > max) throw new KqlUnsupportedError(`${name}() with ${args.length} arguments`, call.start);
}

function date(v: KqlValue): number | null {
  return isDateTime(v) ? v.dt : typeof v === 'string' ? asTime(v) : null;
}

/**
 * bin(value, size) / floor(): numbers round down to a multiple of size; datetimes to a multiple of
 * the timespan counted from 0001-01-01; timespans to a multiple of the timespan
 * (learn.microsoft.com/kusto/query/bin-function).
 */
function bin(v: KqlValue, size: KqlValue): KqlValue {
  if (v === null || size === null) return null;
  if (isTimespan(size)) {
    if (size.ts <= 0) return null;
    if (isTimespan(v)) return { ts: Math.floor(v.ts / size.ts) * size.ts };
    const d = date(v);
    if (d === null) return null;
    return { dt: YEAR_ONE + Math.floor((d - YEAR_ONE) / size.ts) * size.ts };
  }
  const n = asNumber(v);
  const s = asNumber(size);
  if (n === null || s === null || s <= 0) return null;
  return Math.floor(n / s) * s;
}

function dateFn(name: string, f: (d: Date, offset: number) => number): FunctionImpl {
  return (args, _n, _c, call) => {
    need(name, args, call, 1, 2);
    return (r) => {
      const d = date(args[0](r));
      if (d === null) return null;
      const off = args[1] ? (asNumber(args[1](r)) ?? 0) : 0;
      return { dt: f(new Date(d), off) };
    };
  };
}

function part(name: string, f: (d: Date) => KqlValue): FunctionImpl {
  return (args, _n, _c, call) => {
    need(name, args, call, 1, 1);
    return (r) => {
      const d = date(args[0](r));
      return d === null ? null : f(new Date(d));
    };
  };
}

const PART_MS: Record<string, number> = { day: DAY, hour: 3600000, minute: 60000, second: 1000, millisecond: 1, week: 7 * DAY };

function addMonths(d: Date, n: number): number {
  const x = new Date(d.getTime());
  x.setUTCMonth(x.getUTCMonth() + n);
  return x.getTime();
}

/** format_datetime(): the common specifiers (yyyy, MM, dd, HH, hh, mm, ss, fff..., tt). */
function formatDateTime(d: Date, fmt: string): string {
  const pad = (n: number, w: number): string => String(n).padStart(w, '0');
  return fmt.replace(/yyyy|yy|MM|M|dd|d|HH|H|hh|h|mm|m|ss|s|f{1,7}|tt/g, (t) => {
    switch (t) {
      case 'yyyy':
        return pad(d.getUTCFullYear(), 4);
      case 'yy':
        return pad(d.getUTCFullYear() % 100, 2);
      case 'MM':
        return pad(d.getUTCMonth() + 1, 2);
      case 'M':
        return String(d.getUTCMonth() + 1);
      case 'dd':
        return pad(d.getUTCDate(), 2);
      case 'd':
        return String(d.getUTCDate());
      case 'HH':
        return pad(d.getUTCHours(), 2);
      case 'H':
        return String(d.getUTCHours());
      case 'hh':
        return pad(d.getUTCHours() % 12 || 12, 2);
      case 'h':
        return String(d.getUTCHours() % 12 || 12);
      case 'mm':
        return pad(d.getUTCMinutes(), 2);
      case 'm':
        return String(d.getUTCMinutes());
      case 'ss':
        return pad(d.getUTCSeconds(), 2);
      case 's':
        return String(d.getUTCSeconds());
      case 'tt':
        return d.getUTCHours() < 12 ? 'AM' : 'PM';
      default:
        return pad(d.getUTCMilliseconds(), 3).padEnd(t.length, '0').slice(0, t.length);
    }
  });
}

export const TIME_FUNCTIONS: Record<string, FunctionImpl> = {
  bin: (args, _n, _c, call) => {
    need('bin', args, call, 2, 2);
    return (r) => bin(args[0](r), args[1](r));
  },
  floor: (args, _n, _c, call) => {
    need('floor', args, call, 2, 2);
    return (r) => bin(args[0](r), args[1](r));
  },
  startofday: dateFn('startofday', (d, o) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + o)),
  endofday: dateFn('endofday', (d, o) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + o + 1) - 0.0001),
  // Weeks start on Sunday (learn.microsoft.com/kusto/query/startofweek-function).
  startofweek: dateFn('startofweek', (d, o) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - d.getUTCDay() + 7 * o)),
  startofmonth: dateFn('startofmonth', (d, o) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + o, 1)),
  startofyear: dateFn('startofyear', (d, o) => Date.UTC(d.getUTCFullYear() + o, 0, 1)),
  dayofweek: part('dayofweek', (d) => ({ ts: d.getUTCDay() * DAY })),
  dayofmonth: part('dayofmonth', (d) => d.getUTCDate()),
  dayofyear: part('dayofyear', (d) => Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY) + 1),
  hourofday: part('hourofday', (d) => d.getUTCHours()),
  getmonth: part('getmonth', (d) => d.getUTCMonth() + 1),
  monthofyear: part('monthofyear', (d) => d.getUTCMonth() + 1),
  getyear: part('getyear', (d) => d.getUTCFullYear()),
  unixtime_seconds_todatetime: (args, _n, _c, call) => {
    need('unixtime_seconds_todatetime', args, call, 1, 1);
    return (r) => {
      const n = asNumber(args[0](r));
      return n === null ? null : { dt: n * 1000 };
    };
  },
  unixtime_milliseconds_todatetime: (args, _n, _c, call) => {
    need('unixtime_milliseconds_todatetime', args, call, 1, 1);
    return (r) => {
      const n = asNumber(args[0](r));
      return n === null ? null : { dt: n };
    };
  },
  format_datetime: (args, _n, _c, call) => {
    need('format_datetime', args, call, 2, 2);
    return (r) => {
      const d = date(args[0](r));
      return d === null ? '' : formatDateTime(new Date(d), asString(args[1](r)));
    };
  },
  // datetime_diff(part, a, b): whole parts between b and a, counted on calendar boundaries for
  // month and year (learn.microsoft.com/kusto/query/datetime-diff-function).
  datetime_diff: (args, _n, _c, call) => {
    need('datetime_diff', args, call, 3, 3);
    return (r) => {
      const p = asString(args[0](r)).toLowerCase();
      const a = date(args[1](r));
      const b = date(args[2](r));
      if (a === null || b === null) return null;
      const da = new Date(a);
      const db = new Date(b);
      if (p === 'year') return da.getUTCFullYear() - db.getUTCFullYear();
      if (p === 'month') return (da.getUTCFullYear() - db.getUTCFullYear()) * 12 + da.getUTCMonth() - db.getUTCMonth();
      const ms = PART_MS[p];
      if (!ms) return null;
      return Math.floor((a - YEAR_ONE) / ms) - Math.floor((b - YEAR_ONE) / ms);
    };
  },
  datetime_add: (args, _n, _c, call) => {
    need('datetime_add', args, call, 3, 3);
    return (r) => {
      const p = asString(args[0](r)).toLowerCase();
      const n = asNumber(args[1](r));
      const d = date(args[2](r));
      if (n === null || d === null) return null;
      if (p === 'month') return { dt: addMonths(new Date(d), n) };
      if (p === 'year') return { dt: addMonths(new Date(d), 12 * n) };
      const ms = PART_MS[p];
      return ms ? { dt: d + n * ms } : null;
    };
  },
};
