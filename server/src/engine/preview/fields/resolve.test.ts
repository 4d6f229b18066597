import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hits, which } from '../testing';
import { EventView } from './resolve';

const sel = (body: string): string => `    selection:\n${body}\n    condition: selection`;
const NETWORK = '    product: windows\n    category: network_connection';
const PROCESS = '    product: windows\n    category: process_creation';

describe('field resolution', () => {
  it('exact, then case-insensitive, then with spaces stripped', () => {
    assert.ok(hits(sel("        Image|endswith: '\\cmd.exe'"), { image: 'C:\\cmd.exe' }));
    assert.ok(hits(sel("        ThreatName|contains: 'EICAR'"), { 'Threat Name': 'Tool:Win32/EICAR_Test_File' }));
    // The exact key wins over a differently-cased one.
    assert.ok(!hits(sel("        Image: 'a'"), { Image: 'b', image: 'a' }));
  });

  it('dotted paths, including keys that contain dots', () => {
    assert.ok(hits(sel("        process.executable|endswith: 'x.exe'"), { process: { executable: 'C:\\x.exe' } }));
    assert.ok(hits(sel("        id.orig_h: '10.0.0.1'"), { 'id.orig_h': '10.0.0.1' }));
  });

  it('flattens EVTX exports: EventData, System attributes, Data arrays, UserData', () => {
    const evtx = {
      Event: {
        System: {
          Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon' } },
          EventID: { '#text': 3, '#attributes': { Qualifiers: 0 } },
          Channel: 'Microsoft-Windows-Sysmon/Operational',
        },
        EventData: { Image: 'C:\\evil.exe', DestinationHostname: 'pastebin.com' },
        UserData: { Log: { Param: { '#text': 'p1' } } },
      },
    };
    const view = new EventView(evtx, { forced: null });
    assert.equal(view.get('Provider_Name'), 'Microsoft-Windows-Sysmon');
    assert.equal(view.get('EventID'), 3);
    assert.equal(view.get('Param'), 'p1');
    assert.equal(view.resolve('Image')?.path, 'Event.EventData.Image');
    const xmlStyle = { Event: { System: { EventID: 4688 }, EventData: { Data: [{ '#attributes': { Name: 'NewProcessName' }, '#text': 'C:\\a.exe' }] } } };
    assert.equal(new EventView(xmlStyle, { forced: null }).get('NewProcessName'), 'C:\\a.exe');
    assert.ok(hits(sel("        DestinationHostname|endswith: 'pastebin.com'\n        EventID: 3"), evtx, { logsource: NETWORK }));
  });

  it('profiles map Sigma fields onto ECS, Defender XDR, proxy and Zeek shapes', () => {
    const det = sel("        DestinationHostname|endswith: '.pastebin.com'");
    assert.ok(hits(det, { '@timestamp': 't', destination: { domain: 'x.pastebin.com' } }), 'ECS');
    assert.ok(hits(det, { Timestamp: 't', ActionType: 'ConnectionSuccess', RemoteUrl: 'x.pastebin.com', RemoteIP: '1.2.3.4' }), 'DeviceNetworkEvents');
    assert.ok(hits(det, { 'cs-host': 'x.pastebin.com', 'c-uri': '/raw/abc' }), 'proxy');
    assert.ok(hits(det, { ts: 1, uid: 'C1', 'id.orig_h': '10.0.0.1', query: 'x.pastebin.com' }), 'Zeek dns');
    assert.ok(
      hits(sel("        Image|endswith: '\\rundll32.exe'"), { FolderPath: 'C:\\Windows\\rundll32.exe', ProcessCommandLine: 'rundll32 x' }),
      'DeviceProcessEvents',
    );
    assert.ok(hits(sel("        Image|endswith: '\\x.exe'"), { winlog: { event_id: 1, event_data: { Image: 'C:\\x.exe' } } }), 'Winlogbeat');
    assert.ok(!hits(det, { destination: { domain: 'x.pastebin.com' } }, { profile: 'zeek' }), 'a forced profile replaces detection');
    assert.ok(hits(det, { anything: 1, query: 'x.pastebin.com' }, { profile: 'zeek' }));
  });
});

describe('logsource filtering', () => {
  const det = sel("        DestinationHostname|endswith: 'pastebin.com'");
  it('uses EventID and Channel only when the event carries them', () => {
    const flat = { EventID: 3, Image: 'C:\\a.exe', DestinationHostname: 'pastebin.com' };
    assert.deepEqual(
      which(
        det,
        [
          flat,
          { ...flat, EventID: 1 },
          { Image: 'x', DestinationHostname: 'pastebin.com' },
          { ...flat, Channel: 'Security' },
          { ...flat, Channel: 'microsoft-windows-sysmon/operational' },
        ],
        { logsource: NETWORK },
      ),
      [0, 2, 4],
    );
  });
  it('applies SigmaHQ renames for Security 4688 events (Image → NewProcessName)', () => {
    const d = sel("        Image|endswith: '\\whoami.exe'\n        ParentImage|endswith: '\\cmd.exe'");
    assert.ok(hits(d, { EventID: 4688, NewProcessName: 'C:\\Windows\\whoami.exe', ParentProcessName: 'C:\\Windows\\cmd.exe' }, { logsource: PROCESS }));
    assert.ok(hits(d, { EventID: 1, Image: 'C:\\Windows\\whoami.exe', ParentImage: 'C:\\Windows\\cmd.exe' }, { logsource: PROCESS }));
    assert.ok(!hits(d, { EventID: 4624, NewProcessName: 'C:\\Windows\\whoami.exe', ParentProcessName: 'C:\\Windows\\cmd.exe' }, { logsource: PROCESS }));
  });
  it('service logsources check the channel', () => {
    const d = sel('        EventID: 4624');
    const ls = '    product: windows\n    service: security';
    assert.deepEqual(which(d, [{ EventID: 4624, Channel: 'Security' }, { EventID: 4624, Channel: 'System' }, { EventID: 4624 }], { logsource: ls }), [0, 2]);
  });
});
