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
  let index = 0;
  let line = 1;
  let col = 0;
  let mode: 'unknown' | 'array' | 'stream' = 'unknown';
  let depth = 0;
  let inString = false;
  let escape = false;
  let parts: string[] = [];
  let recStart = -1; // offset of the record in the current chunk, -1 = none open
  let recLine = 0;
  let recCol0 = false;
  let recKind: 'container' | 'string' | 'scalar' = 'container';
  let arrayClosed = false;
  let garbage: { line: number } | null = null;

  const finish = (text: string): ReadItem => {
    const at = recLine;
    try {
      const v: unknown = JSON.parse(text);
      if (isEventObject(v)) return { kind: 'event', index: index++, event: v, line: at };
      return { kind: 'skipped', index: index++, reason: `line ${at}: not a JSON object (${Array.isArray(v) ? 'array' : typeof v})`, line: at };
    } catch (e) {
      return { kind: 'skipped', index: index++, reason: `line ${at}: invalid JSON (${describeJsonError(e)})`, line: at };
    }
  };
  const flushGarbage = (): ReadItem | null => {
    if (!garbage) return null;
    const g = garbage;
    garbage = null;
    return { kind: 'skipped', index: index++, reason: `line ${g.line}: text outside any JSON value`, line: g.line };
  };

  for await (const chunk of readChunks(src, signal)) {
    const t = chunk.text;
    const out: ReadItem[] = [];
    if (recStart < 0 && parts.length > 0) recStart = 0;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      const atCol = col;
      if (c === 10) {
        line++;
        col = 0;
      } else col++;
      const open = recStart >= 0 || parts.length > 0;
      if (open) {
        if (inString) {
          // A raw line break cannot occur inside a JSON string: the record is broken; stop
          // treating what follows as string content so the next record can still be found.
          if (c === 10) {
            inString = false;
            escape = false;
          } else if (escape) escape = false;
          else if (c === 92) escape = true;
          else if (c === 34) {
            inString = false;
            if (recKind === 'string') {
              out.push(finish(parts.join('') + t.slice(recStart, i + 1)));
              parts = [];
              recStart = -1;
            }
          }
          continue;
        }
        if (recKind === 'scalar') {
          if (c === 44 || c === 93 || c === 10 || c === 13 || c === 32 || c === 9) {
            out.push(finish(parts.join('') + t.slice(recStart, i)));
            parts = [];
            recStart = -1;
            if (c === 93) {
              depth--;
              arrayClosed = true;
            }
          }
          continue;
        }
        if (c === 34) inString = true;
        else if (c === 123 || c === 91) {
          if (c === 123 && atCol === 0 && recCol0 && recKind === 'container') {
            // A new top-level object starts while the previous one is unfinished.
            out.push({ kind: 'skipped', index: index++, reason: `line ${recLine}: unterminated JSON object`, line: recLine });
            parts = [];
            depth = mode === 'array' ? 2 : 1;
            recStart = i;
            recLine = line;
            continue;
          }
          depth++;
        } else if (c === 125 || c === 93) {
          depth--;
          if (depth === (mode === 'array' ? 1 : 0)) {
            out.push(finish(parts.join('') + t.slice(recStart, i + 1)));
            parts = [];
            recStart = -1;
          }
        }
        continue;
      }
      // Between records.
      if (c === 32 || c === 9 || c === 10 || c === 13) continue;
      if (mode === 'unknown') mode = c === 91 ? 'array' : 'stream';
      if (mode === 'array' && depth === 0) {
        if (c === 91 && !arrayClosed) {
          depth = 1;
          continue;
        }
      }
      if (mode === 'array' && depth === 1 && (c === 44 || c === 93)) {
        if (c === 93) {
          depth = 0;
          arrayClosed = true;
        }
        continue;
      }
      if (mode === 'stream' && c === 44) continue;
      const recordDepth = mode === 'array' ? 1 : 0;
      if (depth !== recordDepth || (mode === 'array' && arrayClosed)) {
        if (!garbage) garbage = { line };
        continue;
      }
      const valueStart = c === 123 || c === 91 || c === 34 || c === 45 || (c >= 48 && c <= 57) || c === 116 || c === 102 || c === 110;
      if (!valueStart || (garbage && c !== 123 && c !== 91)) {
        // Not a JSON value start: text outside any value, up to the next object or array.
        if (!garbage) garbage = { line };
        continue;
      }
      const g = flushGarbage();
      if (g) out.push(g);
      recStart = i;
      recLine = line;
      recCol0 = atCol === 0;
      if (c === 123 || c === 91) {
        recKind = 'container';
        depth++;
      } else if (c === 34) {
        recKind = 'string';
        inString = true;
      } else recKind = 'scalar';
    }
    if (recStart >= 0) {
      parts.push(t.slice(recStart));
      recStart = -1;
    }
    for (const item of out) yield item;
  }
  if (parts.length > 0) {
    const text = parts.join('');
    if (recKind === 'scalar') yield finish(text);
    else yield { kind: 'skipped', index: index++, reason: `line ${recLine}: the file ends inside this record (truncated)`, line: recLine };
  }
  const g = flushGarbage();
  if (g) yield g;
}
