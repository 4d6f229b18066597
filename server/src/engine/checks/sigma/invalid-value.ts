import type { Fix } from '../../core/diagnostic';
import type { Check, CheckContext } from '../check';
import type { SigmaRule, TopEntry } from '../../sigma/model';
import { nearest } from '../../util/nearest';
import { metaRuleProblems } from '../../sigma/meta-rules';

const STATUS = ['stable', 'test', 'experimental', 'deprecated', 'unsupported'];
const LEVEL = ['informational', 'low', 'medium', 'high', 'critical'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const OLD_DATE = /^\d{4}\/\d{2}\/\d{2}$/;
const LIST_FIELDS = ['references', 'falsepositives', 'fields', 'tags', 'related'];
const STRING_FIELDS = ['title', 'id', 'name', 'status', 'description', 'author', 'license', 'level'];

function enumCheck(ctx: CheckContext, entry: TopEntry, allowed: string[], what: string): void {
  if (typeof entry.value !== 'string') {
    ctx.report({ range: entry.valueRange, message: `\`${entry.key}\` must be one of ${allowed.join(', ')}.` });
    return;
  }
  if (allowed.includes(entry.value)) return;
  const lower = entry.value.toLowerCase();
  const guess = allowed.includes(lower) ? lower : nearest(lower, allowed, 3);
  const fixes: Fix[] = guess ? [{ title: `Change to '${guess}'`, preferred: true, edits: [{ range: entry.valueRange, newText: guess }] }] : [];
  ctx.report({ range: entry.valueRange, message: `'${entry.value}' is not a valid ${what}: use one of ${allowed.join(', ')}.${guess ? ` Did you mean '${guess}'?` : ''}`, fixes });
}

function validDate(s: string): boolean {
  const [y, m, d] = s.split(/[-/]/).map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

function checkDate(ctx: CheckContext, entry: TopEntry): void {
  const v = entry.value;
  if (typeof v !== 'string') {
    ctx.report({ range: entry.valueRange, message: `\`${entry.key}\` must be a date written YYYY-MM-DD.` });
    return;
  }
  if (DATE.test(v) && validDate(v)) return;
  if (OLD_DATE.test(v) && validDate(v)) {
    ctx.report({
      range: entry.valueRange,
      severity: 'warning',
      message: `\`${entry.key}\` uses the old YYYY/MM/DD form; Sigma v2 dates are ISO 8601 (YYYY-MM-DD).`,
      fixes: [{ title: `Change to ${v.replace(/\//g, '-')}`, preferred: true, edits: [{ range: entry.valueRange, newText: v.replace(/\//g, '-') }] }],
    });
    return;
  }
  ctx.report({ range: entry.valueRange, message: `'${v}' is not a valid date: write YYYY-MM-DD.` });
}

function checkRule(ctx: CheckContext, rule: SigmaRule): void {
  const e = rule.entries;
  for (const p of metaRuleProblems(rule, ctx.file.index)) if (p.kind === 'invalid') ctx.report({ range: p.range, message: p.message, severity: p.severity });
  for (const key of STRING_FIELDS) {
    const entry = e.get(key);
    if (entry && entry.value !== null && typeof entry.value !== 'string' && typeof entry.value !== 'number') {
      ctx.report({ range: entry.valueRange, message: `\`${key}\` must be a string.` });
    }
  }
  for (const key of LIST_FIELDS) {
    const entry = e.get(key);
    if (entry && entry.value !== null && !Array.isArray(entry.value)) {
      ctx.report({ range: entry.valueRange, message: `\`${key}\` must be a list.`, severity: key === 'tags' || key === 'related' ? 'error' : 'warning' });
    }
  }
  const status = e.get('status');
  if (status) enumCheck(ctx, status, STATUS, 'status');
  const level = e.get('level');
  if (level) enumCheck(ctx, level, LEVEL, 'level');
  const id = e.get('id');
  if (id && (typeof id.value !== 'string' || !UUID.test(id.value))) {
    ctx.report({ range: id.valueRange, message: `The rule id must be a UUID (e.g. 929a690e-bef0-4204-a928-ef5e620d6fcc); '${String(id.value)}' is not.` });
  }
  for (const key of ['date', 'modified']) {
    const entry = e.get(key);
    if (entry) checkDate(ctx, entry);
  }
  const title = e.get('title');
  if (title && typeof title.value === 'string' && title.value.trim() === '') {
    ctx.report({ range: title.valueRange, message: 'The title is empty.' });
  } else if (title && typeof title.value === 'string' && title.value.length > 256) {
    ctx.report({ range: title.valueRange, message: `The title is ${title.value.length} characters; Sigma allows at most 256.`, severity: 'warning' });
  }
  for (const tag of rule.tags) {
    if (/\s/.test(tag.value) || tag.value === '') {
      ctx.report({ range: tag.range, message: `Tags are namespace.name without spaces; '${tag.value}' is not.` });
    }
  }
  const ls = e.get('logsource');
  if (ls && rule.type !== 'correlation') {
    if (ls.value === null || typeof ls.value !== 'object' || Array.isArray(ls.value)) {
      ctx.report({ range: ls.valueRange, message: '`logsource` must be a mapping with product, category and/or service.' });
    } else if (rule.logsource) {
      const l = rule.logsource;
      const parts = [l.product, l.category, l.service].filter((x) => x !== undefined);
      if (parts.length === 0) {
        ctx.report({ range: ls.keyRange, message: '`logsource` names no product, category or service: the rule would apply to every log.', severity: 'warning' });
      }
      for (const p of parts) {
        if (!p) continue;
        if (p.value.trim() === '') ctx.report({ range: p.range, message: 'Empty logsource value.' });
        else if (p.value !== p.value.toLowerCase()) {
          const fixes: Fix[] = [{ title: `Change to '${p.value.toLowerCase()}'`, preferred: true, edits: [{ range: p.range, newText: p.value.toLowerCase() }] }];
          ctx.report({ range: p.range, severity: 'warning', message: `Logsource values are lower case in the Sigma taxonomy ('${p.value.toLowerCase()}'); backends match them exactly.`, fixes });
        }
      }
    }
  }
  if (rule.detection) {
    for (const s of rule.detection.searches) {
      if (s.shape === 'invalid') {
        ctx.report({ range: s.range, message: `Search identifier '${s.name}' must be a map of fields, a list of maps, or a list of keywords.` });
      }
      for (const g of s.groups) {
        for (const item of g.items) {
          for (const v of item.values) {
            if (v.nested) ctx.report({ range: v.range, message: `A value of '${item.key}' is a nested map or list; Sigma values are strings, numbers, booleans or null.` });
          }
        }
      }
    }
  }
}

export const invalidValue: Check = {
  id: 'sigma/invalid-value',
  defaultSeverity: 'error',
  doc: 'A field has the wrong type or a value the Sigma specification does not allow: `status` (stable, test, experimental, deprecated, unsupported), `level` (informational … critical), `id` (a UUID), `date`/`modified` (YYYY-MM-DD), list fields (tags, references, falsepositives), tags with spaces, logsource values (lower case, not empty).',
  kinds: ['sigma'],
  run(ctx) {
    for (const rule of ctx.file.sigma) checkRule(ctx, rule);
  },
};
