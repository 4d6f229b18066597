import type { Fix } from '../../core/diagnostic';
import type { Check, CheckContext } from '../check';
import type { SigmaRule, TopEntry } from '../../sigma/model';
import { nearest, nearestUnique } from '../../util/nearest';
import { metaRuleProblems } from '../../sigma/meta-rules';

const STATUS = ['stable', 'test', 'experimental', 'deprecated', 'unsupported'];
const LEVEL = ['informational', 'low', 'medium', 'high', 'critical'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const OLD_DATE = /^\d{4}\/\d{2}\/\d{2}$/;
const LIST_FIELDS = ['references', 'falsepositives', 'fields', 'tags', 'related'];
const STRING_FIELDS = ['title', 'id', 'name', 'status', 'description', 'author', 'license', 'level'];

/** True for a value written as nothing (`id:`), `null`/`~`, or an empty or blank string. */
function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

function enumCheck(ctx: CheckContext, entry: TopEntry, allowed: string[], what: string): void {
  if (isEmpty(entry.value)) {
    ctx.report({ range: entry.valueRange, message: `\`${entry.key}\` is empty: use one of ${allowed.join(', ')}, or remove the field.` });
    return;
  }
  if (typeof entry.value !== 'string') {
    ctx.report({ range: entry.valueRange, message: `\`${entry.key}\` must be one of ${allowed.join(', ')}.` });
    return;
  }
  if (allowed.includes(entry.value)) return;
  const lower = entry.value.toLowerCase();
  const guess = allowed.includes(lower) ? lower : nearest(lower, allowed, 3);
  const safe = guess !== null && (guess === lower || nearestUnique(lower, allowed, 2) === guess);
  const fixes: Fix[] = guess ? [{ title: `Change to '${guess}'`, preferred: true, safe, edits: [{ range: entry.valueRange, newText: guess }] }] : [];
  ctx.report({
    range: entry.valueRange,
    message: `'${entry.value}' is not a valid ${what}: use one of ${allowed.join(', ')}.${guess ? ` Did you mean '${guess}'?` : ''}`,
    fixes,
  });
}

function validDate(s: string): boolean {
  const [y, m, d] = s.split(/[-/]/).map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

function checkDate(ctx: CheckContext, entry: TopEntry): void {
  const v = entry.value;
  if (isEmpty(v)) {
    ctx.report({ range: entry.valueRange, message: `\`${entry.key}\` is empty: write a date as YYYY-MM-DD, or remove the field.` });
    return;
  }
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
      fixes: [
        { title: `Change to ${v.replace(/\//g, '-')}`, preferred: true, safe: true, edits: [{ range: entry.valueRange, newText: v.replace(/\//g, '-') }] },
      ],
    });
    return;
  }
  ctx.report({ range: entry.valueRange, message: `'${v}' is not a valid date: write YYYY-MM-DD.` });
}

/**
 * The specification recommends a UUID (version 4) for `id` but does not require one, and whole
 * public collections use their own id schemes: a warning, not an error. An empty `id:` is named as
 * empty, not as the string 'null'.
 */
function checkId(ctx: CheckContext, id: TopEntry): void {
  if (isEmpty(id.value)) {
    ctx.report({
      range: id.valueRange,
      severity: 'warning',
      message: '`id` is empty: give the rule a unique id (a UUID is recommended, e.g. 929a690e-bef0-4204-a928-ef5e620d6fcc), or remove the field.',
    });
    return;
  }
  if (typeof id.value === 'string' && UUID.test(id.value)) return;
  // A list or mapping is already reported as not a string.
  if (typeof id.value === 'object') return;
  ctx.report({
    range: id.valueRange,
    severity: 'warning',
    message: `The Sigma specification recommends a UUID as the rule id (e.g. 929a690e-bef0-4204-a928-ef5e620d6fcc); '${String(id.value)}' is not one, so tools that link rules by id may not find it.`,
  });
}

/**
 * A document with a `correlation:` (or `filter:`) key and a title is read as a correlation (or
 * filter) rule, whose body must be a mapping. Sigma v1 rules used `correlation:` as free text:
 * say how the file was read, so the message makes sense to their authors.
 */
function bodyNotMapping(rule: SigmaRule): string | null {
  const body = rule.body;
  if (rule.type === 'detection' || !body) return null;
  if (body.value !== null && typeof body.value === 'object' && !Array.isArray(body.value)) return null;
  const found = isEmpty(body.value)
    ? 'it is empty'
    : Array.isArray(body.value)
      ? 'it is a list'
      : `it is ${typeof body.value === 'string' ? 'text' : `a ${typeof body.value}`}`;
  const parts = rule.type === 'correlation' ? 'type, rules, timespan' : 'rules, condition';
  const v1 =
    rule.type === 'correlation' && typeof body.value === 'string'
      ? ' Sigma v1 rules used `correlation` as free text; in Sigma v2 it defines a correlation rule, so rename or remove the field if this is a detection rule.'
      : '';
  return `This document is read as a Sigma ${rule.type} rule (it has a \`${body.key}\` key), whose \`${body.key}\` must be a mapping (${parts}); ${found}.${v1}`;
}

function checkRule(ctx: CheckContext, rule: SigmaRule): void {
  const e = rule.entries;
  const notMapping = bodyNotMapping(rule);
  if (notMapping) {
    // A rule that also has a detection is a working v1 detection rule with an outdated field: advice, not an error.
    const severity = e.has('detection') && e.has('logsource') ? 'warning' : undefined;
    ctx.report({ range: rule.body!.valueRange, message: notMapping, ...(severity ? { severity } : {}) });
  } else {
    for (const p of metaRuleProblems(rule, ctx.file.index)) if (p.kind === 'invalid') ctx.report({ range: p.range, message: p.message, severity: p.severity });
  }
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
  if (id) checkId(ctx, id);
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
    if (tag.value.trim() === '') {
      ctx.report({ range: tag.range, message: 'An empty tag: tags are namespace.name (attack.t1102, attack.command-and-control).' });
    } else if (/\s/.test(tag.value)) {
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
        ctx.report({
          range: ls.keyRange,
          message: '`logsource` names no product, category or service: the rule would apply to every log.',
          severity: 'warning',
        });
      }
      for (const p of parts) {
        if (!p) continue;
        if (p.value.trim() === '') ctx.report({ range: p.range, message: 'Empty logsource value.' });
        else if (p.value !== p.value.toLowerCase()) {
          const fixes: Fix[] = [
            { title: `Change to '${p.value.toLowerCase()}'`, preferred: true, safe: true, edits: [{ range: p.range, newText: p.value.toLowerCase() }] },
          ];
          ctx.report({
            range: p.range,
            severity: 'warning',
            message: `Logsource values are lower case in the Sigma taxonomy ('${p.value.toLowerCase()}'); backends match them exactly.`,
            fixes,
          });
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
            if (v.nested)
              ctx.report({ range: v.range, message: `A value of '${item.key}' is a nested map or list; Sigma values are strings, numbers, booleans or null.` });
          }
        }
      }
    }
  }
}

export const invalidValue: Check = {
  id: 'sigma/invalid-value',
  defaultSeverity: 'error',
  doc: 'A field has the wrong type or a value the Sigma specification does not allow: `status` (stable, test, experimental, deprecated, unsupported), `level` (informational … critical), `id` (a UUID is recommended: a warning otherwise), `date`/`modified` (YYYY-MM-DD), list fields (tags, references, falsepositives), tags with spaces, logsource values (lower case, not empty).',
  kinds: ['sigma'],
  run(ctx) {
    for (const rule of ctx.file.sigma) checkRule(ctx, rule);
  },
};
