import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache } from './state';

describe('AnalysisCache settings', () => {
  it('keeps its analyses when the editor sends the configuration already in force', () => {
    const cache = new AnalysisCache();
    // As at `initialize`: trust first, then the first rule is opened before the settings arrive.
    cache.setTrust(true, false);
    const doc = TextDocument.create('file:///tmp/tripline-state/rule.yml', 'yaml', 1, 'title: t\n');
    const first = cache.analyze(doc);
    cache.setSettings({});
    assert.equal(cache.analyze(doc), first, 'the same settings: the analysis stands');
    cache.setSettings({ domains: { allowlist: ['example.com'] } });
    const second = cache.analyze(doc);
    assert.notEqual(second, first, 'new settings: analysed again');
    cache.setSettings({ domains: { allowlist: ['example.com'] } });
    assert.equal(cache.analyze(doc), second);
  });
});
