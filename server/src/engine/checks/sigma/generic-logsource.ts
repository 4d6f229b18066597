import type { Fix } from '../../core/diagnostic';
import { LOGSOURCE_ENTRIES } from '../../preview/logsource';
import type { SigmaRule } from '../../sigma/model';
import type { Check } from '../check';
import { mapKeys } from './top-level';

/** Categories about Sysmon itself (its status, its errors): `service: sysmon` is the natural way to say them. */
const SELF_CATEGORIES = new Set(['sysmon_status', 'sysmon_error']);

/**
 * Sysmon EventID → the generic categories SigmaHQ maps to it, read from the same logsource table
 * the preview uses (data/preview/sigmahq-logsources.json, from SigmaHQ's tests/thor.yml).
 */
function sysmonCategories(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of LOGSOURCE_ENTRIES) {
    const ids = e.conditions?.EventID;
    if (!e.category || SELF_CATEGORIES.has(e.category) || !ids || Object.keys(e.conditions ?? {}).length !== 1) continue;
    if (!e.channels?.some((c) => c.includes('Sysmon'))) continue;
    for (const id of ids) {
      const list = out.get(id) ?? [];
      if (!list.includes(e.category)) list.push(e.category);
      out.set(id, list);
    }
  }
  return out;
}

/** The EventID values the detection names (any search, any group), as text. */
function eventIds(rule: SigmaRule): string[] {
  const out = new Set<string>();
  for (const s of rule.detection?.searches ?? [])
    for (const g of s.groups)
      for (const item of g.items) if (item.field.toLowerCase() === 'eventid' && item.modifiers.length === 0) for (const v of item.values) out.add(String(v.value));
  return [...out];
}

/** The categories that cover every EventID of the rule; null when some id has none or they disagree. */
function commonCategories(ids: string[], table: Map<string, string[]>): string[] | null {
  let common: string[] | null = null;
  for (const id of ids) {
    const cats = table.get(id);
    if (!cats) return null;
    common = common === null ? cats : common.filter((c) => cats.includes(c));
  }
  return common && common.length > 0 ? common : null;
}

export const genericLogsource: Check = {
  id: 'sigma/generic-logsource',
  defaultSeverity: 'information',
  doc: "A Windows rule written for `service: sysmon` with `EventID: 1` (or another Sysmon event that has a generic category) where SigmaHQ's generic category says the same thing: `category: process_creation`. A generic category converts for every source that records the event (Sysmon, Security 4688, EDR tables) through the backend's pipeline; the Sysmon-specific form only ever matches Sysmon. The categories come from SigmaHQ's logsource table (tests/thor.yml). The fix replaces the service with the category when there is only one.",
  kinds: ['sigma'],
  run(ctx) {
    const table = sysmonCategories();
    for (const rule of ctx.file.sigma) {
      const ls = rule.logsource;
      if (rule.type !== 'detection' || !ls?.service || ls.service.value.toLowerCase() !== 'sysmon' || ls.category) continue;
      if (ls.product && ls.product.value.toLowerCase() !== 'windows') continue;
      const ids = eventIds(rule);
      const cats = ids.length > 0 ? commonCategories(ids, table) : null;
      if (!cats) continue;
      const key = mapKeys(rule, 'logsource', ctx.file.index).find((k) => k.value === 'service');
      const fixes: Fix[] = cats.length === 1 && key ? [{ title: `Use 'category: ${cats[0]}'`, edits: [{ range: { start: key.range.start, end: ls.service.range.end }, newText: `category: ${cats[0]}` }] }] : [];
      ctx.report({
        range: ls.service.range,
        message: `Sysmon EventID ${ids.join(', ')} is the generic category ${cats.map((c) => `'${c}'`).join(' or ')}: write \`category: ${cats[0]}\` (with \`product: windows\`) SigmaHQ's generic logsource, which backend pipelines map to every source they know for it (the Sysmon form only ever means Sysmon).`,
        fixes,
      });
    }
  },
};
