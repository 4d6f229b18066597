/** Chooses a reader from the file name and the first bytes. */
import type { SampleFormat, SampleSource } from '../types';
import { peek } from './chunks';

const TEXT_EXT = /\.(log|txt|raw|syslog)$/i;

export async function detectFormat(src: SampleSource): Promise<SampleFormat | { unreadable: string }> {
  if (src.format) return src.format;
  const name = src.path ?? src.source;
  if (/\.csv$/i.test(name)) return 'csv';
  if (/\.tsv$/i.test(name)) return 'tsv';
  if (/\.evtx$/i.test(name)) return 'evtx';
  const head = await peek(src);
  return formatFromText(name, head);
}

function formatFromText(name: string, head: string): SampleFormat | { unreadable: string } {
  if (head.startsWith('ElfFile')) return 'evtx';
  if (head.includes('\u0000')) return { unreadable: `${name} is binary, not telemetry text` };
  const trimmed = head.replace(/^\s+/, '');
  if (trimmed === '') return 'ndjson';
  if (trimmed[0] === '[') return 'json';
  if (trimmed[0] === '{') {
    // NDJSON when the first lines are whole objects on their own lines; otherwise a pretty-printed
    // object or a stream of them.
    const lines = trimmed
      .split('\n', 21)
      .slice(0, 20)
      .map((l) => l.trim())
      .filter((l) => l !== '');
    const whole = lines.filter((l) => l.startsWith('{') && l.endsWith('}'));
    if (lines.length > 0 && lines[0].startsWith('{') && lines[0].endsWith('}') && (lines.length === 1 || whole.length >= 2)) return 'ndjson';
    return 'json';
  }
  if (TEXT_EXT.test(name)) return 'text';
  if (/\.(json|jsonl|ndjson|jsoncls)$/i.test(name)) return { unreadable: `${name} does not start with '{' or '[': not JSON` };
  return { unreadable: `${name}: not JSON, NDJSON or CSV (use a .log/.txt name for plain text lines)` };
}
