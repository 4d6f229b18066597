import { SIGMA_MODIFIERS } from '../sigma/modifiers';
import type { CompletionEntry, CompletionProvider } from './types';

const TOP_KEYS: Record<string, string> = {
  title: 'A short, unique title (max 256 characters).',
  id: 'A UUID identifying the rule.',
  related: 'Related rules (id + type: derived, obsolete, merged, renamed, similar).',
  name: 'A unique name, used by correlation rules to refer to this rule.',
  status: 'stable, test, experimental, deprecated, unsupported.',
  description: 'What the rule detects and why.',
  references: 'Links to sources (list).',
  author: 'Who wrote the rule.',
  date: 'Creation date, YYYY-MM-DD.',
  modified: 'Last modification date, YYYY-MM-DD.',
  tags: 'ATT&CK and other tags: attack.t1102.002, attack.command-and-control, cve.2024-1234...',
  logsource: 'Where the events come from: product, category, service.',
  detection: 'Search identifiers and the condition.',
  fields: 'Fields worth showing to an analyst.',
  falsepositives: 'Known false positives (list).',
  level: 'informational, low, medium, high, critical.',
  license: 'Licence of the rule.',
  scope: 'Where the rule applies.',
  taxonomy: 'Field-name taxonomy (default sigma).',
};

const ENUMS: Record<string, string[]> = {
  status: ['stable', 'test', 'experimental', 'deprecated', 'unsupported'],
  level: ['informational', 'low', 'medium', 'high', 'critical'],
  product: ['windows', 'linux', 'macos', 'android', 'ios', 'azure', 'aws', 'gcp', 'm365', 'okta', 'zeek', 'cisco', 'fortios', 'paloalto'],
  category: [
    'process_creation',
    'network_connection',
    'dns_query',
    'dns',
    'proxy',
    'firewall',
    'file_event',
    'image_load',
    'registry_set',
    'create_remote_thread',
    'pipe_created',
    'ps_script',
    'webserver',
  ],
  service: ['security', 'system', 'sysmon', 'powershell', 'application', 'dns', 'http', 'conn', 'ssl', 'auditd', 'syslog'],
};

/** Modifiers after `|` in a detection key, top-level keys at column 0, enum values after `status:`/`level:`/logsource keys. */
export const sigmaCompletion: CompletionProvider = ({ file, pos, linePrefix }) => {
  if (file.kind !== 'sigma' && !/^\s*(title|detection|logsource)\s*:/m.test(file.text)) return null;
  const pipe = /^\s*-?\s*[^:#\s]*\|([A-Za-z0-9|]*)$/.exec(linePrefix);
  if (pipe && !linePrefix.trimStart().startsWith('#')) {
    const typed = pipe[1].split('|').pop() ?? '';
    const start = { line: pos.line, character: pos.character - typed.length };
    return Object.entries(SIGMA_MODIFIERS).map(([name, doc]): CompletionEntry => ({
      label: name,
      kind: 'modifier',
      detail: 'Sigma modifier',
      documentation: doc,
      range: { start, end: pos },
    }));
  }
  const value = /^(\s*)([A-Za-z_]+):\s*([A-Za-z_]*)$/.exec(linePrefix);
  if (value && ENUMS[value[2]]) {
    const typed = value[3];
    const start = { line: pos.line, character: pos.character - typed.length };
    return ENUMS[value[2]].map((v) => ({ label: v, kind: 'value', detail: value[2], range: { start, end: pos } }));
  }
  const key = /^([A-Za-z_]*)$/.exec(linePrefix);
  if (key) {
    const start = { line: pos.line, character: 0 };
    const present = new Set(file.sigma[0]?.entries.keys() ?? []);
    return Object.entries(TOP_KEYS)
      .filter(([k]) => !present.has(k) || k === key[1])
      .map(([k, doc]) => ({ label: k, kind: 'key', documentation: doc, insertText: `${k}: `, range: { start, end: pos } }));
  }
  return null;
};
