/**
 * JSON documents that are not one-object-per-line: a single object, an array of objects, or
 * pretty-printed objects one after another (SigmaHQ's regression data). A small scanner finds
 * where each top-level value (or array element) ends, so only one record is held at a time.
 * Recovery: an object opening at column 0 while the previous one (also opened at column 0) is
 * unfinished ends that one as unreadable, so one broken record does not swallow the rest.
 */
import type { SampleSource } from '../types';
import { readChunks } from './chunks';
import { describeJsonError, isEventObject, type ReadItem } from './record';

export async function* readJsonStream(src: SampleSource, signal?: AbortSignal): AsyncGenerator<ReadItem> {
  const scanner = new JsonStreamScanner();
  for await (const chunk of readChunks(src, signal)) yield* scanner.feed(chunk.text);
  yield* scanner.end();
}

type Mode = 'unknown' | 'array' | 'stream';

/** The scanner's state between chunks: where the open record began and what it is inside of. */
class JsonStreamScanner {
  private index = 0;
  private line = 1;
  private col = 0;
  private mode: Mode = 'unknown';
  private depth = 0;
  private inString = false;
  private escape = false;
  /** Text of the open record from earlier chunks. */
  private parts: string[] = [];
  /** Offset of the open record in the current chunk, -1 = none open here. */
  private recStart = -1;
  private recLine = 0;
  private recCol0 = false;
  private recKind: 'container' | 'string' | 'scalar' = 'container';
  private arrayClosed = false;
  private garbage: { line: number } | null = null;
  /** The chunk being scanned and the records it completed. */
  private t = '';
  private out: ReadItem[] = [];

  /** Scans one chunk; returns the records it completed, in order. */
  feed(t: string): ReadItem[] {
    this.t = t;
    this.out = [];
    if (this.recStart < 0 && this.parts.length > 0) this.recStart = 0;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      const atCol = this.col;
      if (c === 10) {
        this.line++;
        this.col = 0;
      } else this.col++;
      if (this.recStart >= 0 || this.parts.length > 0) this.inRecord(c, i, atCol);
      else this.betweenRecords(c, i, atCol);
    }
    if (this.recStart >= 0) {
      this.parts.push(t.slice(this.recStart));
      this.recStart = -1;
    }
    return this.out;
  }

  /** At the end of the data: an unfinished record, then trailing text outside any value. */
  end(): ReadItem[] {
    const out: ReadItem[] = [];
    if (this.parts.length > 0) {
      const text = this.parts.join('');
      if (this.recKind === 'scalar') out.push(this.finish(text));
      else out.push({ kind: 'skipped', index: this.index++, reason: `line ${this.recLine}: the file ends inside this record (truncated)`, line: this.recLine });
    }
    const g = this.flushGarbage();
    if (g) out.push(g);
    return out;
  }

  private inRecord(c: number, i: number, atCol: number): void {
    if (this.inString) this.stringChar(c, i);
    else if (this.recKind === 'scalar') this.scalarChar(c, i);
    else this.containerChar(c, i, atCol);
  }

  private stringChar(c: number, i: number): void {
    // A raw line break cannot occur inside a JSON string: the record is broken; stop treating
    // what follows as string content so the next record can still be found.
    if (c === 10) {
      this.inString = false;
      this.escape = false;
    } else if (this.escape) this.escape = false;
    else if (c === 92) this.escape = true;
    else if (c === 34) {
      this.inString = false;
      if (this.recKind === 'string') this.close(i + 1);
    }
  }

  private scalarChar(c: number, i: number): void {
    if (c === 44 || c === 93 || c === 10 || c === 13 || c === 32 || c === 9) {
      this.close(i);
      if (c === 93) {
        this.depth--;
        this.arrayClosed = true;
      }
    }
  }

  private containerChar(c: number, i: number, atCol: number): void {
    if (c === 34) this.inString = true;
    else if (c === 123 || c === 91) {
      if (c === 123 && atCol === 0 && this.recCol0 && this.recKind === 'container') {
        // A new top-level object starts while the previous one is unfinished.
        this.out.push({ kind: 'skipped', index: this.index++, reason: `line ${this.recLine}: unterminated JSON object`, line: this.recLine });
        this.parts = [];
        this.depth = this.mode === 'array' ? 2 : 1;
        this.recStart = i;
        this.recLine = this.line;
        return;
      }
      this.depth++;
    } else if (c === 125 || c === 93) {
      this.depth--;
      if (this.depth === (this.mode === 'array' ? 1 : 0)) this.close(i + 1);
    }
  }

  private betweenRecords(c: number, i: number, atCol: number): void {
    if (c === 32 || c === 9 || c === 10 || c === 13) return;
    if (this.mode === 'unknown') this.mode = c === 91 ? 'array' : 'stream';
    if (this.arrayPunctuation(c)) return;
    const recordDepth = this.mode === 'array' ? 1 : 0;
    if (this.depth !== recordDepth || (this.mode === 'array' && this.arrayClosed)) {
      this.garbage ??= { line: this.line };
      return;
    }
    const valueStart = c === 123 || c === 91 || c === 34 || c === 45 || (c >= 48 && c <= 57) || c === 116 || c === 102 || c === 110;
    if (!valueStart || (this.garbage && c !== 123 && c !== 91)) {
      // Not a JSON value start: text outside any value, up to the next object or array.
      this.garbage ??= { line: this.line };
      return;
    }
    this.open(c, i, atCol);
  }

  /** The outer array's brackets and commas, and commas between streamed values: consumed. */
  private arrayPunctuation(c: number): boolean {
    if (this.mode === 'array' && this.depth === 0 && c === 91 && !this.arrayClosed) {
      this.depth = 1;
      return true;
    }
    if (this.mode === 'array' && this.depth === 1 && (c === 44 || c === 93)) {
      if (c === 93) {
        this.depth = 0;
        this.arrayClosed = true;
      }
      return true;
    }
    return this.mode === 'stream' && c === 44;
  }

  private open(c: number, i: number, atCol: number): void {
    const g = this.flushGarbage();
    if (g) this.out.push(g);
    this.recStart = i;
    this.recLine = this.line;
    this.recCol0 = atCol === 0;
    if (c === 123 || c === 91) {
      this.recKind = 'container';
      this.depth++;
    } else if (c === 34) {
      this.recKind = 'string';
      this.inString = true;
    } else this.recKind = 'scalar';
  }

  /** The open record ends just before `end` in the current chunk. */
  private close(end: number): void {
    this.out.push(this.finish(this.parts.join('') + this.t.slice(this.recStart, end)));
    this.parts = [];
    this.recStart = -1;
  }

  private finish(text: string): ReadItem {
    const at = this.recLine;
    try {
      const v: unknown = JSON.parse(text);
      if (isEventObject(v)) return { kind: 'event', index: this.index++, event: v, line: at };
      return { kind: 'skipped', index: this.index++, reason: `line ${at}: not a JSON object (${Array.isArray(v) ? 'array' : typeof v})`, line: at };
    } catch (e) {
      return { kind: 'skipped', index: this.index++, reason: `line ${at}: invalid JSON (${describeJsonError(e)})`, line: at };
    }
  }

  private flushGarbage(): ReadItem | null {
    if (!this.garbage) return null;
    const g = this.garbage;
    this.garbage = null;
    return { kind: 'skipped', index: this.index++, reason: `line ${g.line}: text outside any JSON value`, line: g.line };
  }
}
