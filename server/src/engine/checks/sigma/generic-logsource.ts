import type { Fix } from '../../core/diagnostic';
import { LOGSOURCE_ENTRIES } from '../../preview/logsource';
import type { SigmaRule } from '../../sigma/model';
import type { Check } from '../check';
import { mapKeys } from './top-level';

/** Categories about Sysmon itself (its status, its errors): `service: sysmon` is the natural way to say them. */
const SELF_CATEGORIES = new Set(['sysmon_status', 'sysmon_error']);

/**
 * The Windows services whose events SigmaHQ also files under generic categories, by the channel
 * they log to. Windows Defender is left out on purpose: `antivirus` is a category for every AV
 * product, not a rename of `service: windefend`.
 */
const SERVICE_CHANNELS: Record<string, string> = {
  sysmon: 'Microsoft-Windows-Sysmon/Operational',
  security: 'Security',
  powershell: 'Microsoft-Windows-PowerShell/Operational',
};

/**
 * EventID → the generic categories SigmaHQ maps to it for one service, read from the same
 * logsource table the preview uses (data/preview/sigmahq-logsources.json, from SigmaHQ's tests/thor.yml).
 */
function serviceCategories(service: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const channel = SERVICE_CHANNELS[service];
  for (const e of LOGSOURCE_ENTRIES) {
    const ids = e.conditions?.EventID;
    if (!e.category || SELF_CATEGORIES.has(e.category) || !ids || Object.keys(e.conditions ?? {}).length !== 1) continue;
    if (!channel || !e.channels?.includes(channel)) continue;
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
      for (const item of g.items)
        if (item.field.toLowerCase() === 'eventid' && item.modifiers.length === 0) for (const v of item.values) out.add(String(v.value));
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
  doc: "A Windows rule written for a specific log — `service: sysmon` with `EventID: 1`, `service: security` with `EventID: 4688`, `service: powershell` with `EventID: 4104` — where SigmaHQ's generic category says the same thing (`category: process_creation`, `ps_script`). A generic category converts for every source that records the event (Sysmon, Security 4688, EDR tables) through the backend's pipeline; the specific form only ever matches that one log. The categories come from SigmaHQ's logsource table (tests/thor.yml); Sysmon's own status and error events are left alone. The fix replaces the service with the category when there is only one.",
  kinds: ['sigma'],
  run(ctx) {
    for (const rule of ctx.file.sigma) {
      const ls = rule.logsource;
      const service = ls?.service?.value.toLowerCase() ?? '';
      if (rule.type !== 'detection' || !ls?.service || !SERVICE_CHANNELS[service] || ls.category) continue;
      if (ls.product && ls.product.value.toLowerCase() !== 'windows') continue;
      const ids = eventIds(rule);
      const cats = ids.length > 0 ? commonCategories(ids, serviceCategories(service)) : null;
      if (!cats) continue;
      const key = mapKeys(rule, 'logsource', ctx.file.index).find((k) => k.value === 'service');
      const fixes: Fix[] =
        cats.length === 1 && key
          ? [
              {
                title: `Use 'category: ${cats[0]}'`,
                edits: [{ range: { start: key.range.start, end: ls.service.range.end }, newText: `category: ${cats[0]}` }],
              },
            ]
          : [];
      ctx.report({
        range: ls.service.range,
        message: `${service === 'sysmon' ? 'Sysmon' : service === 'security' ? 'Security' : 'PowerShell'} EventID ${ids.join(', ')} is the generic category ${cats.map((c) => `'${c}'`).join(' or ')}: write \`category: ${cats[0]}\` (with \`product: windows\`): backend pipelines map SigmaHQ's generic logsources to every source they know for them, while the \`service\` form only ever means that one log.`,
        fixes,
      });
    }
  },
};
