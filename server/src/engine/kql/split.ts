/**
 * Splits the text of a `.kql`/`.csl` file into the queries people mean by it. Log Analytics and
 * Azure Data Explorer treat a blank line (outside a string) as the end of a query and run the one
 * under the cursor, so query files are usually several queries separated by blank lines.
 *
 * Blocks that cannot stand alone are joined with their neighbour, because the author plainly meant
 * one query there (and selecting it all and running it works): a block that ends with `;` (its
 * `let` statements belong to the query below), with `|`, `,`, `(`, `and`..., or inside an unclosed
 * bracket (a function body), or the next block starts with `|`, `)`, `,`, `and`, `or`. Blocks
 * holding only comments are not queries.
 */

/** A query's span in the file: `start` at the beginning of its first line, `end` after its last non-blank character. */
interface QuerySpan {
  start: number;
  end: number;
}

interface Block {
  start: number;
  end: number;
  /** First and last characters (or words) outside comments and strings; empty for comment-only blocks. */
  first: string;
  last: string;
  /** Unclosed `(`, `[`, `{` at the block's end, counted from the start of the file. */
  depth: number;
}

/** Lines as [start, end) offsets, end before the line break. */
function lines(text: string): [number, number][] {
  const out: [number, number][] = [];
  let s = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      const e = i > s && text[i - 1] === '\r' ? i - 1 : i;
      out.push([s, e]);
      s = i + 1;
    }
  }
  return out;
}

/** Scans one line's code: returns its significant text (strings as `""`, comments dropped) and whether a ``` string stays open. */
function scanLine(line: string, inFence: boolean): { code: string; inFence: boolean } {
  let code = '';
  let i = 0;
  let fence = inFence;
  while (i < line.length) {
    if (fence) {
      const close = line.indexOf('```', i);
      if (close < 0) return { code, inFence: true };
      i = close + 3;
      fence = false;
      code += '""';
      continue;
    }
    const c = line[i];
    if (c === '/' && line[i + 1] === '/') break;
    if (line.startsWith('```', i)) {
      fence = true;
      i += 3;
      continue;
    }
    const verbatim = (c === '@' || c === 'h' || c === 'H') && (line[i + 1] === '"' || line[i + 1] === "'") && !/[A-Za-z0-9_]/.test(line[i - 1] ?? '');
    if (c === '"' || c === "'" || verbatim) {
      i = stringEnd(line, verbatim ? i + 1 : i, c === '@');
      code += '""';
      continue;
    }
    code += c;
    i++;
  }
  return { code, inFence: fence };
}

/** Offset after the string starting with the quote at `q` (regular strings end at the line's end). */
function stringEnd(line: string, q: number, verbatim: boolean): number {
  const quote = line[q];
  let i = q + 1;
  while (i < line.length) {
    const c = line[i];
    if (!verbatim && c === '\\') {
      i += 2;
      continue;
    }
    if (c === quote) {
      if (verbatim && line[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return line.length;
}

function blocks(text: string): Block[] {
  const out: Block[] = [];
  let cur: Block | null = null;
  let fence = false;
  let depth = 0;
  for (const [s, e] of lines(text)) {
    const line = text.slice(s, e);
    const wasFence = fence;
    if (!wasFence && line.trim() === '') {
      if (cur) out.push(cur);
      cur = null;
      continue;
    }
    const scan = scanLine(line, fence);
    fence = scan.inFence;
    cur ??= { start: s, end: e, first: '', last: '', depth };
    cur.end = e;
    const code = scan.code.trim();
    for (const c of code) {
      if (c === '(' || c === '[' || c === '{') depth++;
      else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
    }
    cur.depth = depth;
    if (code) {
      if (!cur.first) cur.first = code;
      cur.last = code;
    } else if (wasFence) {
      cur.last = '""';
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** Ends that leave an expression open: an operator, a separator, or a keyword that needs more. */
const OPEN_END = /(?:[|,([{=<>!+\-/~]|\b(?:and|or|by|on|with|has|in|contains|startswith|endswith|regex))$/i;
/** Starts that continue an expression: a pipe, a closing bracket, a comma, `and`/`or`. */
const CONTINUED_START = /^(?:[|)\]},]|(?:and|or)\b)/i;

/** True when block `a` cannot be a query of its own and belongs with block `b` after it. */
function joinsNext(a: Block, b: Block, bracketsClose: boolean): boolean {
  return (bracketsClose && a.depth > 0) || a.last.endsWith(';') || OPEN_END.test(a.last) || CONTINUED_START.test(b.first);
}

export function splitKqlQueries(text: string): QuerySpan[] {
  const all = blocks(text);
  // A bracket still open at the end of the file is a typo, not a function body: then brackets
  // decide nothing, so one missing ")" does not swallow every query after it.
  const bracketsClose = all.length === 0 || all[all.length - 1].depth === 0;
  const code = all.filter((b) => b.first !== '');
  const out: QuerySpan[] = [];
  let i = 0;
  while (i < code.length) {
    let j = i;
    while (j + 1 < code.length && joinsNext(code[j], code[j + 1], bracketsClose)) j++;
    out.push({ start: code[i].start, end: code[j].end });
    i = j + 1;
  }
  return out;
}
