import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchEvent } from '../index';
import { compileDetection } from '../testing';
import type { TelemetryEvent } from '../types';
import { UNKNOWN, type FieldAccess } from './access';
import { valueKey, withValueCache } from './value-cache';

/** A FieldAccess over plain values (UNKNOWN where the test says so). */
function access(values: Record<string, unknown>): FieldAccess {
  return {
    value: (f) => values[f],
    texts: () => UNKNOWN,
    keywords: () => UNKNOWN,
  };
}

describe('value-keyed verdict cache', () => {
  it('evaluates a subtree once per combination of values', () => {
    let calls = 0;
    const node = withValueCache(
      (a) => {
        calls++;
        return a.value('Image') === 'x' ? 1 : 0;
      },
      ['Image', 'Host'],
    );
    const memo = new Int8Array(1);
    for (let i = 0; i < 10; i++) {
      assert.equal(node(access({ Image: 'x', Host: 'h' }), memo), 1);
      assert.equal(node(access({ Image: 'y', Host: 'h' }), memo), 0);
    }
    assert.equal(calls, 2);
  });

  it('never caches what it cannot key exactly, nor an unknown verdict', () => {
    let calls = 0;
    const node = withValueCache(
      (a) => {
        calls++;
        return a.value('F') === UNKNOWN ? 2 : 1;
      },
      ['F'],
    );
    const memo = new Int8Array(1);
    for (const v of [UNKNOWN, UNKNOWN, ['a'], ['a'], { a: 1 }, { a: 1 }]) node(access({ F: v }), memo);
    assert.equal(calls, 6);
  });

  it('keeps values of different types apart', () => {
    const values = ['3', 3, 'true', true, 'T', 'U', undefined, null, '', '\u0001n3', '\u0001U'];
    const keys = values.map(valueKey);
    assert.equal(new Set(keys).size, values.length, JSON.stringify(keys));
  });

  it('turns itself off when values rarely repeat, and stays correct', () => {
    let calls = 0;
    const node = withValueCache(
      (a) => {
        calls++;
        return String(a.value('F')).endsWith('7') ? 1 : 0;
      },
      ['F'],
    );
    const memo = new Int8Array(1);
    for (let i = 0; i < 20000; i++) assert.equal(node(access({ F: `v${i}` }), memo), i % 10 === 7 ? 1 : 0);
    const before = calls;
    node(access({ F: 'v1' }), memo);
    node(access({ F: 'v1' }), memo);
    assert.equal(calls - before, 2, 'no longer cached');
  });

  it('a rule compiled once gives each event the verdict a fresh compile gives', () => {
    // Enough filter items on two fields for the `1 of filter_*` subtree to be cached.
    const detection = [
      '    selection:',
      '        Host|endswith: .example',
      '    filter_a:',
      "        Image|endswith: '\\a.exe'",
      '    filter_b:',
      "        Image|startswith: 'C:\\b\\'",
      "        Image|endswith: '\\b.exe'",
      '    filter_c:',
      '        Image: null',
      '    filter_d:',
      "        Image: ''",
      '    filter_e:',
      '        Image: 3',
      '        Host|contains: skip',
      '    condition: selection and not 1 of filter_*',
    ].join('\n');
    const images: unknown[] = ['C:\\x\\a.exe', 'C:\\b\\b.exe', 'C:\\b\\c.exe', null, undefined, '', 3, '3', true, 'true', ['C:\\x\\a.exe'], ['z']];
    const hosts: unknown[] = ['x.example', 'skip.example', 'x.other', 3, undefined];
    const events: TelemetryEvent[] = [];
    for (let round = 0; round < 3; round++) {
      for (const Image of images) for (const Host of hosts) events.push(Image === undefined ? { Host } : Host === undefined ? { Image } : { Image, Host });
    }
    const once = compileDetection(detection);
    const got = events.map((e) => matchEvent(once, e).matched);
    const fresh = events.map((e) => matchEvent(compileDetection(detection), e).matched);
    assert.deepEqual(got, fresh);
    assert.ok(got.includes(true) && got.includes(false));
  });
});
