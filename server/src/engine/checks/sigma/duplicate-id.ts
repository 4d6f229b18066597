import type { Check } from '../check';
import { reportDuplicate } from './duplicate-common';

export const duplicateId: Check = {
  id: 'sigma/duplicate-id',
  defaultSeverity: 'warning',
  doc: "Two rules of the rule set (the files of one `tripline check` run, or the editor's Check Workspace) share an `id`. Ids are how correlations, filters, `related` links, suppressions and SIEM imports find a rule: with two owners, one of them is silently replaced or the reference is ambiguous. Usually a copied rule that kept its id: give it a new UUID. A new id per rule is not a fix Tripline can choose for you.",
  kinds: ['sigma'],
  run(ctx) {
    for (const rule of ctx.file.sigma) {
      if (!rule.id) continue;
      reportDuplicate(
        ctx,
        'ids',
        rule.id.value,
        rule.id.range,
        (where) =>
          `Id '${rule.id!.value}' is also the id of the rule at ${where}: each rule needs its own id (a copied rule keeps its parent's id; give it a new UUID).`,
      );
    }
  },
};
