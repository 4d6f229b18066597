import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { MAX_FILE_BYTES } from '../document/source';
import { collectRuleFiles, InputError, readRuleFile } from './files';

const root = mkdtempSync(join(tmpdir(), 'tripline-walk-'));
after(() => rmSync(root, { recursive: true, force: true }));

function tree(): string {
  const dir = mkdtempSync(join(root, 't-'));
  writeFileSync(join(dir, 'a.yml'), 'title: a\n');
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'b.yaml'), 'title: b\n');
  writeFileSync(join(dir, 'notes.txt'), 'not a rule\n');
  return dir;
}

describe('collectRuleFiles walks folders safely', () => {
  it('a self link, a loop back to the root and a second link list each file once, with notes', () => {
    const dir = tree();
    symlinkSync('.', join(dir, 'self'));
    symlinkSync('..', join(dir, 'sub', 'loop'));
    symlinkSync('sub', join(dir, 'z-again'));
    symlinkSync('a.yml', join(dir, 'link.yml'));
    const notes: string[] = [];
    const files = collectRuleFiles([dir], (n) => notes.push(n));
    assert.deepEqual(files, [join(dir, 'a.yml'), join(dir, 'sub', 'b.yaml')]);
    assert.equal(notes.filter((n) => /the same folder as one already checked/.test(n)).length, 3, notes.join('\n'));
  });

  it('a loop of file symlinks and a FIFO are skipped with a note, never read', () => {
    const dir = tree();
    symlinkSync('y.yml', join(dir, 'x.yml'));
    symlinkSync('x.yml', join(dir, 'y.yml'));
    execFileSync('mkfifo', [join(dir, 'pipe.yml')]);
    const notes: string[] = [];
    const files = collectRuleFiles([dir], (n) => notes.push(n));
    assert.deepEqual(files, [join(dir, 'a.yml'), join(dir, 'sub', 'b.yaml')]);
    assert.ok(notes.includes(`skipped ${join(dir, 'pipe.yml')}: not a regular file (a FIFO)`), notes.join('\n'));
    assert.ok(
      notes.some((n) => n.startsWith(`skipped ${join(dir, 'x.yml')}: symlink loop`)),
      notes.join('\n'),
    );
  });

  it('the same file given twice is listed once; a missing path is still a usage error', () => {
    const dir = tree();
    const a = join(dir, 'a.yml');
    assert.deepEqual(collectRuleFiles([a, dir, join(dir, '.', 'a.yml')]), [a, join(dir, 'sub', 'b.yaml')]);
    assert.throws(() => collectRuleFiles([join(dir, 'nope')]), InputError);
  });
});

describe('readRuleFile never throws', () => {
  it('a file that vanished before reading comes back as unreadable, with the reason', () => {
    const r = readRuleFile(join(root, 'gone.yml'));
    assert.equal(r.text, '');
    assert.equal(r.unreadable, 'cannot read it (ENOENT: it no longer exists)');
    assert.match(readRuleFile(root).unreadable ?? '', /folder/);
  });

  it('reads at most the limit, cut at a line end so no character is split', () => {
    const path = join(root, 'big.yml');
    const line = 'é'.repeat(40) + '\n'; // 81 bytes: the limit falls inside a character
    writeFileSync(path, line.repeat(Math.ceil((MAX_FILE_BYTES * 2) / 81)));
    const r = readRuleFile(path);
    assert.ok(r.sizeBytes > MAX_FILE_BYTES * 2 - 100);
    assert.ok(Buffer.byteLength(r.text) <= MAX_FILE_BYTES);
    assert.ok(r.text.endsWith('\n'));
    assert.equal(r.invalidUtf8, false);
  });

  it('flags bytes that are not UTF-8 and keeps a BOM as the editor would see it', () => {
    const path = join(root, 'latin1.yml');
    writeFileSync(path, Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0x3a, 0x20, 0xe9, 0x0a]));
    const r = readRuleFile(path);
    assert.equal(r.invalidUtf8, true);
    assert.equal(r.text, '\uFEFFa: \uFFFD\n');
  });
});
