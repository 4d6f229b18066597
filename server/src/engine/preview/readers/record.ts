import type { TelemetryEvent } from '../types';

/** What readers yield: an event, or a record that could not be read (with why and where). */
export type ReadItem = (
  { kind: 'event'; index: number; event: TelemetryEvent; line: number } | { kind: 'skipped'; index: number; reason: string; line: number }
) & {
  /** Set by `readSample` for archive members (`archive.zip!dir/file.json`); indexes count per member. */
  source?: string;
};

export function isEventObject(v: unknown): v is TelemetryEvent {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function describeJsonError(e: unknown): string {
  return (e as Error).message.replace(/^Unexpected token/, 'unexpected token').replace(/^JSON\.parse: /, '');
}
