// Deterministic randomness for the sample generator: the same seed always gives byte-identical
// samples, so labels, tests and the shipped files never drift apart.

/** mulberry32: tiny, fast, good enough statistical quality for synthetic telemetry. */
export function createRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (arr) => arr[Math.floor(next() * arr.length)];
  /** pairs: [[weight, value], ...] */
  const weighted = (pairs) => {
    let total = 0;
    for (const [w] of pairs) total += w;
    let r = next() * total;
    for (const [w, v] of pairs) {
      r -= w;
      if (r < 0) return v;
    }
    return pairs[pairs.length - 1][1];
  };
  const chars = (alphabet, n) => {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * alphabet.length)];
    return s;
  };
  const hex = (n) => chars('0123456789abcdef', n);
  const b62 = (n) => chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', n);
  const digits = (n) => String(int(1, 9)) + chars('0123456789', n - 1);
  const guid = () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`.toUpperCase();
  return { next, int, pick, weighted, chars, hex, b62, digits, guid };
}

/** Stable 32-bit hash (FNV-1a) so a host always resolves to the same fake address. */
export function hash32(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
