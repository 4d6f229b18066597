/**
 * What a compiled item reads from an event. Two implementations: a parsed event (everything is
 * known) and a raw NDJSON line (fields the pre-filter could not read are UNKNOWN), so one
 * compiled rule serves both the pre-filter and the real evaluation.
 */
import { UNKNOWN } from '../logsource';

export { UNKNOWN };

export interface FieldTexts {
  /** Scalar values of the field as text (arrays flattened), original case. */
  texts: string[];
  /** The same, lower-cased once. */
  lower: string[];
}

export interface FieldAccess {
  /** The raw value; `undefined` when absent; UNKNOWN when it cannot be known here. */
  value(field: string): unknown;
  texts(field: string): FieldTexts | typeof UNKNOWN;
  /** Every scalar of the event (keyword searches). */
  keywords(): FieldTexts | typeof UNKNOWN;
}

const NO_TEXTS: FieldTexts = { texts: [], lower: [] };

export function scalarTexts(v: unknown): FieldTexts {
  if (v === undefined || v === null) return NO_TEXTS;
  if (typeof v === 'string') return { texts: [v], lower: [v.toLowerCase()] };
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') {
    const s = String(v);
    return { texts: [s], lower: [s] };
  }
  if (Array.isArray(v)) {
    const texts: string[] = [];
    for (const x of v) {
      if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') texts.push(String(x));
      else if (x !== null && typeof x === 'object') texts.push(JSON.stringify(x));
    }
    return { texts, lower: texts.map((t) => t.toLowerCase()) };
  }
  const s = JSON.stringify(v);
  return { texts: [s], lower: [s.toLowerCase()] };
}
