/**
 * `tripline check` on a folder of hostile files generated here (nothing binary is committed): every
 * regular file is reported exactly once, each broken one with a diagnostic naming its problem, the
 * good rule beside them is checked as usual, and the run ends in seconds with exit 0 or 1.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { describeFailure, EXIT } from '../../server/src/cli/main';
import { UsageError } from '../../server/src/cli/args';
import { CLI } from '../protocol/lsp-client';

const RULE = (selection: string, more = ''): string => `title: Hostile
id: 5f0e4f8c-3b0a-4b8e-9a41-0c2d4c6f2a11
status: test
description: A complete rule, so a clean file has no finding at all.
author: tests
logsource:
    product: windows
    category: process_creation
detection:
    selection:
${selection}
    condition: selection
${more}level: medium
`;

const GOOD = RULE("        CommandLine|contains: 'foo'");

function laughs(): string {
  const lines = ['    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const [prev, cur] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)];
    lines.push(
      `    ${cur}: &${cur} [${Array(9)
        .fill('*' + prev)
        .join(',')}]`,
    );
  }
  return RULE("        Image: 'x'", lines.join('\n') + '\n    bomb:\n        Image: *j\n');
}

/** name → [content, what its diagnostic must say]. */
const HOSTILE: Record<string, [string | Buffer, RegExp]> = {
  'alias.yml': [RULE('        CommandLine: *foo*'), /\*foo\* is read as a YAML alias.*must be quoted/],
  'laughs.yml': [laughs(), /billion laughs/],
  'huge-list.yml': [
    RULE('        Image|endswith:\n' + Array.from({ length: 200_000 }, (_, i) => `            - '\\p${i}.exe'`).join('\n')),
    /Not checked beyond line \d+: the file is \d+\.\d MB, above the 512 KB limit/,
  ],
  'deep.yml': [RULE('        Image:\n            ' + '- '.repeat(10_000) + 'x'), /nested more than 200 levels deep/],
  'docs.yml': [Array.from({ length: 10_000 }, () => '---\n' + GOOD).join(''), /more than 500 YAML documents/],
  'binary.yml': [Buffer.from([0x74, 0x69, 0x74, 0x6c, 0x65, 0x3a, 0x20, 0x00, 0x01, 0x02, 0xff, 0x0a]), /binary content/],
  'latin1.yml': [Buffer.from(GOOD.replace("'foo'", "'f\u00e9e'"), 'latin1'), /Invalid UTF-8/],
};

