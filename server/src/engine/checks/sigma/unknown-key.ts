import type { Fix } from '../../core/diagnostic';
import type { Check } from '../check';
import { nearest, nearestUnique } from '../../util/nearest';

/** Top-level keys of the Sigma specification (rules, correlations, filters), plus SigmaHQ's own. */
const KNOWN = [
  'title',
  'id',
  'related',
  'name',
  'taxonomy',
  'status',
  'description',
  'license',
  'author',
  'references',
  'date',
  'modified',
  'logsource',
  'detection',
  'fields',
  'falsepositives',
  'level',
  'tags',
  'scope',
  'correlation',
  'filter',
  'generate',
  'regression_tests_path',
  'simulation',
  // v1 collections: reported by sigma/missing-field.
  'action',
];

function guess(key: string): string | null {
  const lower = key.toLowerCase();
  if (KNOWN.includes(lower)) return lower;
  if (KNOWN.includes(lower + 's')) return lower + 's';
  return nearest(lower, KNOWN, lower.length >= 6 ? 2 : 1);
}

export const unknownKey: Check = {
  id: 'sigma/unknown-key',
  defaultSeverity: 'warning',
  doc: 'A top-level key that the Sigma specification does not define. A misspelt key (`reference`, `realted`, `descirption`, `Title`) is a warning: tools ignore it and the field it was meant to be is missing. The fix renames it to the closest key. Any other key is information: Sigma tolerates custom attributes, but they are easy to mistake for typos.',
  kinds: ['sigma'],
  run(ctx) {
    for (const rule of ctx.file.sigma) {
      for (const entry of rule.entries.values()) {
        if (KNOWN.includes(entry.key)) continue;
        const near = guess(entry.key);
        if (near && rule.entries.has(near)) {
          ctx.report({ range: entry.keyRange, message: `'${entry.key}' is not a Sigma field, and looks like '${near}', which the rule also has.` });
          continue;
        }
        const lower = entry.key.toLowerCase();
        // Case, plural, or a long key one typo away from a single field: obviously meant.
        const safe = near !== null && (near === lower || near === lower + 's' || (lower.length >= 6 && nearestUnique(lower, KNOWN, 2) === near));
        const fixes: Fix[] = near ? [{ title: `Rename to '${near}'`, preferred: true, safe, edits: [{ range: entry.keyRange, newText: near }] }] : [];
        ctx.report({
          range: entry.keyRange,
          ...(near ? {} : { severity: 'information' as const }),
          message: near
            ? `'${entry.key}' is not a Sigma field: did you mean '${near}'?`
            : `'${entry.key}' is not a Sigma field; tools keep it as a custom attribute at most.`,
          fixes,
        });
      }
    }
  },
};
