/** Telemetry readers: one entry point that detects the format and yields events or unreadable records. */
import type { SampleFormat, SampleSource } from '../types';
import { readCsv } from './csv';
import { readEvtx } from './evtx/index';
import { detectFormat } from './detect';
import { readJsonStream } from './json-stream';
import { readNdjson } from './ndjson';
import type { ReadItem } from './record';
import { readTextLines } from './text';

export type { ReadItem } from './record';
export { detectFormat } from './detect';
export { SourceError } from './chunks';

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

/** Reads any supported sample; throws SourceError when the source itself cannot be read. */
export async function* readSample(src: SampleSource, signal?: AbortSignal): AsyncGenerator<ReadItem> {
  const format = await detectFormat(src);
  if (typeof format !== 'string') throw new Error(format.unreadable);
  yield* readFormat(src, format, signal);
}