const root = mkdtempSync(join(tmpdir(), 'tripline-hostile-'));
/** For files that must not sit in the hostile folder (it is checked whole). */
const scratch = mkdtempSync(join(tmpdir(), 'tripline-hostile-scratch-'));
after(() => {
  chmodSync(join(root, 'unreadable.yml'), 0o644);
  rmSync(root, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

function build(): void {
  writeFileSync(join(root, 'good.yml'), GOOD);
  for (const [name, [content]] of Object.entries(HOSTILE)) writeFileSync(join(root, name), content);
  writeFileSync(join(root, 'unreadable.yml'), GOOD);
  chmodSync(join(root, 'unreadable.yml'), 0o000);
  execFileSync('mkfifo', [join(root, 'fifo.yml')]);
  mkdirSync(join(root, 'sub'));
  symlinkSync('..', join(root, 'sub', 'loop'));
  symlinkSync('.', join(root, 'self'));
}
build();

/** Root reads a chmod 000 file anyway: the test says which case it checked rather than pretending. */
function readableAnyway(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

interface Out {
  files: { path: string; kind: string; diagnostics: { code: string; severity: string; message: string }[] }[];
  summary: { files: number; errors: number };
}

function runAsync(args: string[], timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [CLI, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

describe('tripline check on hostile files', () => {
  it('reports every regular file exactly once, each broken one with its problem, in seconds', async () => {
    // Generous for a loaded 2-core CI machine; the run takes a few seconds when the machine is idle.
    const r = await runAsync(['check', root, '--format', 'json'], 90_000);
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code} after ${r.ms} ms\n${r.stderr}`);
    const out = JSON.parse(r.stdout) as Out;
    const names = out.files.map((f) => f.path.slice(root.length + 1)).sort();
    assert.deepEqual(names, [...Object.keys(HOSTILE), 'good.yml', 'unreadable.yml'].sort());
    const byName = new Map(out.files.map((f) => [f.path.slice(root.length + 1), f]));
    for (const [name, [, expected]] of Object.entries(HOSTILE)) {
      const diags = byName.get(name)!.diagnostics;
      assert.ok(
        diags.some((d) => d.code === 'sigma/yaml-syntax' && expected.test(d.message)),
        `${name}: ${JSON.stringify(diags.map((d) => d.message))}`,
      );
      assert.deepEqual(
        diags.filter((d) => d.code === 'tripline/internal-error'),
        [],
        name,
      );
    }
    // The fixture's files are copies of one rule: that they share a title and id (sigma/duplicate-*) is beside the point here.
    const own = (name: string): Out['files'][number]['diagnostics'] =>
      byName.get(name)!.diagnostics.filter((d) => !/^sigma\/duplicate-(id|title|filename)$/.test(d.code));
    assert.deepEqual(own('good.yml'), []);
    const unreadable = own('unreadable.yml');
    if (readableAnyway(join(root, 'unreadable.yml')))
      assert.deepEqual(unreadable, [], 'running as root: chmod 000 does not stop reading, so the file is checked as usual');
    else assert.match(unreadable[0]?.message ?? '', /Cannot check this file: cannot read it \(EACCES/);
    assert.match(r.stderr, /skipped .*fifo\.yml: not a regular file \(a FIFO\)/);
    assert.match(r.stderr, /skipped .*self: the same folder as one already checked/);
    assert.match(r.stderr, /skipped .*loop: the same folder as one already checked/);
    assert.doesNotMatch(r.stderr, /internal error/);
  });

  it('coverage reads the same folder: each file once, no crash', async () => {
    const r = await runAsync(['coverage', root, '--format', 'json'], 90_000);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { files: number };
    assert.equal(out.files, Object.keys(HOSTILE).length + 2);
    assert.match(r.stderr, /skipped .*self: the same folder as one already checked/);
  });

  it('the text summary counts the rules of a multi-document file', () => {
    // The documents are copies of one rule; what they share (sigma/duplicate-*) is beside the point here.
    const config = join(scratch, 'no-duplicates.json');
    writeFileSync(config, JSON.stringify({ checks: { 'sigma/duplicate-id': 'off', 'sigma/duplicate-title': 'off' } }));
    const r = spawnSync(process.execPath, [CLI, 'check', '--config', config, join(root, 'docs.yml')], { encoding: 'utf8' });
    assert.match(r.stdout, /^1 files \(500 rules\): 0 errors, 1 warnings$/m);
  });
});

describe('tripline CLI failures are one line and an exit code', () => {
  it('a full disk on stdout: one line on stderr, exit 2, no stack', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" check "${join(root, 'good.yml')}" --format json > /dev/full`], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'tripline: cannot write the output (ENOSPC)\n');
  });

  it('a pipe closed early (| head): one line on stderr, exit 2', () => {
    // 2,000 findings: far more JSON than a pipe buffer holds.
    const many = join(scratch, 'many.yml');
    writeFileSync(many, RULE(Array.from({ length: 2000 }, (_, i) => `        Image|bogus${i}: x`).join('\n')));
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" check "${many}" --format json | head -c 1 > /dev/null; echo "\${PIPESTATUS[0]}"`], {
      encoding: 'utf8',
    });
    assert.equal(r.stdout.trim(), '2');
    assert.equal(r.stderr, 'tripline: the output was closed before everything was written\n');
  });

  it('a deleted working folder is a usage/I-O problem (exit 2), not an internal error', () => {
    const gone = mkdtempSync(join(scratch, 'cwd-'));
    const r = spawnSync('sh', ['-c', `cd "${gone}" && rmdir "${gone}" && "${process.execPath}" "${CLI}" check`], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'tripline: the current folder no longer exists (deleted while in use?): cd to an existing folder\n');
  });
});

describe('describeFailure', () => {
  it("tells our bugs (exit 3, with the stack) from the user's problems (exit 2)", () => {
    assert.equal(EXIT.internal, 3);
    const bug = describeFailure(new TypeError('x is undefined'));
    assert.equal(bug.code, 3);
    assert.match(bug.message, /^internal error \(please report it\): TypeError: x is undefined\n\s+at /);
    assert.deepEqual(describeFailure(new UsageError('unknown option --x')), { code: 2, message: 'unknown option --x (see tripline --help)' });
    const io = Object.assign(new Error("EACCES: permission denied, open '/x'"), { code: 'EACCES', syscall: 'open' });
    assert.equal(describeFailure(io).code, 2);
  });
});
