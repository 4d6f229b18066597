import { GuardedRegExp } from './regex-guard';
import { KqlUnsupportedError } from './types';
import { hasTerm, hasTermEdge, lower } from './values';

/**
 * A group that holds a repeated item and is itself repeated (`(a+)+`, `(\w*\.)*x`): RE2, which
 * Kusto uses, matches it in linear time, JavaScript's backtracking engine can take exponential time
 * on a near miss. Such patterns run under a time budget (regex-guard.ts).
 */
function hasNestedQuantifier(p: string): boolean {
  const stack: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      i++;
      const next = p[i + 1];
      if (!inClass && stack.length && (next === '+' || next === '*' || next === '{')) stack[stack.length - 1] = true;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      else continue;
    } else if (c === '[') {
      inClass = true;
      continue;
    }
    if (c === '(') stack.push(false);
    else if (c === ')') {
      const repeated = stack.pop() ?? false;
      const q = p.slice(i + 1);
      if (repeated && /^(?:[+*]|\{\d*,\d*\}|\{\d{2,}\})/.test(q)) return true;
      if (stack.length && repeated) stack[stack.length - 1] = true;
    } else if ((c === '+' || c === '*' || (c === '{' && /^\{\d*,/.test(p.slice(i)))) && stack.length) stack[stack.length - 1] = true;
    if (c === ']' && stack.length && /^[+*{]/.test(p.slice(i + 1))) stack[stack.length - 1] = true;
  }
  return false;
}

/** Kusto RE2 patterns: the subset JavaScript reads the same way; anything else is refused, not guessed. */
export function compileRe2(pattern: string, offset: number, extraFlags = ''): RegExp {
  let flags = extraFlags;
  let p = pattern;
  const lead = /^\(\?([imsU]+)\)/.exec(p);
  if (lead) {
    if (/U/.test(lead[1])) throw new KqlUnsupportedError(`regex flag (?U) in ${JSON.stringify(pattern)}`, offset);
    for (const f of lead[1]) if (!flags.includes(f)) flags += f;
    p = p.slice(lead[0].length);
  }
  if (/\(\?[=!<]|\(\?P?<|\\[1-9]|\(\?[a-zA-Z]|\\[pP]\{|\[\[:/.test(p)) {
    throw new KqlUnsupportedError(
      `regex construct in ${JSON.stringify(pattern)} (lookaround, backreference, named group, inline flag or class that the preview does not translate from RE2)`,
      offset,
    );
  }
  try {
    return hasNestedQuantifier(p) ? new GuardedRegExp(p, flags, offset) : new RegExp(p, flags);
  } catch (e) {
    throw new KqlUnsupportedError(`regex ${JSON.stringify(pattern)}: ${(e as Error).message}`, offset);
  }
}

export type StringTest = (text: string) => boolean;

export type StringBase = 'has' | 'hasprefix' | 'hassuffix' | 'contains' | 'startswith' | 'endswith';

/** The test of a string operator against one right-hand side (`has`, `contains`...). */
export function stringTest(base: StringBase, needle: string, cs: boolean, offset: number): StringTest {
  // Kusto's documentation does not say what a term match against '' gives: refuse rather than guess.
  if (needle === '' && base.startsWith('has')) throw new KqlUnsupportedError(`${base} with an empty string`, offset);
  const n = lower(needle, cs);
  switch (base) {
    case 'has':
      return (t) => hasTerm(t, needle, cs);
    case 'hasprefix':
      return (t) => hasTermEdge(t, needle, cs, 'prefix');
    case 'hassuffix':
      return (t) => hasTermEdge(t, needle, cs, 'suffix');
    case 'contains':
      return (t) => lower(t, cs).includes(n);
    case 'startswith':
      return (t) => lower(t, cs).startsWith(n);
    case 'endswith':
      return (t) => lower(t, cs).endsWith(n);
  }
}

/** The same test when the right-hand side is only known per row: an empty term never matches. */
export function stringTestDynamic(base: StringBase, lhs: string, needle: string, cs: boolean): boolean {
  if (needle === '' && base.startsWith('has')) return false;
  return stringTest(base, needle, cs, 0)(lhs);
}
