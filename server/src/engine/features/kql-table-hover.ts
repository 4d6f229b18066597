import type { KqlTable } from '../kql/schema';

/**
 * What a table is, read from its name as Microsoft names them: Defender XDR advanced-hunting
 * tables, ASIM normalized schemas, connector custom logs (`_CL`), the rest Log Analytics tables.
 */
function familyOf(name: string): string {
  if (/^(Device|Email|Identity|AADS(pn)?SignInEventsBeta$|Alert(Info|Evidence)$|CloudAppEvents$|UrlClickEvents$)/.test(name))
    return 'Microsoft Defender XDR advanced-hunting table';
  if (/^(ASim|im)[A-Z]/.test(name)) return 'ASIM normalized schema (Microsoft Sentinel)';
  if (/_CL$/.test(name)) return 'custom log table of a data connector (`_CL`)';
  return 'Log Analytics table (Microsoft Sentinel, Azure Monitor)';
}

/** Columns that hold a host, URL or address: what a domain list in this table is compared with. */
const HOST_COLUMN = /(Url|Uri$|Fqdn|HostName|DnsDomain|QueryName|^Name$|^Query$|RemoteIP$|DestinationIP$|DestinationIp$)/;
// Active Directory and account "domains", geolocation and counters are not host names.
const NOT_HOST = /(Account|User|Process|Sender|Recipient|Count|Type$|Nt|Longitude|Latitude)/;
const SHOWN_COLUMNS = 6;

/** The hover text of a table name: what it is, its size, its time column, its host columns, where the schema comes from. */
export function tableHoverMarkdown(t: KqlTable): string {
  // Defender tables carry both; Timestamp is the one their queries filter on.
  const time = t.columns.find((c) => c.name === 'Timestamp') ?? t.columns.find((c) => c.name === 'TimeGenerated');
  const hosts = t.columns.filter((c) => HOST_COLUMN.test(c.name) && !NOT_HOST.test(c.name));
  const shown = hosts
    .slice(0, SHOWN_COLUMNS)
    .map((c) => `\`${c.name}\``)
    .join(', ');
  const more = hosts.length > SHOWN_COLUMNS ? `, … (${hosts.length - SHOWN_COLUMNS} more)` : '';
  return [
    `**${t.name}** (table, ${t.columns.length} columns)`,
    familyOf(t.name) + (time ? `; time column \`${time.name}\`` : '') + '.',
    shown ? `Host and URL columns: ${shown}${more}` : '',
    `Schema from ${t.source}.`,
  ]
    .filter(Boolean)
    .join('\n\n');
}
