/**
 * Set, encoding and hashing functions of the preview, with the semantics of their pages under
 * learn.microsoft.com/kusto/query/ (set-union-function, set-difference-function,
 * set-intersect-function, tohex-function, hash-sha256-function, base64-decode-toarray-function,
 * parse-url-query-function, dynamic-to-json-function; parse-xml-function in xml.ts).
 */
import { createHash } from 'node:crypto';
import type { KqlNode } from '../tree';
import { KqlUnsupportedError, type Compiled } from './types';
import { parseXml } from './xml';
import { asDynamic, asNumber, asString, isDateTime, isTimespan, type KqlValue } from './values';

type Impl = (args: Compiled[], nodes: KqlNode[], ctx: unknown, call: KqlNode) => Compiled;

function arity(name: string, min: number, max: number, args: Compiled[], call: KqlNode): void {
  if (args.length < min || args.length > max) throw new KqlUnsupportedError(`${name}() with ${args.length} arguments`, call.start);
}

function array(v: KqlValue): KqlValue[] | null {
  const d = asDynamic(v);
  return Array.isArray(d) ? d : null;
}

/** Set membership compares values as dynamic values do: a string and a number are different. */
function setKey(v: KqlValue): string {
  return JSON.stringify(v);
}

function distinct(values: KqlValue[]): KqlValue[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = setKey(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** set_union / set_difference / set_intersect: two or more arrays; null when an argument is not one. */
function setFunction(name: string, combine: (arrays: KqlValue[][]) => KqlValue[]): Impl {
  return (args, _n, _c, call) => {
    arity(name, 2, 64, args, call);
    return (r) => {
      const arrays = args.map((a) => array(a(r)));
      return arrays.some((a) => a === null) ? null : combine(arrays as KqlValue[][]);
    };
  };
}

const sets = (arrays: KqlValue[][]): Set<string>[] => arrays.map((a) => new Set(a.map(setKey)));

/** tohex(): lower-case hex; a negative value in its 64-bit two's complement; optional zero padding. */
function toHex(v: KqlValue, minLength: number | null): KqlValue {
  const n = asNumber(v);
  if (n === null || !Number.isInteger(n)) return null;
  const big = n < 0 ? (1n << 64n) + BigInt(n) : BigInt(n);
  const hex = big.toString(16);
  return minLength && minLength > hex.length ? hex.padStart(minLength, '0') : hex;
}

/** dynamic_to_json(): canonical JSON, object keys sorted. */
function canonical(v: KqlValue): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (isDateTime(v) || isTimespan(v)) return asString(v);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canonical((v as Record<string, KqlValue>)[k])]),
    );
  return v;
}

function urlQuery(text: string): KqlValue {
  const params: Record<string, KqlValue> = {};
  for (const part of text.replace(/^\?/, '').split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const decode = (s: string): string => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    params[decode(eq < 0 ? part : part.slice(0, eq))] = eq < 0 ? '' : decode(part.slice(eq + 1));
  }
  return { 'Query Parameters': params };
}

export const SET_FUNCTIONS: Record<string, Impl> = {
  set_union: setFunction('set_union', (arrays) => distinct(arrays.flat())),
  set_difference: setFunction('set_difference', ([first, ...rest]) => distinct(first.filter((v) => !sets(rest).some((s) => s.has(setKey(v)))))),
  set_intersect: setFunction('set_intersect', ([first, ...rest]) => distinct(first.filter((v) => sets(rest).every((s) => s.has(setKey(v)))))),
  tohex: (args, _n, _c, call) => {
    arity('tohex', 1, 2, args, call);
    return (r) => toHex(args[0](r), args[1] ? asNumber(args[1](r)) : null);
  },
  hash_sha256: (args, _n, _c, call) => {
    arity('hash_sha256', 1, 1, args, call);
    return (r) => {
      const v = args[0](r);
      return v === null || v === undefined ? null : createHash('sha256').update(asString(v), 'utf8').digest('hex');
    };
  },
  base64_decode_toarray: (args, _n, _c, call) => {
    arity('base64_decode_toarray', 1, 1, args, call);
    return (r) => {
      const s = asString(args[0](r));
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 === 1) return null;
      return [...Buffer.from(s, 'base64')];
    };
  },
  parse_xml: (args, _n, _c, call) => {
    arity('parse_xml', 1, 1, args, call);
    return (r) => {
      const v = args[0](r);
      return typeof v === 'string' ? parseXml(v) : null;
    };
  },
  parse_urlquery: (args, _n, _c, call) => {
    arity('parse_urlquery', 1, 1, args, call);
    return (r) => urlQuery(asString(args[0](r)));
  },
  dynamic_to_json: (args, _n, _c, call) => {
    arity('dynamic_to_json', 1, 1, args, call);
    return (r) => JSON.stringify(canonical(asDynamic(args[0](r))) ?? null);
  },
};
