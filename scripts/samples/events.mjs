// Event builders: one function per telemetry source, producing records with the field names the
// real exporters use (flat Sysmon as nxlog/Winlogbeat-style exporters write it, W3C/Squid-style proxy
// fields as in Sigma's proxy taxonomy, Sigma's dns taxonomy, Defender XDR DeviceNetworkEvents
// columns, and an MDM/mobile-threat-defence style app network log for Android and iOS).
import { getDomain } from 'tldts';
import { hash32 } from './prng.mjs';
import { ADDRESS_BLOCKS } from './world.mjs';

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** Sysmon's UtcTime: "2025-03-10 08:13:22.345". */
export function sysmonTime(t) {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

export const isoTime = (t) => new Date(t).toISOString();

/** A stable public address for a host name. */
export function addressOf(host) {
  if (!host || host === '-') return `149.154.167.${50 + (hash32('tg') % 150)}`;
  const h = hash32(host);
  const labels = host.split('.');
  for (const [key, blocks] of ADDRESS_BLOCKS) {
    if (labels.includes(key)) return `${blocks[h % blocks.length]}.${(h >>> 8) % 256}.${1 + ((h >>> 16) % 254)}`;
  }
  const firsts = [34, 35, 52, 54, 151, 185, 199, 23, 104];
  return `${firsts[h % firsts.length]}.${(h >>> 6) % 256}.${(h >>> 14) % 256}.${1 + ((h >>> 22) % 254)}`;
}

export function parentDomain(host) {
  return getDomain(host) ?? host;
}

export function createBuilders(rng) {
  // One process instance per (machine, image) so ProcessGuid/ProcessId stay consistent across events.
  const procIds = new Map();
  const identity = (machine, image) => {
    const key = `${machine.name}|${image.toLowerCase()}`;
    let id = procIds.get(key);
    if (!id) {
      id = { guid: `{${rng.guid().replace(/^(.{8})/, 'A1C2B3D4')}}`, pid: 4 * rng.int(100, 4000) };
      procIds.set(key, id);
    }
    return id;
  };
  const hashes = new Map();
  const hashOf = (image) => {
    const key = image.toLowerCase();
    if (!hashes.has(key)) hashes.set(key, { sha256: rng.hex(64).toUpperCase(), imphash: rng.hex(32).toUpperCase(), sha1: rng.hex(40), md5: rng.hex(32) });
    return hashes.get(key);
  };
  // One logon session per (machine, account), as on a real day without reboots.
  const logons = new Map();
  const logon = (machine, user) => {
    const key = `${machine.name}|${user}`;
    if (!logons.has(key)) logons.set(key, { guid: `{A1C2B3D4-${rng.hex(4)}-${rng.hex(4)}-0000-0020${rng.hex(8)}}`.toUpperCase(), id: `0x${rng.hex(6)}` });
    return logons.get(key);
  };
  const fill = (s, user) => s.replaceAll('{user}', user);
  const ephemeral = () => rng.int(49152, 65535);

  /** Sysmon event 1 (process creation). */
  function sysmon1(t, machine, p) {
    const id = identity(machine, p.image);
    const parent = identity(machine, p.parentImage);
    const h = hashOf(p.image);
    return {
      EventID: 1,
      Computer: machine.fqdn,
      RuleName: '-',
      UtcTime: sysmonTime(t),
      ProcessGuid: id.guid,
      ProcessId: id.pid,
      Image: p.image,
      FileVersion: p.fileVersion ?? '10.0.19041.1 (WinBuild.160101.0800)',
      Description: p.description ?? '-',
      Product: p.product ?? '-',
      Company: p.company ?? '-',
      OriginalFileName: p.original ?? '-',
      CommandLine: p.cmd,
      CurrentDirectory: p.cwd ?? `C:\\Users\\${machine.user}\\`,
      User: p.user,
      LogonGuid: logon(machine, p.user).guid,
      LogonId: logon(machine, p.user).id,
      TerminalSessionId: p.user.startsWith('NT AUTHORITY') ? 0 : 1,
      IntegrityLevel: p.user.startsWith('NT AUTHORITY') ? 'System' : 'Medium',
      Hashes: `SHA256=${h.sha256},IMPHASH=${h.imphash}`,
      ParentProcessGuid: parent.guid,
      ParentProcessId: parent.pid,
      ParentImage: p.parentImage,
      ParentCommandLine: p.parentCmd ?? `"${p.parentImage}"`,
      ParentUser: p.parentUser ?? p.user,
    };
  }

  /** Sysmon event 3 (network connection, outbound). */
  function sysmon3(t, machine, p, host, port = 443) {
    const id = identity(machine, p.image);
    return {
      EventID: 3,
      Computer: machine.fqdn,
      RuleName: '-',
      UtcTime: sysmonTime(t),
      ProcessGuid: id.guid,
      ProcessId: id.pid,
      Image: p.image,
      User: p.user,
      Protocol: port === 7844 || port === 123 ? 'udp' : 'tcp',
      Initiated: 'true',
      SourceIsIpv6: 'false',
      SourceIp: machine.ip,
      SourceHostname: machine.fqdn,
      SourcePort: ephemeral(),
      SourcePortName: '-',
      DestinationIsIpv6: 'false',
      DestinationIp: p.ip ?? addressOf(host),
      DestinationHostname: host || '-',
      DestinationPort: port,
      DestinationPortName: port === 443 ? 'https' : port === 80 ? 'http' : '-',
    };
  }

  /** Sysmon event 22 (DNS query). */
  function sysmon22(t, machine, p, host) {
    const id = identity(machine, p.image);
    return {
      EventID: 22,
      Computer: machine.fqdn,
      RuleName: '-',
      UtcTime: sysmonTime(t),
      ProcessGuid: id.guid,
      ProcessId: id.pid,
      QueryName: host,
      QueryStatus: '0',
      QueryResults: `::ffff:${addressOf(host)};`,
      Image: p.image,
      User: p.user,
    };
  }

  /** Proxy log record (Sigma proxy taxonomy field names). */
  function proxy(t, machine, req) {
    const u = new URL(req.url);
    const method = req.method ?? 'GET';
    return {
      time: isoTime(t),
      'c-ip': machine.ip,
      'cs-username': machine.user.includes('\\') ? machine.user : `CORP\\${machine.user}`,
      'cs-method': method,
      'cs-host': u.hostname,
      'c-uri': req.url,
      'c-uri-stem': u.pathname,
      'c-uri-query': u.search,
      'c-uri-extension': /\.([a-z0-9]{1,5})$/i.exec(u.pathname)?.[1] ?? '',
      'c-useragent': req.ua ?? '-',
      'cs-referrer': req.referrer ?? '-',
      'cs-version': 'HTTP/1.1',
      'sc-status': req.status ?? 200,
      'cs-bytes': req.bytesOut ?? rng.int(300, 1800),
      'sc-bytes': req.bytesIn ?? rng.int(400, 90000),
      'r-dns': u.hostname,
      dst_ip: addressOf(u.hostname),
      's-action': req.action ?? 'TCP_MISS',
    };
  }

  /** Resolver log record (Sigma dns taxonomy: query, answer, record_type, parent_domain). */
  function dns(t, srcIp, host, type = 'A', rcode = 'NOERROR') {
    return {
      timestamp: isoTime(t),
      src_ip: srcIp,
      query: host,
      record_type: type,
      rcode,
      answer: rcode !== 'NOERROR' ? '' : type === 'AAAA' ? `2606:4700::${(hash32(host) % 65535).toString(16)}` : type === 'SRV' ? 'dc01.corp.example.com' : addressOf(host),
      parent_domain: parentDomain(host),
    };
  }

  /** Defender XDR DeviceNetworkEvents row (real column names). */
  function mde(t, machine, p, host, port = 443, action = 'ConnectionSuccess', urlOverride) {
    const id = identity(machine, p.image);
    const h = hashOf(p.image);
    const file = p.image.split('\\').pop();
    const user = p.user.split('\\');
    return {
      Timestamp: isoTime(t),
      DeviceId: machine.deviceId,
      DeviceName: machine.fqdn.toLowerCase(),
      ActionType: action,
      RemoteIP: p.ip ?? addressOf(host),
      RemotePort: port,
      RemoteUrl: urlOverride ?? (host === '-' ? '' : host),
      LocalIP: machine.ip,
      LocalPort: ephemeral(),
      Protocol: 'Tcp',
      LocalIPType: 'Private',
      RemoteIPType: 'Public',
      InitiatingProcessFileName: file,
      InitiatingProcessFolderPath: p.image.toLowerCase(),
      InitiatingProcessCommandLine: p.cmd ?? `"${file}"`,
      InitiatingProcessId: id.pid,
      InitiatingProcessSHA1: h.sha1,
      InitiatingProcessMD5: h.md5,
      InitiatingProcessParentFileName: (p.parentImage ?? 'explorer.exe').split('\\').pop(),
      InitiatingProcessAccountDomain: user.length > 1 ? user[0].toLowerCase() : 'corp',
      InitiatingProcessAccountName: user[user.length - 1].toLowerCase(),
      InitiatingProcessIntegrityLevel: p.user.startsWith('NT AUTHORITY') ? 'System' : 'Medium',
      ReportId: rng.int(1000, 999999),
    };
  }

  /** Mobile app network record (Android or iOS). */
  function mobile(t, device, app, req) {
    const base = {
      timestamp: isoTime(t),
      platform: device.platform,
      device_id: device.id,
      device_model: device.model,
      os_version: device.os,
      user: device.user,
    };
    const appFields = device.platform === 'android'
      ? { app_package: app.pkg, app_name: app.name, app_version: app.version ?? versionOf(app.pkg), installer: app.installer }
      : { bundle_id: app.bundle, app_name: app.name, app_version: app.version ?? versionOf(app.bundle), install_source: app.source };
    if (!req.url) {
      return { ...base, ...appFields, host: null, url: null, method: null, dst_ip: addressOf('-'), dst_port: 443, protocol: 'tcp', bytes_sent: rng.int(200, 4000), bytes_received: rng.int(200, 20000), status: null };
    }
    const u = new URL(req.url);
    return {
      ...base,
      ...appFields,
      host: u.hostname,
      url: req.url,
      method: req.method ?? 'GET',
      dst_ip: addressOf(u.hostname),
      dst_port: 443,
      protocol: 'https',
      bytes_sent: req.bytesOut ?? rng.int(200, 3000),
      bytes_received: req.bytesIn ?? rng.int(300, 60000),
      status: req.status ?? 200,
    };
  }

  return { sysmon1, sysmon3, sysmon22, proxy, dns, mde, mobile, identity, fill };
}

/** A stable, plausible version string per app. */
function versionOf(id) {
  const h = hash32(id);
  return `${1 + (h % 30)}.${(h >>> 5) % 60}.${(h >>> 11) % 10}`;
}

/** Sysmon flat event → EVTX exported to JSON, as in SigmaHQ's regression data. */
export function toEvtxJson(flat, recordId) {
  const { EventID, Computer, UtcTime, ...data } = flat;
  const system = {
    Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon', Guid: '5770385F-C22A-43E0-BF4C-06F5698FFBD9' } },
    EventID,
    Version: EventID === 1 ? 5 : EventID === 3 ? 5 : 5,
    Level: 4,
    Task: EventID,
    Opcode: 0,
    Keywords: '0x8000000000000000',
    TimeCreated: { '#attributes': { SystemTime: `${UtcTime.replace(' ', 'T')}0000Z` } },
    EventRecordID: recordId,
    Correlation: null,
    Execution: { '#attributes': { ProcessID: 3544, ThreadID: 4272 } },
    Channel: 'Microsoft-Windows-Sysmon/Operational',
    Computer,
    Security: { '#attributes': { UserID: 'S-1-5-18' } },
  };
  return { Event: { '#attributes': { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' }, System: system, EventData: { RuleName: data.RuleName, UtcTime, ...data } } };
}
