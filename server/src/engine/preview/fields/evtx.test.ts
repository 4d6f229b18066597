import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evtxRoot, flattenEvtx } from './evtx';

describe('EVTX flattening', () => {
  it('names System attributes, Data elements and UserData leaves as the Sigma spec does, with their paths', () => {
    const event = {
      Event: {
        System: { Provider: { '#attributes': { Name: 'Sec' } }, EventID: { '#text': 4688 }, Channel: 'Security' },
        EventData: { Data: [{ '#attributes': { Name: 'NewProcessName' }, '#text': 'C:\\a.exe' }] },
        UserData: { Ev: { '#attributes': { xmlns: 'u' }, Param: 'p', EventID: 1 } },
      },
    };
    const root = evtxRoot(event);
    assert.ok(root);
    const flat = flattenEvtx(root, 'Event');
    const got = Object.fromEntries([...flat.values].map(([k, v]) => [k, [v, flat.paths.get(k)]]));
    assert.deepEqual(got, {
      Provider_Name: ['Sec', 'Event.System.Provider.#attributes.Name'],
      EventID: [4688, 'Event.System.EventID.#text'], // System wins over the later UserData EventID
      Channel: ['Security', 'Event.System.Channel'],
      NewProcessName: ['C:\\a.exe', 'Event.EventData.Data.0'],
      Data: [['C:\\a.exe'], 'Event.EventData.Data'],
      Ev_xmlns: ['u', 'Event.UserData.Ev.#attributes.xmlns'],
      Param: ['p', 'Event.UserData.Ev.Param'],
    });
  });

  it('roots paths at the record when it has no Event wrapper', () => {
    const flat = flattenEvtx({ System: { EventID: 1 }, EventData: { Image: 'x' } }, '');
    assert.equal(flat.paths.get('Image'), 'EventData.Image');
    assert.equal(flat.paths.get('EventID'), 'System.EventID');
  });
});
