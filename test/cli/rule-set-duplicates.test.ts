import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Engine } from '../../server/src/engine/index';
import { rule } from '../../server/src/engine/checks/testing';

const SEL = "    selection:\n        Image|endswith: '\\\\cmd.exe'\n    condition: selection";
const withId = (id: string, title: string): string =>
  rule(SEL).replace('5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a11', id).replace('title: Test rule', `title: ${title}`);
const ID_A = '11111111-1111-4111-8111-111111111111';
const ID_B = '22222222-2222-4222-8222-222222222222';

/** Writes `files` (relative path → text) into a fresh folder and returns it. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tripline-dup-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

async function codes(dir: string, paths: string[], context: string[] = []): Promise<Map<string, { code: string; line: number; message: string }[]>> {
  const result = await new Engine().check(
    paths.map((p) => join(dir, p)),
    context.map((p) => join(dir, p)),
  );
  const out = new Map<string, { code: string; line: number; message: string }[]>();
  for (const f of result.files)
    out.set(
      f.path.slice(dir.length + 1),
      f.diagnostics
        .filter((d) => d.code.startsWith('sigma/duplicate-') && d.code !== 'sigma/duplicate-entry' && d.code !== 'sigma/duplicate-modifier')
        .map((d) => ({ code: d.code, line: d.range.start.line, message: d.message })),
    );
  return out;
}

describe('rule-set duplicates (sigma/duplicate-id, -title, -filename)', () => {
  it('report a shared id, title and file name on both files, pointing at the other', async () => {
    const dir = folder({ 'a/proc_x.yml': withId(ID_A, 'Same Title'), 'b/proc_x.yml': withId(ID_A, 'same  title'), 'c/other.yml': withId(ID_B, 'Other') });
    try {
      const got = await codes(dir, ['a/proc_x.yml', 'b/proc_x.yml', 'c/other.yml']);
      for (const [me, other] of [
        ['a/proc_x.yml', 'b/proc_x.yml'],
        ['b/proc_x.yml', 'a/proc_x.yml'],
      ]) {
        const f = got.get(me)!;
        assert.deepEqual(f.map((x) => x.code).sort(), ['sigma/duplicate-filename', 'sigma/duplicate-id', 'sigma/duplicate-title'], me);
        assert.equal(f.find((x) => x.code === 'sigma/duplicate-id')!.line, 1);
        for (const x of f) assert.ok(x.message.includes(join(dir, other)), x.message);
      }
      assert.deepEqual(got.get('c/other.yml'), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('are only a note where one of the twins is deprecated or unsupported', async () => {
    const dir = folder({ 'rules/x.yml': withId(ID_A, 'Same'), 'deprecated/y.yml': withId(ID_B, 'Same').replace('status: test', 'status: deprecated') });
    try {
      const result = await new Engine().check([join(dir, 'rules/x.yml'), join(dir, 'deprecated/y.yml')]);
      const titles = result.files.flatMap((f) => f.diagnostics.filter((d) => d.code === 'sigma/duplicate-title'));
      assert.deepEqual(
        titles.map((d) => d.severity),
        ['information', 'information'],
      );
      assert.match(titles[0].message, /that rule is deprecated or unsupported/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('find the twin in --workspace-files context, which is not reported on', async () => {
    const dir = folder({ 'a/one.yml': withId(ID_A, 'One'), 'b/two.yml': withId(ID_A, 'Two') });
    try {
      const got = await codes(dir, ['a/one.yml'], ['a/one.yml', 'b/two.yml']);
      assert.deepEqual([...got.keys()], ['a/one.yml']);
      assert.deepEqual(
        got.get('a/one.yml')!.map((x) => x.code),
        ['sigma/duplicate-id'],
      );
      const alone = await codes(dir, ['a/one.yml']);
      assert.deepEqual(alone.get('a/one.yml'), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('report two documents of one file that share an id, and ignore files that are not Sigma rules', async () => {
    const dir = folder({ 'multi.yml': `${withId(ID_A, 'First')}---\n${withId(ID_A, 'Second')}`, 'x/multi.yml': 'name: ci\non: [push]\n' });
    try {
      const f = (await codes(dir, ['multi.yml', 'x/multi.yml'])).get('multi.yml')!;
      assert.deepEqual(
        f.map((x) => x.code),
        ['sigma/duplicate-id', 'sigma/duplicate-id'],
      );
      assert.match(f[0].message, /line \d+ of this file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
