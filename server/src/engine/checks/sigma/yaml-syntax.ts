import type { Check } from '../check';

export const yamlSyntax: Check = {
  id: 'sigma/yaml-syntax',
  defaultSeverity: 'error',
  doc: 'The file is not valid YAML (or not text at all), so no rule in it can be read. The message gives the parser\'s reason at the offending place: fix that first, every other check waits for it.',
  kinds: ['sigma', 'sentinel', 'kql', 'other'],
  run(ctx) {
    const { file } = ctx;
    // Files that are not rules are left alone, unless they cannot be read at all.
    if (file.kind === 'other' && !file.unreadable) return;
    if (file.unreadable) {
      ctx.report({ range: file.index.range(0, 0), message: `Cannot check this file: ${file.unreadable.reason}.` });
      return;
    }
    for (const e of file.yaml?.errors ?? []) {
      ctx.report({ range: e.range, message: `YAML: ${e.message}` });
    }
  },
};
