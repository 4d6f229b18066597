import type { Fix } from '../../core/diagnostic';
import type { Check } from '../check';
import type { SigmaRule } from '../../sigma/model';
import { metaRuleProblems } from '../../sigma/meta-rules';

const REQUIRED: Record<SigmaRule['type'], string[]> = {
  detection: ['title', 'logsource', 'detection'],
  correlation: ['title', 'correlation'],
  filter: ['title', 'logsource', 'filter'],
};

export const missingField: Check = {
  id: 'sigma/missing-field',
  defaultSeverity: 'error',
  doc: 'A Sigma rule needs `title`, `logsource` and `detection` (with a `condition`); a correlation rule needs `title` and `correlation` (`type`, `rules`); a filter needs `title`, `logsource` and `filter` (`rules`, `condition`). Without them no backend can convert the rule.',
  kinds: ['sigma'],
  run(ctx) {
    const text = ctx.file.text;
    // Sigma v1 rule collections spread one rule over several documents; judging each document
    // alone would report fields that live in the `action: global` one. Say what the file is instead.
    const collection = ctx.file.sigma.map((r) => r.entries.get('action')).find((a) => a && ['global', 'reset', 'repeat'].includes(String(a.value)));
    if (collection) {
      ctx.report({
        range: collection.valueRange,
        message: `Rule collections (\`action: ${String(collection.value)}\` across YAML documents) were removed in Sigma v2: write each rule as one complete document (title, logsource, detection).`,
      });
      return;
    }
    for (const rule of ctx.file.sigma) {
      const eol = ctx.file.index.lineEnd(rule.range.start.line);
      for (const key of REQUIRED[rule.type]) {
        if (!rule.entries.has(key)) {
          const fixes: Fix[] =
            key === 'title' ? [{ title: 'Add a title', edits: [{ range: { start: rule.range.start, end: rule.range.start }, newText: 'title: \n' }] }] : [];
          ctx.report({
            range: { start: rule.range.start, end: ctx.file.index.position(eol) },
            message: `The rule has no \`${key}\`: a Sigma ${rule.type === 'detection' ? 'rule' : rule.type + ' rule'} requires it.`,
            fixes,
          });
        }
      }
      for (const p of metaRuleProblems(rule, ctx.file.index))
        if (p.kind === 'missing') ctx.report({ range: p.range, message: p.message, severity: p.severity });
      if (rule.type === 'detection' && rule.detection) {
        if (rule.detection.conditions.length === 0) {
          const hasKey = rule.detection.conditionKeyRange !== undefined;
          const range = rule.detection.conditionKeyRange ?? rule.detection.keyRange;
          const names = rule.detection.searches.map((s) => s.name);
          const indent = rule.detection.searches[0] ? ' '.repeat(rule.detection.searches[0].nameRange.start.character) : '    ';
          const suggestion = names.length === 1 ? names[0] : names.length > 1 ? 'all of them' : 'selection';
          const endPos = rule.detection.range.end;
          const lineEndsWithNewline = text.length > 0 && ctx.file.index.offset(endPos) > 0;
          const fixes: Fix[] = hasKey
            ? []
            : [
                {
                  title: `Add \`condition: ${suggestion}\``,
                  preferred: true,
                  edits: [
                    {
                      range: { start: endPos, end: endPos },
                      newText: `${endPos.character === 0 && lineEndsWithNewline ? '' : '\n'}${indent}condition: ${suggestion}\n`,
                    },
                  ],
                },
              ];
          ctx.report({
            range,
            message: hasKey
              ? 'The `condition` is empty: it must be a string or a list of strings.'
              : 'The detection has no `condition`: say how the search identifiers combine (e.g. `condition: selection and not filter`).',
            fixes,
          });
        }
        if (rule.detection.searches.length === 0) {
          ctx.report({ range: rule.detection.keyRange, message: 'The detection defines no search identifier (selection): there is nothing to match.' });
        }
      }
      if (rule.type === 'detection' && rule.entries.has('detection') && !rule.detection) {
        ctx.report({ range: rule.entries.get('detection')!.valueRange, message: '`detection` must be a mapping of search identifiers plus `condition`.' });
      }
    }
  },
};
