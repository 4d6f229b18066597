import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, defaultConfig, mergeConfig } from '../../config/config';
import { checkSetting, profileSeverity } from '../../config/profiles';
import { findings, rule } from '../testing';

const SEL = `    selection:\n        Image|endswith: '\\\\cmd.exe'\n    condition: selection`;
const PROC = rule(SEL).replace('category: network_connection', 'category: process_creation');

describe('profiles ("extends")', () => {
  it('accepts the three profiles and rejects anything else', () => {
    for (const p of ['recommended', 'strict', 'sigmahq']) assert.equal(mergeConfig(defaultConfig(), { extends: p }, 't').extends, p);
    assert.throws(() => mergeConfig(defaultConfig(), { extends: 'sigma' }, 't'), ConfigError);
    assert.throws(() => mergeConfig(defaultConfig(), { extends: ['strict'] }, 't'), /"extends" must be one of recommended, strict, sigmahq/);
  });
  it("lets the file's own checks win over the profile", () => {
    const c = mergeConfig(defaultConfig(), { extends: 'recommended', checks: { 'sigma/title-length': 'error' } }, 't');
    assert.equal(checkSetting(c, 'sigma/title-length'), 'error');
    assert.equal(checkSetting(defaultConfig(), 'sigma/title-length'), 'off');
    assert.equal(checkSetting(mergeConfig(defaultConfig(), { extends: 'sigmahq' }, 't'), 'sigma/title-length'), undefined);
  });
  it('strict raises information to warning only for the listed metadata checks', () => {
    const strict = mergeConfig(defaultConfig(), { extends: 'strict' }, 't');
    assert.equal(profileSeverity(strict, 'sigma/unknown-key', 'information'), 'warning');
    assert.equal(profileSeverity(strict, 'sigma/redundant-wildcard', 'information'), 'information');
    assert.equal(profileSeverity(strict, 'sigma/unknown-key', 'hint'), 'hint');
    assert.equal(profileSeverity(defaultConfig(), 'sigma/unknown-key', 'information'), 'information');
  });
});

describe('sigma/missing-recommended-field', () => {
  const code = 'sigma/missing-recommended-field';
  it('is quiet on a complete rule', async () => {
    assert.deepEqual(await findings(PROC, code), []);
  });
  it('names the missing id, author, description and level as information in one finding', async () => {
    const text = PROC.replace(/^id: .*\n/m, '')
      .replace(/^author: .*\n/m, '')
      .replace(/^description: .*\n/m, '')
      .replace(/^level: .*\n?/m, '');
    const f = await findings(text, code);
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'information');
    assert.match(f[0].message, /`id`, `level`, `author`, `description`/);
    assert.equal(f[0].range.start.line, 0);
  });
  it('is a warning under strict; sigmahq also wants date and status', async () => {
    const text = PROC.replace(/^author: .*\n/m, '')
      .replace(/^date: .*\n/m, '')
      .replace(/^status: .*\n/m, '');
    const strict = await findings(text, code, { config: { extends: 'strict' } });
    assert.equal(strict[0].severity, 'warning');
    assert.match(strict[0].message, /no `author`:/);
    const hq = await findings(text, code, { config: { extends: 'sigmahq' } });
    assert.match(hq[0].message, /no `author`, `date`, `status`/);
  });
});

describe('sigma/title-length (sigmahq)', () => {
  const code = 'sigma/title-length';
  const long = PROC.replace('title: Test rule', `title: ${'A'.repeat(111)}`);
  it('is off under recommended', async () => {
    assert.deepEqual(await findings(long, code), []);
  });
  it('reports a title over 110 characters under sigmahq, not one of exactly 110', async () => {
    const f = await findings(long, code, { config: { extends: 'sigmahq' } });
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'warning');
    assert.equal(f[0].text, 'A'.repeat(111));
    assert.deepEqual(await findings(PROC.replace('title: Test rule', `title: ${'A'.repeat(110)}`), code, { config: { extends: 'sigmahq' } }), []);
  });
});

describe('sigma/filename-convention (sigmahq)', () => {
  const code = 'sigma/filename-convention';
  const hq = { extends: 'sigmahq' };
  it('is off under recommended', async () => {
    assert.deepEqual(await findings(PROC, code, { path: 'Bad Name.yaml' }), []);
  });
  it('accepts the log source prefix', async () => {
    assert.deepEqual(await findings(PROC, code, { path: 'rules/windows/proc_creation_win_cmd_child.yml', config: hq }), []);
  });
  it('asks for the prefix of the log source', async () => {
    const f = await findings(PROC, code, { path: 'rules/net_connection_win_cmd.yml', config: hq });
    assert.equal(f.length, 1);
    assert.match(f[0].message, /'proc_creation_win_\.\.\.'/);
  });
  it('falls back to the product alone, and checks the general form', async () => {
    const sec = PROC.replace('category: process_creation', 'service: security');
    assert.deepEqual(await findings(sec, code, { path: 'win_security_logon_x.yml', config: hq }), []);
    assert.equal((await findings(sec, code, { path: 'security_logon_x.yml', config: hq })).length, 1);
    for (const bad of ['Proc_creation_win_x.yml', 'proc_creation_win_x.yaml', 'short.yml', 'proc-creation-win-x.yml']) {
      const f = await findings(PROC, code, { path: bad, config: hq });
      assert.equal(f.length, 1, bad);
      assert.match(f[0].message, /lower-case letters/, bad);
    }
  });
});
