import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { defaultConfig } from './config';
import { confinePaths, staysInside } from './paths';

describe('configured paths and workspace trust', () => {
  let dir: string;
  let ws: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tripline-paths-'));
    ws = join(dir, 'ws');
    mkdirSync(join(ws, 'logs'), { recursive: true });
    mkdirSync(join(dir, 'outside'));
    symlinkSync(join(dir, 'outside'), join(ws, 'link'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const config = (paths: string[], bundles: string[] = []) => {
    const c = defaultConfig();
    c.samples.paths = paths;
    c.attack.bundles = bundles;
    c.baseDir = ws;
    return c;
  };

  it('keeps paths and globs inside the workspace', () => {
    for (const p of ['logs/*.ndjson', 'logs/**/*.json', './a.csv', 'new/dir/x.json']) assert.ok(staysInside(p, ws, ws), p);
  });

  it('rejects paths that leave it: parent segments, absolute paths, globs climbing out, links', () => {
    for (const p of ['../outside/secret.log', '/etc/passwd', 'logs/../../outside/x', '**/../../x', 'link/secret.log', 'link/*.json'])
      assert.ok(!staysInside(p, ws, ws), p);
  });

  it('ignores every path setting in an untrusted workspace, and says which', () => {
    const r = confinePaths(config(['logs/a.json'], ['bundle.json']), { trusted: false, root: ws, allowOutside: true });
    assert.deepEqual(r.config.samples.paths, []);
    assert.deepEqual(r.config.attack.bundles, []);
    assert.deepEqual(r.ignored, ['samples.paths (the workspace is not trusted)', 'attack.bundles (the workspace is not trusted)']);
  });

  it('drops only the outside entries of a trusted workspace, unless the user allows them', () => {
    const c = config(['logs/a.json', '../outside/secret.log']);
    const r = confinePaths(c, { trusted: true, root: ws, allowOutside: false });
    assert.deepEqual(r.config.samples.paths, ['logs/a.json']);
    assert.equal(r.ignored.length, 1);
    assert.match(r.ignored[0], /samples\.paths: \.\.\/outside\/secret\.log \(outside the workspace folder\)/);
    // The input is not modified.
    assert.deepEqual(c.samples.paths, ['logs/a.json', '../outside/secret.log']);
    const allowed = confinePaths(c, { trusted: true, root: ws, allowOutside: true });
    assert.deepEqual(allowed.config.samples.paths, ['logs/a.json', '../outside/secret.log']);
    assert.deepEqual(allowed.ignored, []);
  });
});
