/**
 * What "open" on a match does (pure, tested without VS Code). A plain text sample opens in the
 * editor at the event's line. A source the editor cannot show as the text the event came from
 * (a binary `.evtx`, a member inside an archive, `x.zip!logs/a.json`, or a KQL result row built
 * by summarize/join, which has no source) is shown as the event's JSON in a read-only document
 * titled with the source and the record.
 */

/** Reveal the event's line: NDJSON line n, CSV line n+1 (after the header), or just open. */
export type LineRule = 'ndjson' | 'csv' | 'none';

type OpenTarget = { kind: 'file'; source: string; isUri: boolean; line: LineRule } | { kind: 'event'; title: string; header: string };

const ARCHIVE = /\.(zip|gz|tgz|tar)$/i;

/** A URI (`untitled:`, `file:`), not a Windows drive path (`C:\`). */
function isUri(source: string): boolean {
  return /^[a-z][a-z0-9+.-]+:/i.test(source) && !/^[a-z]:[\\/]/i.test(source);
}

function lastSegment(p: string): string {
  return p.split(/[\\/]/).pop() || p;
}

/** `/s/x.zip!logs/a.json` → archive `/s/x.zip`, member `logs/a.json`; null for a plain path. */
export function archiveMember(source: string): { archive: string; member: string } | null {
  let at = source.indexOf('!');
  while (at >= 0) {
    const archive = source.slice(0, at);
    if (ARCHIVE.test(archive)) return { archive, member: source.slice(at + 1) };
    at = source.indexOf('!', at + 1);
  }
  return null;
}

/** The EVTX record number the event carries (`Event.System.EventRecordID`), when it does. */
export function recordNumber(event: Record<string, unknown> | undefined): string | null {
  if (!event) return null;
  const system = (event.Event as { System?: Record<string, unknown> } | undefined)?.System;
  const v = system?.EventRecordID ?? event.EventRecordID ?? event['Event.System.EventRecordID'];
  return typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v)) ? String(v) : null;
}

export function openTarget(source: string, index: number, event?: Record<string, unknown>): OpenTarget {
  const member = archiveMember(source);
  if (member) {
    const title = `${lastSegment(member.archive)}!${lastSegment(member.member)} event ${index}`;
    return { kind: 'event', title, header: `${source}, event ${index} (inside an archive: the event as the preview read it)` };
  }
  if (/\.evtx$/i.test(source)) {
    const record = recordNumber(event);
    const title = `${lastSegment(source)} ${record ? `record ${record}` : `event ${index}`}`;
    return {
      kind: 'event',
      title,
      header: `${source}, ${record ? `record ${record} (event ${index})` : `event ${index}`} (a binary event log: the event as the preview read it)`,
    };
  }
  if (ARCHIVE.test(source))
    return {
      kind: 'event',
      title: `${lastSegment(source)} event ${index}`,
      header: `${source}, event ${index} (inside an archive: the event as the preview read it)`,
    };
  if (source === '')
    return { kind: 'event', title: `result row ${index}`, header: `result row ${index} (computed by the query, not read from one sample event)` };
  const lower = source.toLowerCase().replace(/[?#].*$/, '');
  const line: LineRule = /\.(ndjson|jsonl)$/.test(lower) ? 'ndjson' : lower.endsWith('.csv') ? 'csv' : 'none';
  return { kind: 'file', source, isUri: isUri(source), line };
}

/** The read-only document's text: where the event came from, then the event as JSON (JSONC). */
export function eventDocument(header: string, event: Record<string, unknown> | undefined): string {
  const body =
    event === undefined
      ? '// The panel does not hold this event (past the match limit, or from an older result): run the preview again.'
      : JSON.stringify(event, null, 2);
  return `// ${header.replace(/[\r\n]+/g, ' ')}\n${body}\n`;
}
