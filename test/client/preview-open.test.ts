/** What "open" on a preview match does (client/src/preview/open-target.ts), decided without VS Code. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { archiveMember, eventDocument, openTarget, recordNumber } from '../../client/src/preview/open-target';

describe('preview panel: opening a match', () => {
  it('opens a text sample at the event line: NDJSON line n, CSV line n+1, JSON just opened', () => {
    assert.deepEqual(openTarget('/s/proxy.ndjson', 4), { kind: 'file', source: '/s/proxy.ndjson', isUri: false, line: 'ndjson' });
    assert.deepEqual(openTarget('/s/events.JSONL', 4), { kind: 'file', source: '/s/events.JSONL', isUri: false, line: 'ndjson' });
    assert.equal((openTarget('/s/proxy.csv', 0) as { line: string }).line, 'csv');
    assert.equal((openTarget('/s/export.json', 0) as { line: string }).line, 'none');
    assert.equal((openTarget('C:\\samples\\a.ndjson', 1) as { isUri: boolean }).isUri, false, 'a Windows drive is a path, not a URI scheme');
    assert.equal((openTarget('untitled:Untitled-1', 1) as { isUri: boolean }).isUri, true);
  });

  it('shows an EVTX event as JSON, titled with the file and its record number', () => {
    const event = { Event: { System: { EventID: 1, EventRecordID: 1234 } } };
    const t = openTarget('/logs/Security.evtx', 7, event);
    assert.deepEqual(t, {
      kind: 'event',
      title: 'Security.evtx record 1234',
      header: '/logs/Security.evtx, record 1234 (event 7) (a binary event log: the event as the preview read it)',
    });
    assert.equal(
      openTarget('/logs/Security.evtx', 7, {}).kind === 'event' && (openTarget('/logs/Security.evtx', 7, {}) as { title: string }).title,
      'Security.evtx event 7',
      'without a record id, the event index',
    );
  });

  it("shows an archive member's event as JSON, never the archive path", () => {
    assert.deepEqual(archiveMember('/s/x.zip!logs/a.json'), { archive: '/s/x.zip', member: 'logs/a.json' });
    assert.deepEqual(
      archiveMember('/s/odd!name/x.tar.gz!inner.ndjson'),
      { archive: '/s/odd!name/x.tar.gz', member: 'inner.ndjson' },
      'a ! in a folder name is not an archive boundary',
    );
    assert.equal(archiveMember('/s/plain!file.json'), null);
    const t = openTarget('/s/x.zip!logs/a.json', 40, { a: 1 });
    assert.equal(t.kind, 'event');
    assert.equal((t as { title: string }).title, 'x.zip!a.json event 40');
    assert.equal(openTarget('/s/sysmon.evtx.zip!sysmon.evtx', 3, { Event: { System: { EventRecordID: '99' } } }).kind, 'event');
    assert.equal(openTarget('/s/x.json.gz', 2).kind, 'event');
  });

  it('shows a KQL result row without a source as JSON', () => {
    assert.deepEqual(openTarget('', 3), {
      kind: 'event',
      title: 'result row 3',
      header: 'result row 3 (computed by the query, not read from one sample event)',
    });
  });

  it('writes the event document: where it came from, then the event', () => {
    const text = eventDocument('/s/x.zip!a.json, event 40', { k: 'v', n: [1] });
    assert.equal(text, '// /s/x.zip!a.json, event 40\n{\n  "k": "v",\n  "n": [\n    1\n  ]\n}\n');
    assert.match(eventDocument('h\nforged', undefined), /^\/\/ h forged\n\/\/ The panel does not hold this event/);
    assert.equal(recordNumber({ EventRecordID: 'x' }), null);
    assert.equal(recordNumber({ 'Event.System.EventRecordID': 5 }), '5');
  });
});
