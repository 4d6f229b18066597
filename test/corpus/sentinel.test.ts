import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText, type FileReport } from '../../server/src/engine/analyze';
import { sharedPath, skipWithoutShared } from '../shared-data';

const sentinel = (...parts: string[]): string => sharedPath('corpus', 'sentinel', ...parts);
const SKIP_LISTED = 'rules/Detections/ASimWebSession/PotentiallyHarmfulFileTypes.yaml';

interface IndexFile {
  files: { file: string; id: string; inSkipValidationsTemplates2022: boolean; syntaxDiagnostics: string[] }[];
}

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/i.test(name)) out.push(p);
  }
  return out;
}

let scanned: Promise<{ path: string; report: FileReport }[]> | null = null;
function scan(): Promise<{ path: string; report: FileReport }[]> {
  scanned ??= (async () => {
    const out: { path: string; report: FileReport }[] = [];
    for (const p of yamlFiles(sentinel('rules'))) out.push({ path: relative(sentinel(), p), report: await analyzeText(p, readFileSync(p, 'utf8')) });
    return out;
  })();
  return scanned;
}

describe('Sentinel corpus (552 analytics rules and hunting queries, Azure-Sentinel b819f673)', { skip: skipWithoutShared('corpus/sentinel/rules') }, () => {
  it('every file is read as a Sentinel rule', async () => {
    const r = await scan();
    assert.equal(r.length, 552);
    assert.deepEqual(
      r.filter((x) => x.report.kind !== 'sentinel').map((x) => x.path),
      [],
    );
  });

  it("only the rule on Microsoft's skip list gets kql/syntax, as Kusto.Language says", async () => {
    const r = await scan();
    const withSyntax = r.filter((x) => x.report.diagnostics.some((d) => d.code === 'kql/syntax')).map((x) => x.path);
    assert.deepEqual(withSyntax, [SKIP_LISTED]);
    const index = JSON.parse(readFileSync(sentinel('index.json'), 'utf8')) as IndexFile;
    assert.deepEqual(
      index.files.filter((f) => f.syntaxDiagnostics.length > 0).map((f) => f.file),
      withSyntax,
    );
    assert.equal(index.files.find((f) => f.file === SKIP_LISTED)?.inSkipValidationsTemplates2022, true);
    const d = r.find((x) => x.path === SKIP_LISTED)!.report.diagnostics.find((x) => x.code === 'kql/syntax')!;
    // The unquoted regex in `extract(@(\.\w+)$, ...)`, line 32 of the file.
    assert.equal(d.range.start.line, 31);
    assert.equal(d.severity, 'error');
  });

  it('KQL and Sentinel checks raise no error on maintained rules (beyond that one); every finding is listed by code', async () => {
    const r = await scan();
    const counts = new Map<string, number>();
    const errors: string[] = [];
    for (const { path, report } of r) {
      for (const d of report.diagnostics) {
        const key = `${d.code} (${d.severity})`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        if (d.code === 'tripline/internal-error') errors.push(`${path}: ${d.message}`);
        if (d.severity === 'error' && /^(kql|sentinel)\//.test(d.code) && !(path === SKIP_LISTED && d.code === 'kql/syntax'))
          errors.push(`${path}:${d.range.start.line + 1}: ${d.code} ${d.message}`);
      }
    }
    console.log(`sentinel corpus findings per code: ${JSON.stringify(Object.fromEntries([...counts].sort()))}`);
    assert.deepEqual(errors, []);
  });

  it('misspelt columns in a real rule would be caught: kql/unknown-name on a corrupted copy', async () => {
    // Hunting queries that read DeviceNetworkEvents directly (no union) and use RemoteUrl.
    const files = yamlFiles(sentinel('rules', 'hunting')).filter((f) => {
      const t = readFileSync(f, 'utf8');
      return /^\s*DeviceNetworkEvents\b/m.test(t) && /\bRemoteUrl\b/.test(t) && !/\bunion\b/.test(t);
    });
    assert.ok(files.length >= 5, `${files.length} files`);
    let checked = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const corrupted = text.replace(/\bRemoteUrl\b/g, 'RemoteURL');
      const report = await analyzeText(f, corrupted);
      const unknown = report.diagnostics.filter((d) => d.code === 'kql/unknown-name' && d.message.includes('`RemoteURL`'));
      assert.ok(unknown.length > 0, `${f}: RemoteURL not reported`);
      assert.match(unknown[0].message, /Did you mean `RemoteUrl`\?/);
      checked++;
    }
    assert.ok(checked > 0);
  });
});
