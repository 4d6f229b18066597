/** Telemetry readers: one entry point that detects the format and yields events or unreadable records. */
import type { SampleFormat, SampleSource } from '../types';
import { expandSource } from './archive';
import { readCsv } from './csv';
import { readEvtx } from './evtx/index';
import { detectFormat } from './detect';
import { readJsonStream } from './json-stream';
import { readNdjson } from './ndjson';
import type { ReadItem } from './record';
import { readTextLines } from './text';

export type { ReadItem } from './record';
export { detectFormat } from './detect';

export function readFormat(src: SampleSource, format: SampleFormat, signal?: AbortSignal): AsyncGenerator<ReadItem> {
  switch (format) {
    case 'ndjson':
      return readNdjson(src, signal);
    case 'json':
      return readJsonStream(src, signal);
    case 'csv':
      return readCsv(src, null, signal);
    case 'tsv':
      return readCsv(src, '\t', signal);
    case 'text':
      return readTextLines(src, signal);
    case 'evtx':
      return readEvtx(src, signal);
  }
}

/**
 * Reads any supported sample; throws SourceError when the source itself cannot be read. An
 * archive yields the items of each member in turn, each carrying the member's `source`; a member
 * that cannot be read is one skipped item with index -1.
 */
export async function* readSample(src: SampleSource, signal?: AbortSignal): AsyncGenerator<ReadItem> {
  for await (const unit of expandSource(src)) {
    if (signal?.aborted) return;
    if (unit.kind === 'skipped') {
      yield { kind: 'skipped', index: -1, reason: unit.reason, line: 0, source: unit.source };
      continue;
    }
    const member = unit.src !== src;
    const format = await detectFormat(unit.src);
    if (typeof format !== 'string') {
      if (!member) throw new Error(format.unreadable);
      yield { kind: 'skipped', index: -1, reason: format.unreadable, line: 0, source: unit.src.source };
      continue;
    }
    if (!member) {
      yield* readFormat(unit.src, format, signal);
      continue;
    }
    for await (const item of readFormat(unit.src, format, signal)) yield { ...item, source: unit.src.source };
  }
}
