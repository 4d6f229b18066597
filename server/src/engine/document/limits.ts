/**
 * Resource limits for one rule file. Real rules are far below them (the largest SigmaHQ rule is
 * under 300 KB, with a handful of documents nested fewer than 10 levels); a file above them is
 * checked up to the limit and told where checking stopped, so a hostile or runaway file costs a
 * bounded amount of time and stack instead of freezing the editor or aborting a CI run.
 */
export const MAX_CHECKED_CHARS = 512 * 1024;
export const MAX_YAML_DOCUMENTS = 500;
export const MAX_YAML_DEPTH = 200;

/** Where checking stopped and why. `offset` is the first character not checked. */
export interface Truncation {
  offset: number;
  reason: string;
}

/**
 * The part of `text` that is parsed: cut at a line (or document) boundary before the first limit
 * it crosses. `sizeBytes` is the size on disk, which may exceed the text a caller read (the limit
 * is counted in bytes on disk and in characters of the text).
 */
export function checkedPrefix(text: string, sizeBytes: number, yaml: boolean): { text: string; truncation?: Truncation } {
  let cut: Truncation | undefined;
  // Over the limit on disk (readers stop there) or in the text a front end handed over.
  if (text.length > MAX_CHECKED_CHARS || sizeBytes > MAX_CHECKED_CHARS) {
    const at = text.length > MAX_CHECKED_CHARS ? lineStartAtOrBefore(text, MAX_CHECKED_CHARS) : text.length;
    cut = {
      offset: at,
      reason: `the file is ${formatSize(Math.max(sizeBytes, text.length))}, above the ${formatSize(MAX_CHECKED_CHARS)} limit for rule files`,
    };
  }
  if (yaml) {
    const head = cut ? text.slice(0, cut.offset) : text;
    const docs = documentCut(head);
    if (docs !== undefined) cut = { offset: docs, reason: `the file has more than ${MAX_YAML_DOCUMENTS} YAML documents` };
    const deep = depthCut(docs !== undefined ? head.slice(0, docs) : head);
    if (deep !== undefined) cut = { offset: deep, reason: `the YAML is nested more than ${MAX_YAML_DEPTH} levels deep here` };
  }
  return cut ? { text: text.slice(0, cut.offset), truncation: cut } : { text };
}

function formatSize(n: number): string {
  return n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`;
}

function lineStartAtOrBefore(text: string, offset: number): number {
  const nl = text.lastIndexOf('\n', offset - 1);
  return nl >= 0 ? nl + 1 : offset;
}

const DOC_START = /^---(?=[ \t\r\n]|$)/gm;

/** Offset of the `---` that starts document number MAX_YAML_DOCUMENTS + 1, if there is one. */
function documentCut(text: string): number | undefined {
  DOC_START.lastIndex = 0;
  let m: RegExpExecArray | null;
  let count = 0;
  let first = true;
  while ((m = DOC_START.exec(text))) {
    // Content before the first marker is a document of its own.
    if (
      first &&
      text
        .slice(0, m.index)
        .trim()
        .replace(/^(%.*|#.*)$/gm, '')
        .trim() !== ''
    )
      count++;
    first = false;
    count++;
    if (count > MAX_YAML_DOCUMENTS) return m.index;
  }
  return undefined;
}

/**
 * Offset of the first line whose nesting may exceed MAX_YAML_DEPTH. An over-estimate on purpose
 * (every deeper indentation, every `- `/`? ` indicator and every open flow bracket counts as a
 * level): the parser and the checks recurse once per level, and real rules stay far below.
 */
function depthCut(text: string): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let lineStart = 0;
  while (lineStart < text.length) {
    let end = text.indexOf('\n', lineStart);
    if (end < 0) end = text.length;
    const depth = lineDepth(text, lineStart, end, indents, flow);
    flow = depth.flow;
    if (depth.levels > MAX_YAML_DEPTH) return lineStart;
    lineStart = end + 1;
  }
  return undefined;
}

function lineDepth(text: string, start: number, end: number, indents: number[], flowIn: number): { levels: number; flow: number } {
  let i = start;
  while (i < end && text.charCodeAt(i) === 32) i++;
  if (i >= end || text[i] === '#' || text[i] === '\r') return { levels: indents.length + flowIn, flow: flowIn };
  const col = i - start;
  if (flowIn === 0) {
    while (indents.length > 0 && indents[indents.length - 1] > col) indents.pop();
    if (indents.length === 0 || indents[indents.length - 1] < col) indents.push(col);
  }
  let extra = 0;
  // Block indicators on one line (`- - - x`, `? - x`) each open a level.
  while (i + 1 < end && (text[i] === '-' || text[i] === '?') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
    extra++;
    i += 2;
    while (i < end && text[i] === ' ') i++;
  }
  let flow = flowIn;
  let maxFlow = flow;
  let prev = ' ';
  let quote = '';
  for (; i < end; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if ((c === '"' || c === "'") && /[\s,[{:]/.test(prev)) quote = c;
    else if (c === '#' && /\s/.test(prev)) break;
    else if ((c === '[' || c === '{') && (flow > 0 || /[\s,[{:-]/.test(prev))) maxFlow = Math.max(maxFlow, ++flow);
    else if ((c === ']' || c === '}') && flow > 0) flow--;
    prev = c;
  }
  return { levels: indents.length + extra + maxFlow, flow };
}

/**
 * Codes that report something absent (a missing field, a selection the condition never names):
 * in the document where checking stopped, the absent part may simply lie beyond the cut.
 */
export const ABSENCE_CODES: ReadonlySet<string> = new Set([
  'sigma/missing-field',
  'sentinel/missing-field',
  'sigma/unused-selection',
  'sigma/undefined-identifier',
  'sigma/condition-syntax',
]);
