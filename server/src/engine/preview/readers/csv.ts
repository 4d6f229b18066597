/**
 * CSV (RFC 4180) with a header row: quoted fields may hold commas, doubled quotes and line
 * breaks. Streaming state machine over chunks. Rows whose field count differs from the header's
 * are reported as unreadable rather than guessed at. Tab or semicolon is used when the header has
 * no comma but has those.
 */
import type { SampleSource } from '../types';
import { readChunks } from './chunks';
import type { ReadItem } from './record';

export async function* readCsv(src: SampleSource, delimiter: string | null, signal?: AbortSignal): AsyncGenerator<ReadItem> {
  let delim = delimiter ? delimiter.charCodeAt(0) : -1;
  let header: string[] | null = null;
  let row: string[] = [];
  let field = '';
  let quoted = false; // inside quotes
  let wasQuoted = false;
  let afterQuote = false; // just saw a quote inside quotes (maybe the closing one)
  let line = 1;
  let rowLine = 1;
  let index = 0;
  let bad: string | null = null;

  const endRow = (): ReadItem | null => {
    row.push(field);
    field = '';
    wasQuoted = false;
    const r = row;
    row = [];
    const at = rowLine;
    const problem = bad;
    bad = null;
    if (r.length === 1 && r[0] === '') return null; // blank line
    if (!header) {
      header = r.map((h) => h.trim());
      return null;
    }
    if (problem) return { kind: 'skipped', index: index++, reason: `line ${at}: ${problem}`, line: at };
    if (r.length !== header.length) {
      return { kind: 'skipped', index: index++, reason: `line ${at}: ${r.length} fields where the header has ${header.length}`, line: at };
    }
    const event: Record<string, unknown> = {};
    for (let i = 0; i < header.length; i++) event[header[i]] = r[i];
    return { kind: 'event', index: index++, event, line: at };
  };

  for await (const chunk of readChunks(src, signal)) {
    const t = chunk.text;
    if (delim < 0) {
      const firstLine = t.split('\n', 1)[0];
      delim = firstLine.includes(',') ? 44 : firstLine.includes('\t') ? 9 : firstLine.includes(';') ? 59 : 44;
    }
    const out: ReadItem[] = [];
    let plainStart = -1; // start of a run of plain characters within `t`, appended lazily
    const flushPlain = (i: number): void => {
      if (plainStart >= 0) {
        field += t.slice(plainStart, i);
        plainStart = -1;
      }
    };
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (quoted) {
        if (afterQuote) {
          afterQuote = false;
          if (c === 34) {
            field += '"';
            continue;
          }
          quoted = false; // that quote closed the field; handle `c` as outside quotes
        } else if (c === 34) {
          flushPlain(i);
          afterQuote = true;
          continue;
        } else {
          if (c === 10) line++;
          if (plainStart < 0) plainStart = i;
          continue;
        }
      }
      if (c === delim) {
        flushPlain(i);
        row.push(field);
        field = '';
        wasQuoted = false;
      } else if (c === 10) {
        flushPlain(i);
        if (field.endsWith('\r') && !wasQuoted) field = field.slice(0, -1);
        const item = endRow();
        if (item) out.push(item);
        line++;
        rowLine = line;
      } else if (c === 13) {
        flushPlain(i);
        // CR before LF ends the line; a lone CR is kept.
        if (t.charCodeAt(i + 1) !== 10 && i + 1 < t.length) field += '\r';
      } else if (c === 34 && field === '' && plainStart < 0 && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else {
        if (wasQuoted && !bad) bad = 'text after a closing quote';
        if (c === 34 && !bad) bad = 'a quote inside an unquoted field';
        if (plainStart < 0) plainStart = i;
      }
    }
    flushPlain(t.length);
    for (const item of out) yield item;
  }
  if (quoted && !afterQuote) {
    yield { kind: 'skipped', index: index++, reason: `line ${rowLine}: the file ends inside a quoted field`, line: rowLine };
    return;
  }
  if (row.length > 0 || field !== '') {
    const item = endRow();
    if (item) yield item;
  }
}
