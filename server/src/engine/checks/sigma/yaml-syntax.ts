import type { Check } from '../check';

export const yamlSyntax: Check = {
  id: 'sigma/yaml-syntax',
  defaultSeverity: 'error',
  doc: 'The file is not valid YAML (or not text at all), so no rule in it can be read: a parse error, a value starting with `*` read as an alias, bytes that are not UTF-8, aliases that expand past any sensible size. The message gives the reason at the offending place: fix that first, every other check waits for it. A file over the size, document or nesting limits is checked up to the limit and gets a warning saying where checking stopped.',
  kinds: ['sigma', 'sentinel', 'kql', 'other'],
  run(ctx) {
    const { file } = ctx;
    // Files that are not rules are left alone, unless they cannot be read at all.
    if (file.kind === 'other' && !file.unreadable) return;
    if (file.unreadable) {
      ctx.report({ range: file.index.range(file.unreadable.offset, file.unreadable.offset), message: `Cannot check this file: ${file.unreadable.reason}.` });
      return;
    }
    if (file.truncated) {
      const line = file.index.position(file.truncated.offset).line;
      ctx.report({
        range: file.index.range(file.truncated.offset, file.truncated.offset),
        severity: 'warning',
        message: `Not checked beyond line ${line}: ${file.truncated.reason}.`,
      });
    }
    for (const [start, end] of runs(file.invalidUtf8 ?? []).slice(0, 20)) {
      ctx.report({
        range: file.index.range(start, end),
        message: 'Invalid UTF-8: these bytes cannot be read as text (each shown as U+FFFD). Save the file as UTF-8.',
      });
    }
    for (const e of file.yaml?.errors ?? []) {
      const fixes =
        e.replacement === undefined
          ? undefined
          : [{ title: `Quote the value: ${e.replacement}`, edits: [{ range: e.range, newText: e.replacement }], preferred: true, safe: true }];
      ctx.report({ range: e.range, message: `YAML: ${e.message}`, ...(fixes ? { fixes } : {}) });
    }
  },
};

/** Consecutive offsets as [start, end) runs: one finding per stretch of bad bytes. */
function runs(offsets: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const o of offsets) {
    const last = out[out.length - 1];
    if (last && last[1] === o) last[1] = o + 1;
    else out.push([o, o + 1]);
  }
  return out;
}
