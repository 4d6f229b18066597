import type { Check } from '../check';
import { conditionReferences, patternToRegExp } from '../../sigma/condition';
import { nearest, nearestUnique } from '../../util/nearest';

export const undefinedIdentifier: Check = {
  id: 'sigma/undefined-identifier',
  defaultSeverity: 'error',
  doc: 'The condition names a search identifier that the detection does not define, or a pattern (`1 of selection_*`) that matches none: the rule cannot be converted. The quick fix renames it to the closest defined identifier.',
  kinds: ['sigma'],
  messages: {
    undefined: 'The condition names an identifier (data.name) the detection does not define; data.suggestion is the closest one, if any.',
    patternMatchesNothing: 'A pattern (data.pattern, e.g. `filter_*`) matches no search identifier.',
  },
  run(ctx) {
    for (const rule of ctx.file.sigma) {
      const det = rule.detection;
      if (!det) continue;
      const names = det.searches.map((s) => s.name);
      for (const cond of det.conditions) {
        for (const ref of conditionReferences(cond.ast)) {
          const range = ctx.file.index.range(cond.map(ref.span.start), cond.map(ref.span.end));
          if (ref.pattern) {
            const re = patternToRegExp(ref.name);
            if (!names.some((n) => re.test(n))) {
              ctx.report({
                range,
                message: `The pattern '${ref.name}' matches no search identifier (defined: ${names.join(', ') || 'none'}).`,
                messageId: 'patternMatchesNothing',
                data: { pattern: ref.name },
              });
            }
            continue;
          }
          if (names.includes(ref.name)) continue;
          const max = Math.max(2, Math.floor(ref.name.length / 3));
          const guess = nearest(ref.name, names, max);
          // The rule cannot be converted as written; one close identifier is what the author meant.
          const safe = guess !== null && nearestUnique(ref.name, names, max) === guess;
          ctx.report({
            range,
            message: `'${ref.name}' is not defined in the detection.${guess ? ` Did you mean '${guess}'?` : ''}`,
            fixes: guess ? [{ title: `Change to '${guess}'`, preferred: true, safe, edits: [{ range, newText: guess }] }] : [],
            messageId: 'undefined',
            data: guess ? { name: ref.name, suggestion: guess } : { name: ref.name },
          });
        }
      }
    }
  },
};
