import type { Check } from '../check';
import { reportDuplicate } from './duplicate-common';

export const duplicateFilename: Check = {
  id: 'sigma/duplicate-filename',
  defaultSeverity: 'information',
  doc: "Two Sigma rule files of the rule set (the files of one `tripline check` run, or the editor's Check Workspace) have the same file name in different folders (ignoring case). Rule repositories such as SigmaHQ require unique names: tools that flatten a rule set into one folder (SIEM imports, release packages) overwrite one file with the other.",
  kinds: ['sigma'],
  run(ctx) {
    if (ctx.file.sigma.length === 0) return;
    reportDuplicate(
      ctx,
      'fileNames',
      ctx.file.path,
      ctx.file.index.range(0, ctx.file.index.lineEnd(0)),
      (where) => `Another rule file has this name: ${where.replace(/:1$/, '')}. Rule sets flattened into one folder keep only one of them.`,
    );
  },
};
