/**
 * BinXML value types (MS-EVEN6 / libevtx "value type"), decoded into what the EVTX JSON exports
 * (evtx_dump) write: integers and booleans as JSON numbers and booleans, everything else as text —
 * GUIDs upper-case without braces, FILETIME/SYSTEMTIME as `YYYY-MM-DDTHH:MM:SS.ffffffZ`, binary as
 * upper-case hex, HexInt32/64 and size_t as `0x…` lower-case, SIDs as `S-1-5-18`. Floats become
 * JSON numbers (their shortest decimal form), arrays JSON arrays.
 */
import { EvtxFormatError, need } from './errors';
import type { Content, Scalar, Value } from './model';

export const T = {
  NULL: 0x00,
  STRING: 0x01,
  ANSI: 0x02,
  INT8: 0x03,
  UINT8: 0x04,
  INT16: 0x05,
  UINT16: 0x06,
  INT32: 0x07,
  UINT32: 0x08,
  INT64: 0x09,
  UINT64: 0x0a,
  REAL32: 0x0b,
  REAL64: 0x0c,
  BOOL: 0x0d,
  BINARY: 0x0e,
  GUID: 0x0f,
  SIZE_T: 0x10,
  FILETIME: 0x11,
  SYSTIME: 0x12,
  SID: 0x13,
  HEX32: 0x14,
  HEX64: 0x15,
  EVT_HANDLE: 0x20,
  BINXML: 0x21,
  EVT_XML: 0x23,
  ARRAY: 0x80,
} as const;

/** Element sizes of the fixed-size types (size_t and bool depend on the value's own size). */
const FIXED: Partial<Record<number, number>> = {
  [T.INT8]: 1,
  [T.UINT8]: 1,
  [T.INT16]: 2,
  [T.UINT16]: 2,
  [T.INT32]: 4,
  [T.UINT32]: 4,
  [T.INT64]: 8,
  [T.UINT64]: 8,
  [T.REAL32]: 4,
  [T.REAL64]: 8,
  [T.BOOL]: 4,
  [T.GUID]: 16,
  [T.SIZE_T]: 8,
  [T.FILETIME]: 8,
  [T.SYSTIME]: 16,
  [T.HEX32]: 4,
  [T.HEX64]: 8,
};

export function fixedSize(type: number): number | undefined {
  return FIXED[type];
}

/** Parses a nested BinXML fragment (value type 0x21) in `[pos, end)`. */
type FragmentParser = (pos: number, end: number) => Content[];

const FILETIME_UNIX_SECONDS = 11644473600;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Seconds since 1601 and the 100 ns ticks within that second. */
function filetimeParts(buf: Buffer, pos: number): [number, number] {
  const lo = buf.readUInt32LE(pos);
  const hi = buf.readUInt32LE(pos + 4);
  // 2^32 = 429 * 10^7 + 4967296: exact in doubles while hi * 4967296 + lo < 2^53 (until year ~25000).
  if (hi < 1800000000) {
    const rest = hi * 4967296 + lo;
    return [hi * 429 + Math.floor(rest / 1e7), rest % 1e7];
  }
  const ticks = buf.readBigUInt64LE(pos);
  return [Number(ticks / 10000000n), Number(ticks % 10000000n)];
}

export function formatFiletime(buf: Buffer, pos: number): string {
  const [seconds, ticks] = filetimeParts(buf, pos);
  const d = new Date((seconds - FILETIME_UNIX_SECONDS) * 1000);
  if (Number.isNaN(d.getTime())) throw new EvtxFormatError(`FILETIME at offset ${pos} is out of range`);
  return `${d.toISOString().slice(0, 19)}.${pad(Math.floor(ticks / 10), 6)}Z`;
}

function formatSystime(buf: Buffer, pos: number): string {
  const [y, mo, , d, h, mi, s, ms] = [0, 2, 4, 6, 8, 10, 12, 14].map((o) => buf.readUInt16LE(pos + o));
  return `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms * 1000, 6)}Z`;
}

function hex(buf: Buffer, pos: number, size: number): string {
  return buf.toString('hex', pos, pos + size).toUpperCase();
}

function formatGuid(buf: Buffer, pos: number): string {
  const h = (n: number, w: number): string => n.toString(16).toUpperCase().padStart(w, '0');
  return `${h(buf.readUInt32LE(pos), 8)}-${h(buf.readUInt16LE(pos + 4), 4)}-${h(buf.readUInt16LE(pos + 6), 4)}-${hex(buf, pos + 8, 2)}-${hex(buf, pos + 10, 6)}`;
}

function formatSid(buf: Buffer, pos: number, size: number): string {
  need(pos, 8, pos + size, 'SID');
  const count = buf[pos + 1];
  need(pos + 8, count * 4, pos + size, 'SID sub-authorities');
  let authority = 0;
  for (let i = 2; i < 8; i++) authority = authority * 256 + buf[pos + i];
  let out = `S-${buf[pos]}-${authority}`;
  for (let i = 0; i < count; i++) out += `-${buf.readUInt32LE(pos + 8 + i * 4)}`;
  return out;
}

