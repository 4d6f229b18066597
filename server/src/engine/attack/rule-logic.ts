import type { SourceFile } from '../document/source';
import type { SigmaRule } from '../sigma/model';

/** What a rule's detection logic looks at, enough to tell which operational technique it observes. */
export interface RuleLogic {
  /** String values of the detection (Sigma) or string literals of the query (Sentinel), lower case. */
  values: string[];
  /** Field names the detection tests (Sigma), lower case. */
  fields: string[];
  /** Host names found in those values (`*.dropboxapi.com` → dropboxapi.com, URLs reduced to their host). */
  hostnames: string[];
  /** Sigma logsource, lower case. */
  product?: string;
  category?: string;
  service?: string;
  /** The whole query text for Sentinel rules, lower case. */
  query?: string;
}

const HOST = /(?:^|[^a-z0-9_-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62})(?=$|[^a-z0-9_-])/g;
const NOT_TLD = new Set([
  'exe',
  'dll',
  'ps1',
  'bat',
  'cmd',
  'vbs',
  'js',
  'sys',
  'tmp',
  'log',
  'txt',
  'zip',
  'lnk',
  'hta',
  'msi',
  'py',
  'sh',
  'json',
  'xml',
  'yml',
  'yaml',
  'config',
  'ini',
  'dat',
  'db',
  'jar',
]);

/** Host-like tokens in a value: `https://api.telegram.org/bot` → api.telegram.org. File names are not hosts. */
function hostsIn(value: string): string[] {
  const out: string[] = [];
  const v = value.toLowerCase().replace(/\\/g, '/');
  for (const m of v.matchAll(HOST)) {
    const host = m[1].replace(/^\.+/, '');
    const tld = host.slice(host.lastIndexOf('.') + 1);
    if (NOT_TLD.has(tld)) continue;
    out.push(host);
  }
  return out;
}

function sigmaValues(rule: SigmaRule): { values: string[]; fields: string[] } {
  const values: string[] = [];
  const fields: string[] = [];
  for (const s of rule.detection?.searches ?? []) {
    for (const g of s.groups) {
      for (const item of g.items) {
        if (item.field) fields.push(item.field.toLowerCase());
        for (const v of item.values) if (typeof v.value === 'string') values.push(v.value.toLowerCase());
      }
    }
    for (const k of s.keywords) if (typeof k.value === 'string') values.push(k.value.toLowerCase());
  }
  return { values, fields };
}

function kqlLiterals(query: string): string[] {
  const out: string[] = [];
  for (const m of query.matchAll(/@?"((?:[^"\\\n]|\\.)*)"|@?'((?:[^'\\\n]|\\.)*)'/g)) out.push((m[1] ?? m[2] ?? '').toLowerCase());
  return out;
}

export function ruleLogic(file: SourceFile, rule: SigmaRule | undefined, query?: string): RuleLogic {
  void file;
  if (rule) {
    const { values, fields } = sigmaValues(rule);
    return {
      values,
      fields,
      hostnames: [...new Set(values.flatMap(hostsIn))],
      product: rule.logsource?.product?.value.toLowerCase(),
      category: rule.logsource?.category?.value.toLowerCase(),
      service: rule.logsource?.service?.value.toLowerCase(),
    };
  }
  const q = query ?? '';
  const values = kqlLiterals(q);
  return { values, fields: [], hostnames: [...new Set(values.flatMap(hostsIn))], query: q.toLowerCase() };
}
