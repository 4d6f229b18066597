import type { FieldKind } from './entry';

/**
 * Field names by meaning, across the schemas rules are written against: Sigma's taxonomy
 * (Sysmon-style `DestinationHostname`, `QueryName`; proxy W3C `cs-host`, `c-uri`; Zeek `query`,
 * `host`, `uri`), ECS (`dns.question.name`, `url.domain`) and Defender XDR (`RemoteUrl`). Lower-case
 * keys: Sigma field names are matched case-insensitively by most backends.
 */
const HOST_FIELDS = new Set(
  [
    'DestinationHostname',
    'DestinationHost',
    'QueryName',
    'cs-host',
    'r-dns',
    'dns.question.name',
    'dns.question.registered_domain',
    'url.domain',
    'url.registered_domain',
    'destination.domain',
    'destination.registered_domain',
    'server.domain',
    'tls.client.server_name',
    'ServerName',
    'server_name',
    'DnsQuery',
    'RemoteDnsCanonicalName',
    'HttpHost',
  ].map((f) => f.toLowerCase()),
);

const URL_FIELDS = new Set(
  [
    'c-uri',
    'cs-uri',
    'url',
    'RemoteUrl',
    'RemoteName',
    'cs-referer',
    'url.full',
    'url.original',
    'request_url',
    'uri',
    'FileOriginUrl',
    'Url',
    'TargetUrl',
    'http.request.referrer',
    'PackageSourceUri',
    'Referrer',
  ].map((f) => f.toLowerCase()),
);

/** Fields that hold a host only in some log sources: Zeek's `query` (DNS) and `host` (HTTP). */
const CONTEXT_HOST_FIELDS = new Set(['query', 'host']);

/**
 * Fields that identify the process or application behind an event, or the kind of request: a domain
 * list ANDed with one of these is scoped to that software or request, so a broad entry costs far
 * fewer false positives.
 */
const NARROWING_FIELDS = new Set(
  [
    'Image',
    'ParentImage',
    'OriginalFileName',
    'CommandLine',
    'ParentCommandLine',
    'Product',
    'Company',
    'Description',
    'Hashes',
    'Imphash',
    'ProcessName',
    'NewProcessName',
    'ParentProcessName',
    'Application',
    'app',
    'SourceImage',
    'InitiatingProcessFileName',
    'InitiatingProcessFolderPath',
    'InitiatingProcessCommandLine',
    'InitiatingProcessVersionInfoProductName',
    'process.name',
    'process.executable',
    'process.command_line',
    'process.parent.name',
    'c-useragent',
    'cs-user-agent',
    'User-Agent',
    'useragent',
    'user_agent',
    'user_agent.original',
    // Mail: a URL list ANDed with a sender or subject condition is scoped to one campaign.
    'Subject',
    'SenderDisplayName',
    'SenderFromAddress',
    'SenderMailFromAddress',
    'SenderFromDomain',
    'SenderIPv4',
    // A URL path, query or file extension ANDed with a host list scopes it to one kind of request.
    'c-uri',
    'c-uri-stem',
    'c-uri-query',
    'c-uri-extension',
    'cs-uri',
    'cs-uri-stem',
    'cs-uri-query',
    'url.path',
    'url.query',
    'url.extension',
  ].map((f) => f.toLowerCase()),
);

/**
 * What a field holds. `dnsLike`: the rule's log source is DNS or HTTP (Zeek, DNS server logs), where
 * `query`, `host` and `answers` hold host names.
 */
export function fieldKindOf(field: string, dnsLike: boolean): FieldKind {
  const f = field.toLowerCase();
  if (HOST_FIELDS.has(f)) return 'host';
  if (URL_FIELDS.has(f)) return 'url';
  if (dnsLike && CONTEXT_HOST_FIELDS.has(f)) return 'host';
  return 'text';
}

export function isNarrowingField(field: string): boolean {
  return NARROWING_FIELDS.has(field.toLowerCase());
}