/** The shortest decimal that reads back as the same 32-bit float (0.1f → 0.1, not 0.100000001…). */
function real32(buf: Buffer, pos: number): number {
  const v = buf.readFloatLE(pos);
  if (!Number.isFinite(v)) return v;
  for (let p = 1; p <= 9; p++) {
    const s = Number(v.toPrecision(p));
    if (Math.fround(s) === v) return s;
  }
  return v;
}

/** UTF-16LE text up to the first NUL (substitution strings usually carry a trailing NUL). */
function utf16z(buf: Buffer, pos: number, end: number): string {
  const s = buf.toString('utf16le', pos, end);
  const nul = s.indexOf('\u0000');
  return nul < 0 ? s : s.slice(0, nul);
}

function ansiz(buf: Buffer, pos: number, end: number): string {
  const nul = buf.indexOf(0, pos);
  return buf.toString('latin1', pos, nul >= 0 && nul < end ? nul : end);
}

/** One value of a fixed-size or string type at `pos`, `size` bytes. */
function scalar(buf: Buffer, pos: number, size: number, type: number): Scalar {
  switch (type) {
    case T.STRING:
      return utf16z(buf, pos, pos + size);
    case T.ANSI:
      return ansiz(buf, pos, pos + size);
    case T.INT8:
      return buf.readInt8(pos);
    case T.UINT8:
      return buf[pos];
    case T.INT16:
      return buf.readInt16LE(pos);
    case T.UINT16:
      return buf.readUInt16LE(pos);
    case T.INT32:
      return buf.readInt32LE(pos);
    case T.UINT32:
      return buf.readUInt32LE(pos);
    case T.INT64:
      return Number(buf.readBigInt64LE(pos));
    case T.UINT64:
      return Number(buf.readBigUInt64LE(pos));
    case T.REAL32:
      return real32(buf, pos);
    case T.REAL64:
      return buf.readDoubleLE(pos);
    case T.BOOL:
      return size >= 4 ? buf.readInt32LE(pos) !== 0 : size === 2 ? buf.readInt16LE(pos) !== 0 : buf[pos] !== 0;
    case T.GUID:
      return formatGuid(buf, pos);
    case T.SIZE_T:
    case T.HEX32:
    case T.HEX64:
      return size < 8 ? `0x${buf.readUInt32LE(pos).toString(16)}` : `0x${buf.readBigUInt64LE(pos).toString(16)}`;
    case T.FILETIME:
      return formatFiletime(buf, pos);
    case T.SYSTIME:
      return formatSystime(buf, pos);
    case T.SID:
      return formatSid(buf, pos, size);
    default:
      // EvtHandle, EvtXml and unknown types: no text form is defined; keep the bytes visible.
      return hex(buf, pos, size);
  }
}

/** An array value: NUL-separated strings, or a run of fixed-size items. */
function array(buf: Buffer, pos: number, size: number, type: number): Scalar[] {
  const end = pos + size;
  if (type === T.STRING) {
    const text = buf.toString('utf16le', pos, end - (size & 1));
    const items = text.split('\u0000');
    if (items.length > 1 && items[items.length - 1] === '') items.pop();
    return items;
  }
  if (type === T.ANSI) {
    const items = buf.toString('latin1', pos, end).split('\u0000');
    if (items.length > 1 && items[items.length - 1] === '') items.pop();
    return items;
  }
  if (type === T.SID) {
    const out: Scalar[] = [];
    for (let p = pos; p + 8 <= end;) {
      const len = 8 + buf[p + 1] * 4;
      out.push(formatSid(buf, p, Math.min(len, end - p)));
      p += len;
    }
    return out;
  }
  const item = type === T.SIZE_T ? 8 : fixedSize(type);
  if (item === undefined) return [hex(buf, pos, size)];
  if (size % item !== 0) throw new EvtxFormatError(`array of type 0x${type.toString(16)} at offset ${pos}: ${size} bytes is not a multiple of ${item}`);
  const out: Scalar[] = [];
  for (let p = pos; p < end; p += item) out.push(scalar(buf, p, item, type));
  return out;
}

/** Decodes a substitution value of `type`, `size` bytes at `pos` (its end bounded by `end`). */
export function decodeValue(buf: Buffer, pos: number, size: number, type: number, end: number, nested: FragmentParser): Value {
  if (pos + size > end) need(pos, size, end, `value of type 0x${type.toString(16)}`);
  if (type === T.NULL) return null;
  if (type === T.BINXML) return size === 0 ? null : { fragment: nested(pos, pos + size) };
  if (type & T.ARRAY) return array(buf, pos, size, type & 0x7f);
  if (type === T.BINARY) return hex(buf, pos, size);
  const fixed = type === T.BOOL ? 1 : type === T.SIZE_T ? 4 : fixedSize(type);
  if (fixed !== undefined && size < fixed) throw new EvtxFormatError(`value of type 0x${type.toString(16)} at offset ${pos} is ${size} bytes, needs ${fixed}`);
  return scalar(buf, pos, size, type);
}
