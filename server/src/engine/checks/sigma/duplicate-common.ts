import type { Range } from '../../core/position';
import type { RuleSetKey, RuleSetPlace } from '../../workspace/rule-set';
import { otherPlaces } from '../../workspace/rule-set';
import type { CheckContext } from '../check';

/** Where else a declaration appears, for a message: the first place and how many more. */
function describePlaces(places: RuleSetPlace[], selfPath: string): string {
  const name = (p: RuleSetPlace): string => (p.path === selfPath ? `line ${p.line + 1} of this file` : `${p.path}:${p.line + 1}`);
  const first = name(places[0]);
  return places.length === 1 ? first : `${first} and ${places.length - 1} other place${places.length > 2 ? 's' : ''}`;
}

/**
 * Reports `value` at `range` when the run's rule set declares it elsewhere too. Where one side is
 * retired (deprecated or unsupported: a rule kept for history, such as a rewrite's predecessor),
 * the clash is information: nothing deploys both.
 */
export function reportDuplicate(ctx: CheckContext, kind: RuleSetKey, value: string, range: Range, message: (where: string) => string): void {
  if (!ctx.ruleSet) return;
  const others = otherPlaces(ctx.ruleSet, kind, value, { path: ctx.file.path, line: range.start.line });
  if (others.length === 0) return;
  const selfRetired = ctx.file.sigma.some((r) => /^(deprecated|unsupported)$/.test(String(r.entries.get('status')?.value ?? '')));
  const retired = selfRetired || others.every((p) => p.retired);
  const note = retired
    ? ` (${selfRetired ? 'this rule is' : others.length === 1 ? 'that rule is' : 'those rules are'} deprecated or unsupported, so this is only a note)`
    : '';
  ctx.report({ range, message: message(describePlaces(others, ctx.file.path)) + note, ...(retired ? { severity: 'information' as const } : {}) });
}
