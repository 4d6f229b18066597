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
  const scanner = new CsvScanner(delimiter);
  for await (const chunk of readChunks(src, signal)) yield* scanner.feed(chunk.text);
  yield* scanner.end();
}

/** The state machine's state between chunks: the row and field being read, quoting, counters. */
class CsvScanner {
  private delim: number;
  private header: string[] | null = null;
  private row: string[] = [];
  private field = '';
  /** Inside quotes. */
  private quoted = false;
  private wasQuoted = false;
  /** Just saw a quote inside quotes (maybe the closing one). */
  private afterQuote = false;
  private line = 1;
  private rowLine = 1;
  private index = 0;
  private bad: string | null = null;
  /** The chunk being scanned, the rows it completed, and a run of plain characters appended lazily. */
  private t = '';
  private out: ReadItem[] = [];
  private plainStart = -1;

  constructor(delimiter: string | null) {
    this.delim = delimiter ? delimiter.charCodeAt(0) : -1;
  }

  feed(t: string): ReadItem[] {
    if (this.delim < 0) {
      const firstLine = t.split('\n', 1)[0];
      this.delim = firstLine.includes(',') ? 44 : firstLine.includes('\t') ? 9 : firstLine.includes(';') ? 59 : 44;
    }
    this.t = t;
    this.out = [];
    this.plainStart = -1;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (this.quoted && this.quotedChar(c, i)) continue;
      this.unquotedChar(c, i);
    }
    this.flushPlain(t.length);
    return this.out;
  }

  end(): ReadItem[] {
    if (this.quoted && !this.afterQuote) {
      return [{ kind: 'skipped', index: this.index++, reason: `line ${this.rowLine}: the file ends inside a quoted field`, line: this.rowLine }];
    }
    if (this.row.length > 0 || this.field !== '') {
      const item = this.endRow();
      if (item) return [item];
    }
    return [];
  }

  private flushPlain(i: number): void {
    if (this.plainStart >= 0) {
      this.field += this.t.slice(this.plainStart, i);
      this.plainStart = -1;
    }
  }

  /** Inside quotes: true when `c` was consumed; false when a closing quote leaves `c` to the unquoted rules. */
  private quotedChar(c: number, i: number): boolean {
    if (this.afterQuote) {
      this.afterQuote = false;
      if (c === 34) {
        this.field += '"';
        return true;
      }
      this.quoted = false; // that quote closed the field; handle `c` as outside quotes
      return false;
    }
    if (c === 34) {
      this.flushPlain(i);
      this.afterQuote = true;
      return true;
    }
    if (c === 10) this.line++;
    if (this.plainStart < 0) this.plainStart = i;
    return true;
  }

  private unquotedChar(c: number, i: number): void {
    if (c === this.delim) {
      this.flushPlain(i);
      this.row.push(this.field);
      this.field = '';
      this.wasQuoted = false;
    } else if (c === 10) {
      this.flushPlain(i);
      if (this.field.endsWith('\r') && !this.wasQuoted) this.field = this.field.slice(0, -1);
      const item = this.endRow();
      if (item) this.out.push(item);
      this.line++;
      this.rowLine = this.line;
    } else if (c === 13) {
      this.flushPlain(i);
      // CR before LF ends the line; a lone CR is kept.
      if (this.t.charCodeAt(i + 1) !== 10 && i + 1 < this.t.length) this.field += '\r';
    } else if (c === 34 && this.field === '' && this.plainStart < 0 && !this.wasQuoted) {
      this.quoted = true;
      this.wasQuoted = true;
    } else {
      if (this.wasQuoted && !this.bad) this.bad = 'text after a closing quote';
      if (c === 34 && !this.bad) this.bad = 'a quote inside an unquoted field';
      if (this.plainStart < 0) this.plainStart = i;
    }
  }

  private endRow(): ReadItem | null {
    this.row.push(this.field);
    this.field = '';
    this.wasQuoted = false;
    const r = this.row;
    this.row = [];
    const at = this.rowLine;
    const problem = this.bad;
    this.bad = null;
    if (r.length === 1 && r[0] === '') return null; // blank line
    if (!this.header) {
      this.header = r.map((h) => h.trim());
      return null;
    }
    if (problem) return { kind: 'skipped', index: this.index++, reason: `line ${at}: ${problem}`, line: at };
    const header = this.header;
    if (r.length !== header.length) {
      return { kind: 'skipped', index: this.index++, reason: `line ${at}: ${r.length} fields where the header has ${header.length}`, line: at };
    }
    const event: Record<string, unknown> = {};
    for (let k = 0; k < header.length; k++) event[header[k]] = r[k];
    return { kind: 'event', index: this.index++, event, line: at };
  }
}
