import type { Diagnostic } from './core/diagnostic';
import type { SourceFile } from './document/source';

const NEXT_LINE = /(?:#|\/\/)\s*tripline-disable-next-line\b(.*)$/;
const FILE = /(?:#|\/\/)\s*tripline-disable(?:-file)?\b(?!-)(.*)$/;

function codes(rest: string): string[] | 'all' {
  const list = rest.split(/[\s,]+/).filter((c) => c.length > 0 && !c.startsWith('--'));
  return list.length === 0 ? 'all' : list;
}

const matches = (rule: string[] | 'all', code: string): boolean =>
  rule === 'all' || rule.some((c) => c === code || (c.endsWith('/*') && code.startsWith(c.slice(0, -1))));

/**
 * `# tripline-disable-next-line CODE...` silences codes on the next line;
 * `# tripline-disable CODE...` anywhere silences them for the file. No code means all codes.
 */
export function applySuppressions(file: SourceFile, diags: Diagnostic[]): Diagnostic[] {
  if (!file.text.includes('tripline-disable')) return diags;
  const perLine = new Map<number, (string[] | 'all')[]>();
  const whole: (string[] | 'all')[] = [];
  for (let line = 0; line < file.index.lineCount; line++) {
    const text = file.index.lineText(line);
    if (!text.includes('tripline-disable')) continue;
    const next = NEXT_LINE.exec(text);
    if (next) {
      const list = perLine.get(line + 1) ?? [];
      list.push(codes(next[1]));
      perLine.set(line + 1, list);
      continue;
    }
    const f = FILE.exec(text);
    if (f) whole.push(codes(f[1]));
  }
  return diags.filter((d) => {
    if (whole.some((w) => matches(w, d.code))) return false;
    const rules = perLine.get(d.range.start.line);
    return !rules?.some((r) => matches(r, d.code));
  });
}
