import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultConfig } from '../config/config';
import { loadSource } from '../document/source';
import { rule } from '../checks/testing';
import { hoverAt } from './hover';
import { domainEntries } from '../domains/extractors';

const text = rule(`    selection_img:
        Image|endswith: '\\\\mshta.exe'
    selection:
        DestinationHostname|endswith:
            - 'workers.dev'
            - '.raw.githubusercontent.com'
            - 'proj.firebaseio.com'
    condition: all of selection*`);

function hover(needle: string): string {
  const file = loadSource('r.yml', text);
  const offset = text.indexOf(needle) + 2;
  const pos = file.index.position(offset);
  const r = hoverAt({ file, pos, config: defaultConfig(), linePrefix: file.index.lineText(pos.line).slice(0, pos.character) });
  assert.ok(r, `no hover at ${needle}`);
  return r.markdown;
}

describe('domain hover', () => {
  it('explains what an entry matches with examples, the service and the suffix', () => {
    const md = hover("'workers.dev'");
    assert.match(md, /ending in 'workers\.dev', including look-alikes/);
    assert.match(md, /would match: .*`tenant\.workers\.dev`.*`evilworkers\.dev`/);
    assert.match(md, /would not match: .*`workers\.dev\.attacker\.example`/);
    assert.match(md, /\*\*Cloudflare Workers\*\* — serverless-hosting, multi-tenant by subdomain/);
    assert.match(md, /Public suffix: `workers\.dev` \(PSL private section\); registrable domain: none/);
    assert.match(md, /ANDed with Image\|endswith in selection_img/);
  });
  it('names path-multi-tenant services and catalog-only tenancy', () => {
    assert.match(hover("'.raw.githubusercontent.com'"), /multi-tenant by URL path/);
    assert.match(hover("'proj.firebaseio.com'"), /Firebase Realtime Database/);
  });
  it('shows the sample hits the samples preparer attached to the file, and none without them', () => {
    const file = loadSource('r.yml', text);
    const entry = domainEntries(file).find((e) => e.value === 'workers.dev');
    assert.ok(entry);
    const at = (f: typeof file): string => {
      const pos = { line: entry.range.start.line, character: entry.range.start.character + 2 };
      return hoverAt({ file: f, pos, config: defaultConfig(), linePrefix: f.index.lineText(pos.line).slice(0, pos.character) })?.markdown ?? '';
    };
    assert.doesNotMatch(at(file), /Sample telemetry/);
    file.slots.sampleHits = { hits: [{ entry, hits: 3, attackHits: 0, events: 300, top: [], scope: 'entry', overBudget: 0 }], sources: 2, baselineEvents: 300 };
    assert.match(at(file), /\*\*Sample telemetry\*\* \(2 files\): this entry matches .*\(3 of 300\)/);
  });
});
