import type { Check } from '../check';
import { reportDuplicate } from './duplicate-common';

export const duplicateTitle: Check = {
  id: 'sigma/duplicate-title',
  defaultSeverity: 'warning',
  doc: "Two rules of the rule set (the files of one `tripline check` run, or the editor's Check Workspace) have the same `title` (ignoring case and spacing). Alerts carry the title: an analyst cannot tell which rule fired, and SIEMs that key rules by name replace one with the other. Say in the title what makes each rule different.",
  kinds: ['sigma'],
  run(ctx) {
    for (const rule of ctx.file.sigma) {
      if (!rule.title) continue;
      reportDuplicate(
        ctx,
        'titles',
        rule.title.value,
        rule.title.range,
        (where) => `The title '${rule.title!.value}' is also the title of the rule at ${where}: alerts from these rules cannot be told apart.`,
      );
    }
  },
};
