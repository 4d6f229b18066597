import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../analyze';
import { defaultConfig } from '../config/config';
import { domainEntries } from '../domains/extractors';
import { completeAt } from '../features/completion';
import { hoverAt } from '../features/hover';
import { kqlOf } from './analysis';

/** A hunting file as people write them: a header comment, then queries separated by blank lines. */
const FILE = `// Web-service hunting pack

let Paste = dynamic(["pastebin.com", "paste.ee"]);
DeviceNetworkEvents
| where RemoteUrl has_any (Paste)

// second query: the same list name, another list
let Paste = dynamic(["pastebin.com", "ghostbin.co"]);
AADSignInEventsBeta
| where Application has_any (Paste)
| project AccountUpn
`;

async function at(marker: string, shift = 0) {
  const report = await analyzeText('pack.kql', FILE);
  const offset = FILE.indexOf(marker) + shift;
  const pos = report.file.index.position(offset);
  const linePrefix = FILE.slice(FILE.lastIndexOf('\n', offset - 1) + 1, offset);
  return { file: report.file, pos, config: defaultConfig(), linePrefix };
}

describe('a .kql file with several queries', () => {
  it('is analysed as two queries, the header comment as none', async () => {
    const report = await analyzeText('pack.kql', FILE);
    assert.equal(kqlOf(report.file)?.queries.length, 2);
  });

  it('hovers and completes against the query under the cursor', async () => {
    const hover = hoverAt(await at('AADSignInEventsBeta', 3));
    assert.match(hover?.markdown ?? '', /AADSignInEventsBeta\*\* \(table/);
    const labels = completeAt(await at('AccountUpn', 7)).map((c) => c.label);
    assert.ok(labels.includes('AccountUpn') && labels.includes('Application'), "columns of the second query's table");
    assert.ok(!labels.includes('RemoteUrl'), 'not the columns of the first query');
  });

  it('keeps the lists of different queries apart in domain extraction', async () => {
    const report = await analyzeText('pack.kql', FILE);
    const entries = domainEntries(report.file).filter((e) => e.value === 'pastebin.com');
    assert.equal(entries.length, 2);
    assert.notEqual(entries[0].listId, entries[1].listId);
    assert.ok(!report.diagnostics.some((d) => d.code === 'domains/redundant'), 'the same entry in two queries is not a duplicate');
  });
});
