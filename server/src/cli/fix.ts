import type { FixRun } from '../engine/index';

/** `fixed PATH:LINE:COL CODE TITLE` per fix (`would fix` with --dry-run), the diffs, then notes. */
export function formatFixesText(run: FixRun, dryRun: boolean): string {
  const lines: string[] = [];
  for (const f of run.fixes) {
    for (const a of f.applied)
      lines.push(`${dryRun ? 'would fix' : 'fixed'} ${f.path}:${a.range.start.line + 1}:${a.range.start.character + 1} ${a.code} ${a.title}`);
    if (f.note) lines.push(`${f.path}: ${f.note}`);
  }
  for (const f of run.fixes) if (f.diff) lines.push(f.diff.replace(/\n$/, ''));
  return lines.join('\n');
}

/** The check JSON with a `fixes` list per file (additive to the contract), and `dryRun`. */
export function addFixesToJson(json: string, run: FixRun, dryRun: boolean): string {
  const doc = JSON.parse(json) as { files: { path: string; fixes?: unknown; diff?: string; fixNote?: string }[]; dryRun?: boolean };
  const byPath = new Map(run.fixes.map((f) => [f.path, f]));
  for (const file of doc.files) {
    const f = byPath.get(file.path);
    file.fixes = (f?.applied ?? []).map((a) => ({ code: a.code, title: a.title, range: a.range, pass: a.pass }));
    if (f?.diff) file.diff = f.diff;
    if (f?.note) file.fixNote = f.note;
  }
  doc.dryRun = dryRun;
  return JSON.stringify(doc, null, 2);
}
