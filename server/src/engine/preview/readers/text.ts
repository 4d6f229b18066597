/** Plain text logs (syslog, appliance logs): each non-empty line is an event `{message: line}`, for keyword rules. */
import type { SampleSource } from '../types';
import { readChunks } from './chunks';
import type { ReadItem } from './record';

export async function* readTextLines(src: SampleSource, signal?: AbortSignal): AsyncGenerator<ReadItem> {
  let carry = '';
  let index = 0;
  let line = 0;
  const emit = (l: string): ReadItem | null => {
    line++;
    const text = l.endsWith('\r') ? l.slice(0, -1) : l;
    if (text.trim() === '') return null;
    return { kind: 'event', index: index++, event: { message: text }, line };
  };
  for await (const chunk of readChunks(src, signal)) {
    const parts = (carry + chunk.text).split('\n');
    carry = parts.pop() ?? '';
    for (const p of parts) {
      const item = emit(p);
      if (item) yield item;
    }
  }
  if (carry) {
    const item = emit(carry);
    if (item) yield item;
  }
}
