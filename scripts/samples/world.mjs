// The benign world the sample generator draws from: a fictional company (CORP, corp.example.com),
// its Windows fleet, the programs people run and the hosts those programs talk to, and its phones.
//
// Where the behaviour comes from: each program's endpoints are the ones its vendor documents for
// firewall allow-listing (Microsoft 365 "URLs and IP address ranges", Windows "connection endpoints",
// Dropbox/Google Drive/Discord/Slack/Zoom network requirement pages, Chrome/Firefox/Edge update and
// safe-browsing hosts) or that these programs are well known to contact; weights are invented to
// look like an ordinary office day. The point is realism where it matters for detection rules:
// legitimate programs really do talk to GitHub, Google Drive, Dropbox, Discord, Telegram, OneDrive,
// Cloudflare Pages/Workers and Firebase, so an over-broad domain list shows its noise here.

export const DOMAIN = 'corp.example.com';

export const USERS = [
  'a.jensen', 'b.okafor', 'c.martin', 'd.nguyen', 'e.schmidt', 'f.rossi', 'g.kowalski', 'h.tanaka',
  'i.haddad', 'j.smith', 'k.olsen', 'l.garcia', 'm.dubois', 'n.patel', 'o.berg', 'p.silva',
  'q.chen', 'r.novak', 's.murphy', 't.ivanova', 'u.kim', 'v.costa', 'w.brown', 'x.lopez',
  'y.yilmaz', 'z.fischer', 'a.moreau', 'b.lindqvist', 'c.walsh', 'd.horvat', 'e.santos', 'f.nakamura',
  'g.weber', 'h.ali', 'i.novotny', 'j.larsen', 'k.mensah', 'l.romano', 'm.virtanen', 'n.oconnor',
  'o.popescu', 'p.andersen', 'q.zhang', 'r.ahmed', 's.keller', 't.dijkstra', 'u.varga', 'v.petrov',
];

/** Windows workstations: WS-1001..WS-1048, one user each, on 10.20.0.0/16. */
export const WORKSTATIONS = USERS.map((user, i) => ({
  name: `WS-${1001 + i}`,
  fqdn: `WS-${1001 + i}.${DOMAIN}`,
  user,
  ip: `10.20.${10 + Math.floor(i / 20)}.${20 + (i % 200)}`,
}));

export const SERVERS = [
  { name: 'SRV-BUILD01', fqdn: `SRV-BUILD01.${DOMAIN}`, user: 'svc_jenkins', ip: '10.10.5.21' },
  { name: 'SRV-FILE01', fqdn: `SRV-FILE01.${DOMAIN}`, user: 'svc_backup', ip: '10.10.5.30' },
];

const CHROME = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
const EDGE = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
const FIREFOX = 'C:\\Program Files\\Mozilla Firefox\\firefox.exe';
const SYS = 'C:\\Windows\\System32\\';

/** Hosts people reach with a browser, weighted by how often. Shared by the three browsers. */
export const BROWSING = [
  [40, 'www.google.com'], [5, 'google.com'], [12, 'fonts.googleapis.com'], [10, 'fonts.gstatic.com'],
  [10, 'www.gstatic.com'], [5, 'apis.google.com'], [6, 'accounts.google.com'], [12, 'mail.google.com'],
  [10, 'docs.google.com'], [8, 'drive.google.com'], [5, 'lh3.googleusercontent.com'], [10, 'www.youtube.com'],
  [6, 'i.ytimg.com'], [6, 'rr2---sn-4g5e6nsz.googlevideo.com'], [15, 'outlook.office.com'],
  [8, 'outlook.office365.com'], [12, 'login.microsoftonline.com'], [6, 'www.office.com'],
  [6, 'teams.microsoft.com'], [12, 'contoso.sharepoint.com'], [8, 'contoso-my.sharepoint.com'],
  [6, 'www.microsoft.com'], [8, 'learn.microsoft.com'], [10, 'github.com'], [4, 'avatars.githubusercontent.com'],
  [5, 'github.githubassets.com'], [2, 'raw.githubusercontent.com'], [2, 'objects.githubusercontent.com'],
  [1, 'gist.github.com'], [8, 'stackoverflow.com'], [5, 'cdn.sstatic.net'], [8, 'www.linkedin.com'],
  [5, 'static.licdn.com'], [4, 'www.facebook.com'], [3, 'static.xx.fbcdn.net'], [2, 'twitter.com'],
  [3, 'x.com'], [2, 'abs.twimg.com'], [4, 'www.reddit.com'], [2, 'www.redditstatic.com'],
  [6, 'en.wikipedia.org'], [3, 'upload.wikimedia.org'], [4, 'www.amazon.com'], [3, 'm.media-amazon.com'],
  [5, 'www.bing.com'], [2, 'www.dropbox.com'], [1, 'cfl.dropboxstatic.com'], [1, 'discord.com'],
  [1, 'cdn.discordapp.com'], [1, 'web.telegram.org'], [1, 'pastebin.com'], [1, 'www.cloudflare.com'],
  [1, 'developers.cloudflare.com'], [1, 'infosec-notes.pages.dev'], [1, 'svelte-kit-demo.pages.dev'],
  [1, 'status-badge.acme-dev.workers.dev'], [1, 'octo-org.github.io'], [1, 'acme-events.web.app'],
  [1, 'acme-events.firebaseapp.com'], [2, 'onedrive.live.com'], [4, 'cdn.jsdelivr.net'],
  [4, 'cdnjs.cloudflare.com'], [8, 'www.googletagmanager.com'], [6, 'www.google-analytics.com'],
  [5, 'securepubads.g.doubleclick.net'], [3, 'connect.facebook.net'], [2, 'slack.com'], [3, 'app.slack.com'],
  [2, 'zoom.us'], [2, 'www.notion.so'], [3, 'chatgpt.com'], [2, 'i.imgur.com'], [1, 'player.vimeo.com'],
  [0.5, 'steamcommunity.com'], [0.3, 'mega.nz'], [0.3, 'www.mediafire.com'], [1, 'docs.github.com'],
  [1, 'translate.google.com'], [2, 'www.nytimes.com'], [2, 'www.bbc.co.uk'], [1, 'news.ycombinator.com'],
];

/**
 * Programs, keyed by a short name. `image` may contain {user}. `browser` marks web browsers (rules
 * usually filter them out). `ua` is what the program sends through the proxy.
 */
export const PROGRAMS = {
  chrome: {
    image: CHROME, browser: true, company: 'Google LLC', description: 'Google Chrome', product: 'Google Chrome', original: 'chrome.exe',
    parent: 'C:\\Windows\\explorer.exe', cmd: '"{image}"',
    ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36',
    hosts: [[8, 'update.googleapis.com'], [6, 'clients2.google.com'], [5, 'optimizationguide-pa.googleapis.com'], [6, 'safebrowsing.googleapis.com'], [3, 'content-autofill.googleapis.com'], [200, '*browsing']],
  },
  edge: {
    image: EDGE, browser: true, company: 'Microsoft Corporation', description: 'Microsoft Edge', product: 'Microsoft Edge', original: 'msedge.exe',
    parent: 'C:\\Windows\\explorer.exe', cmd: '"{image}" --single-argument',
    ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36 Edg/128.0.0.0',
    hosts: [[8, 'edge.microsoft.com'], [5, 'config.edge.skype.com'], [5, 'ntp.msn.com'], [5, 'assets.msn.com'], [4, 'smartscreen.microsoft.com'], [150, '*browsing']],
  },
  firefox: {
    image: FIREFOX, browser: true, company: 'Mozilla Corporation', description: 'Firefox', product: 'Firefox', original: 'firefox.exe',
    parent: 'C:\\Windows\\explorer.exe', cmd: '"{image}"',
    ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:130.0) Gecko/20100101 Firefox/130.0',
    hosts: [[5, 'firefox.settings.services.mozilla.com'], [4, 'push.services.mozilla.com'], [4, 'incoming.telemetry.mozilla.org'], [3, 'content-signature-2.cdn.mozilla.net'], [60, '*browsing']],
  },
  svchost: {
    image: `${SYS}svchost.exe`, system: true, company: 'Microsoft Corporation', description: 'Host Process for Windows Services', product: 'Microsoft® Windows® Operating System', original: 'svchost.exe',
    parent: `${SYS}services.exe`, cmd: `${SYS}svchost.exe -k netsvcs -p -s wuauserv`,
    ua: 'Microsoft-Delivery-Optimization/10.0',
    hosts: [[10, 'settings-win.data.microsoft.com'], [10, 'v10.events.data.microsoft.com'], [6, 'ctldl.windowsupdate.com'], [5, 'fe3cr.delivery.mp.microsoft.com'], [4, 'dl.delivery.mp.microsoft.com'], [3, 'tsfe.trafficshaping.dsp.mp.microsoft.com'], [5, 'login.live.com'], [4, 'client.wns.windows.com'], [3, 'slscr.update.microsoft.com'], [2, 'displaycatalog.mp.microsoft.com'], [2, 'activation-v2.sls.microsoft.com'], [3, 'ocsp.digicert.com'], [2, 'crl.microsoft.com'], [2, 'go.microsoft.com'], [3, 'www.msftconnecttest.com'], [2, 'time.windows.com']],
  },
  msmpeng: {
    image: 'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24080.9-0\\MsMpEng.exe', system: true, company: 'Microsoft Corporation', description: 'Antimalware Service Executable', product: 'Microsoft® Windows® Operating System', original: 'MsMpEng.exe',
    parent: `${SYS}services.exe`, cmd: '"{image}"', ua: 'Microsoft-CryptoAPI/10.0',
    hosts: [[10, 'wdcp.microsoft.com'], [4, 'wdcpalt.microsoft.com'], [5, 'definitionupdates.microsoft.com'], [2, 'go.microsoft.com'], [2, 'fe3cr.delivery.mp.microsoft.com']],
  },
  mssense: {
    image: 'C:\\Program Files\\Windows Defender Advanced Threat Protection\\MsSense.exe', system: true, company: 'Microsoft Corporation', description: 'Windows Defender Advanced Threat Protection Service Executable', product: 'Microsoft® Windows® Operating System', original: 'MsSense.exe',
    parent: `${SYS}services.exe`, cmd: '"{image}"', ua: 'Microsoft-CryptoAPI/10.0',
    hosts: [[10, 'winatp-gw-weu.microsoft.com'], [6, 'us-v20.events.data.microsoft.com'], [3, 'automatedirstrprdweu.blob.core.windows.net']],
  },
  onedrive: {
    image: 'C:\\Users\\{user}\\AppData\\Local\\Microsoft\\OneDrive\\OneDrive.exe', company: 'Microsoft Corporation', description: 'Microsoft OneDrive', product: 'Microsoft OneDrive', original: 'OneDrive.exe',
    parent: 'C:\\Windows\\explorer.exe', cmd: '"{image}" /background', ua: 'Microsoft SkyDriveSync 24.161.0811.0001 ship; Windows NT 10.0 (19045)',
    hosts: [[10, 'api.onedrive.com'], [4, 'g.live.com'], [3, 'oneclient.sfx.ms'], [14, 'contoso-my.sharepoint.com'], [5, 'skyapi.onedrive.live.com'], [3, 'onedrive.live.com'], [4, 'login.microsoftonline.com'], [3, 'mobile.events.data.microsoft.com']],
  },
  teams: {
    image: 'C:\\Program Files\\WindowsApps\\MSTeams_24243.1309.3132.617_x64__8wekyb3d8bbwe\\ms-teams.exe', company: 'Microsoft Corporation', description: 'Microsoft Teams', product: 'Microsoft Teams', original: 'ms-teams.exe',
    parent: 'C:\\Windows\\explorer.exe', cmd: '"{image}" msteams:system-initiated',
    ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36 Edg/128.0.0.0 Teams/24243.1309.3132.617',
    hosts: [[10, 'teams.microsoft.com'], [6, 'presence.teams.microsoft.com'], [6, 'statics.teams.cdn.office.net'], [4, 'login.microsoftonline.com'], [5, 'graph.microsoft.com'], [3, 'substrate.office.com'], [4, 'pub-ent-euno-06-t.trouter.teams.microsoft.com']],
  },
  outlook: {
    image: 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE', company: 'Microsoft Corporation', description: 'Microsoft Outlook', product: 'Microsoft Outlook', original: 'Outlook.exe',
    parent: 'C:\\Windows\\explorer.exe', cmd: '"{image}" ', ua: 'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)',
    hosts: [[15, 'outlook.office365.com'], [6, 'outlook.office.com'], [4, 'login.microsoftonline.com'], [4, 'graph.microsoft.com'], [2, 'officeclient.microsoft.com'], [3, 'ecs.office.com'], [2, 'nexus.officeapps.live.com']],
  },
  dropbox: {
    image: 'C:\\Program Files (x86)\\Dropbox\\Client\\Dropbox.exe', company: 'Dropbox, Inc.', description: 'Dropbox', product: 'Dropbox', original: 'Dropbox.exe',
    parent: 'C:\\Windows\\explorer.exe', cmd: '"{image}" /systemstartup', ua: 'DropboxDesktopClient/205.4.5765 (Windows; 10 (10.0.19045); x64; en_US)',
    hosts: [[8, 'client.dropbox.com'], [5, 'd.dropbox.com'], [5, 'bolt.dropbox.com'], [6, 'api.dropboxapi.com'], [6, 'content.dropboxapi.com'], [4, 'block.dropbox.com'], [2, 'www.dropbox.com'], [2, 'cfl.dropboxstatic.com']],
  },
  drivefs: {
    image: 'C:\\Program Files\\Google\\Drive File Stream\\97.0.1.0\\GoogleDriveFS.exe', company: 'Google LLC', description: 'Google Drive', product: 'Google Drive', original: 'GoogleDriveFS.exe',
    parent: 'C:\\Windows\\explorer.exe', cmd: '"{image}" --startup_mode', ua: 'GoogleDriveFS/97.0.1.0 (Windows;OSVer=10.0.19045)',
    hosts: [[8, 'www.googleapis.com'], [6, 'content.googleapis.com'], [5, 'drivefrontend-pa.clients6.google.com'], [3, 'accounts.google.com'], [3, 'oauth2.googleapis.com'], [4, 'drive.google.com'], [2, 'lh3.googleusercontent.com'], [2, 'clients4.google.com']],
  },
  googleupdate: {
    image: 'C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe', system: true, company: 'Google LLC', description: 'Google Installer', product: 'Google Update', original: 'GoogleUpdate.exe',
    parent: `${SYS}svchost.exe`, cmd: '"{image}" /ua /installsource scheduler', ua: 'Google Update/1.3.36.372;winhttp',
    hosts: [[8, 'update.googleapis.com'], [4, 'dl.google.com'], [2, 'edgedl.me.gvt1.com']],
  },
  discord: {
    image: 'C:\\Users\\{user}\\AppData\\Local\\Discord\\app-1.0.9163\\Discord.exe', company: 'Discord Inc.', description: 'Discord', product: 'Discord', original: 'Discord.exe',
    parent: 'C:\\Users\\{user}\\AppData\\Local\\Discord\\Update.exe', cmd: '"{image}"',
    ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) discord/1.0.9163 Chrome/124.0.6367.243 Electron/30.2.0 Safari/537.36',
    hosts: [[10, 'discord.com'], [8, 'gateway.discord.gg'], [6, 'cdn.discordapp.com'], [5, 'media.discordapp.net'], [2, 'status.discord.com'], [3, 'router.discordapp.net'], [2, 'updates.discord.com']],
  },
  telegram: {
    image: 'C:\\Users\\{user}\\AppData\\Roaming\\Telegram Desktop\\Telegram.exe', company: 'Telegram FZ-LLC', description: 'Telegram Desktop', product: 'Telegram Desktop', original: 'Telegram.exe',
    parent: 'C:\\Windows\\explorer.exe', cmd: '"{image}" -autostart', ua: 'Telegram-Desktop/5.5.5',
    // Telegram Desktop mostly speaks MTProto straight to IP addresses: no host name to log.
    hosts: [[20, '-'], [3, 'telegram.org'], [2, 'td.telegram.org'], [2, 'updates.tdesktop.com']],
  },
  vscode: {
    image: 'C:\\Users\\{user}\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe', company: 'Microsoft Corporation', description: 'Visual Studio Code', product: 'Visual Studio Code', original: 'electron.exe',
    parent: 'C:\\Windows\\explorer.exe', cmd: '"{image}"',
    ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Code/1.93.1 Chrome/124.0.6367.243 Electron/30.4.0 Safari/537.36',
    hosts: [[4, 'update.code.visualstudio.com'], [6, 'marketplace.visualstudio.com'], [4, 'main.vscode-cdn.net'], [3, 'github.com'], [5, 'api.github.com'], [3, 'default.exp-tas.com'], [3, 'mobile.events.data.microsoft.com'], [2, 'vscode-sync.trafficmanager.net'], [4, 'api.githubcopilot.com'], [2, 'copilot-proxy.githubusercontent.com']],
  },
  git: {
    image: 'C:\\Program Files\\Git\\mingw64\\libexec\\git-core\\git-remote-https.exe', company: 'The Git Development Community', description: 'Git for Windows', product: 'Git', original: 'git-remote-https.exe',
    parent: 'C:\\Program Files\\Git\\cmd\\git.exe', cmd: 'git-remote-https origin https://github.com/contoso/web-portal.git', ua: 'git/2.46.0.windows.1',
    hosts: [[12, 'github.com'], [4, 'codeload.github.com'], [3, 'dev.azure.com'], [1, 'gitlab.com']],
  },
  node: {
    image: 'C:\\Program Files\\nodejs\\node.exe', company: 'Node.js', description: 'Node.js JavaScript Runtime', product: 'Node.js', original: 'node.exe',
    parent: `${SYS}cmd.exe`, cmd: '"C:\\Program Files\\nodejs\\node.exe" "C:\\Program Files\\nodejs\\node_modules\\npm\\bin\\npm-cli.js" install', ua: 'npm/10.8.2 node/v20.17.0 win32 x64 workspaces/false',
    hosts: [[12, 'registry.npmjs.org'], [3, 'github.com'], [3, 'objects.githubusercontent.com'], [3, 'raw.githubusercontent.com'], [1, 'nodejs.org'], [2, 'api.github.com']],
  },
  python: {
    image: 'C:\\Users\\{user}\\AppData\\Local\\Programs\\Python\\Python312\\python.exe', company: 'Python Software Foundation', description: 'Python', product: 'Python', original: 'python.exe',
    parent: `${SYS}WindowsPowerShell\\v1.0\\powershell.exe`, cmd: 'python.exe -m pip install -r requirements.txt', ua: 'pip/24.2 CPython/3.12.5 Windows/10',
    hosts: [[6, 'pypi.org'], [6, 'files.pythonhosted.org'], [3, 'raw.githubusercontent.com'], [2, 'api.github.com'], [3, 'storage.googleapis.com'], [2, 'huggingface.co'], [2, 'cdn-lfs.huggingface.co']],
  },
  powershell: {
    image: `${SYS}WindowsPowerShell\\v1.0\\powershell.exe`, company: 'Microsoft Corporation', description: 'Windows PowerShell', product: 'Microsoft® Windows® Operating System', original: 'PowerShell.EXE',
    parent: `${SYS}svchost.exe`, cmd: 'powershell.exe -ExecutionPolicy Bypass -NoProfile -File "\\\\corp.example.com\\NETLOGON\\inventory.ps1"', ua: 'Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.19041.4894',
    // Admin scripts: the PowerShell Gallery, Graph, and the odd install script from GitHub.
    hosts: [[5, 'www.powershellgallery.com'], [3, 'psg-prod-eastus.azureedge.net'], [2, 'aka.ms'], [2, 'go.microsoft.com'], [2, 'raw.githubusercontent.com'], [1, 'community.chocolatey.org'], [4, 'graph.microsoft.com'], [3, 'login.microsoftonline.com'], [2, 'contoso.sharepoint.com']],
  },
  slack: {
    image: 'C:\\Users\\{user}\\AppData\\Local\\slack\\app-4.41.97\\slack.exe', company: 'Slack Technologies, LLC', description: 'Slack', product: 'Slack', original: 'slack.exe',
    parent: 'C:\\Users\\{user}\\AppData\\Local\\slack\\slack.exe', cmd: '"{image}" --process-start-args --startup',
    ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Slack/4.41.97 Chrome/128.0.6613.36 Electron/32.0.1 Safari/537.36 Sonic Slack_SSB/4.41.97',
    hosts: [[8, 'app.slack.com'], [6, 'wss-primary.slack.com'], [5, 'a.slack-edge.com'], [3, 'edgeapi.slack.com'], [2, 'files.slack.com']],
  },
  zoom: {
    image: 'C:\\Users\\{user}\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe', company: 'Zoom Video Communications, Inc.', description: 'Zoom Meetings', product: 'Zoom Meetings', original: 'Zoom.exe',
    parent: 'C:\\Windows\\explorer.exe', cmd: '"{image}" "--action=autostart"', ua: 'Mozilla/5.0 (ZOOM.Win 10.0 x64)',
    hosts: [[6, 'zoom.us'], [5, 'us04web.zoom.us'], [3, 'log.zoom.us'], [3, 'us04st1.zoom.us']],
  },
  webview: {
    image: 'C:\\Program Files (x86)\\Microsoft\\EdgeWebView\\Application\\128.0.2739.79\\msedgewebview2.exe', company: 'Microsoft Corporation', description: 'Microsoft Edge WebView2', product: 'Microsoft Edge WebView2', original: 'msedgewebview2.exe',
    parent: `${SYS}SearchHost.exe`, cmd: '"{image}" --embedded-browser-webview=1',
    ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36 Edg/128.0.0.0',
    hosts: [[5, 'login.microsoftonline.com'], [4, 'www.office.com'], [4, 'res.cdn.office.net'], [3, 'aadcdn.msauth.net'], [3, 'www.bing.com']],
  },
  obsidian: {
    image: 'C:\\Users\\{user}\\AppData\\Local\\Programs\\Obsidian\\Obsidian.exe', company: 'Dynalist Inc.', description: 'Obsidian', product: 'Obsidian', original: 'Obsidian.exe',
    parent: 'C:\\Windows\\explorer.exe', cmd: '"{image}"',
    ua: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) obsidian/1.6.7 Chrome/124.0.6367.243 Electron/30.1.2 Safari/537.36',
    // Community plugins call small Cloudflare Workers and read plugin lists from GitHub.
    hosts: [[3, 'releases.obsidian.md'], [2, 'github.com'], [4, 'raw.githubusercontent.com'], [3, 'plugin-stats.obsidian-tools.workers.dev'], [2, 'sync-notify.obsidian-tools.workers.dev'], [1, 'publish.obsidian.md']],
  },
  spotify: {
    image: 'C:\\Users\\{user}\\AppData\\Roaming\\Spotify\\Spotify.exe', company: 'Spotify Ltd', description: 'Spotify', product: 'Spotify', original: 'Spotify.exe',
    parent: 'C:\\Windows\\explorer.exe', cmd: '"{image}" --autostart --minimized', ua: 'Spotify/1.2.46.462 Win32_x86_64/0 (PC desktop)',
    hosts: [[4, 'apresolve.spotify.com'], [6, 'spclient.wg.spotify.com'], [5, 'audio-ak-spotify-com.akamaized.net'], [2, 'i.scdn.co']],
  },
  adobearm: {
    image: 'C:\\Program Files (x86)\\Common Files\\Adobe\\ARM\\1.0\\AdobeARM.exe', company: 'Adobe Inc.', description: 'Adobe Reader and Acrobat Manager', product: 'Adobe Reader and Acrobat Manager', original: 'AdobeARM.exe',
    parent: 'C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\Acrobat.exe', cmd: '"{image}" /PRODUCT:Reader /VERSION:24.0 /MODE:3', ua: 'ARM/1.0',
    hosts: [[4, 'armmf.adobe.com'], [3, 'acroipm2.adobe.com'], [2, 'ardownload2.adobe.com']],
  },
  warp: {
    image: 'C:\\Program Files\\Cloudflare\\Cloudflare WARP\\warp-svc.exe', system: true, company: 'Cloudflare, Inc.', description: 'Cloudflare WARP', product: 'Cloudflare WARP', original: 'warp-svc.exe',
    parent: `${SYS}services.exe`, cmd: '"{image}"', ua: 'WARP for Windows',
    hosts: [[4, 'engage.cloudflareclient.com'], [3, 'api.cloudflareclient.com'], [3, 'connectivity.cloudflareclient.com']],
  },
  ninite: {
    image: 'C:\\Users\\{user}\\Downloads\\Ninite 7Zip Chrome Notepad++ Installer.exe', company: 'Secure By Design Inc.', description: 'Ninite', product: 'Ninite', original: 'Ninite.exe',
    parent: 'C:\\Windows\\explorer.exe', cmd: '"{image}"', ua: 'Ninite/1.0',
    hosts: [[3, 'ninite.com'], [2, 'github.com'], [3, 'objects.githubusercontent.com'], [1, 'dl.google.com'], [1, 'www.7-zip.org']],
  },
};

/** How often each program makes a network connection on a workstation (relative weights). */
export const NETWORK_MIX = [
  [34, 'chrome'], [16, 'edge'], [5, 'firefox'], [9, 'svchost'], [3, 'msmpeng'], [2, 'mssense'], [5, 'onedrive'],
  [5, 'teams'], [4, 'outlook'], [2, 'dropbox'], [2, 'drivefs'], [1, 'googleupdate'], [1.5, 'discord'],
  [1, 'telegram'], [2, 'vscode'], [1.2, 'git'], [1.2, 'node'], [0.8, 'python'], [1, 'powershell'], [2, 'slack'],
  [1, 'zoom'], [1.5, 'webview'], [0.6, 'obsidian'], [0.8, 'spotify'], [0.4, 'adobearm'], [0.6, 'warp'], [0.15, 'ninite'],
];

/** Which workstations have which optional programs installed (the rest is on every machine). */
export const OPTIONAL = {
  dropbox: (i) => i % 4 === 0,
  drivefs: (i) => i % 3 === 0,
  discord: (i) => i % 5 === 1,
  telegram: (i) => i % 6 === 2,
  vscode: (i) => i % 3 === 1,
  git: (i) => i % 3 === 1,
  node: (i) => i % 3 === 1,
  python: (i) => i % 6 === 1,
  obsidian: (i) => i % 8 === 3,
  spotify: (i) => i % 4 === 2,
  firefox: (i) => i % 5 === 3,
  warp: (i) => i % 7 === 5,
  ninite: (i) => i === 9,
};

/** Benign process creations (Sysmon 1) that are not simply a program above starting. */
export const PROCESS_STARTS = [
  [20, { image: CHROME, parent: CHROME, cmd: '"{image}" --type=renderer --field-trial-handle=1900,i,{n},{n},262144 --lang=en-US --renderer-client-id={k} --mojo-platform-channel-handle={k} /prefetch:1', prog: 'chrome' }],
  [12, { image: EDGE, parent: EDGE, cmd: '"{image}" --type=utility --utility-sub-type=network.mojom.NetworkService --lang=en-US --service-sandbox-type=none --mojo-platform-channel-handle={k} /prefetch:3', prog: 'edge' }],
  [8, { image: `${SYS}svchost.exe`, parent: `${SYS}services.exe`, cmd: `${SYS}svchost.exe -k netsvcs -p -s Schedule`, user: 'NT AUTHORITY\\SYSTEM', desc: 'Host Process for Windows Services', original: 'svchost.exe' }],
  [8, { image: `${SYS}conhost.exe`, parent: `${SYS}cmd.exe`, cmd: `\\??\\${SYS}conhost.exe 0xffffffff -ForceV1`, desc: 'Console Window Host', original: 'CONHOST.EXE' }],
  [5, { image: `${SYS}backgroundTaskHost.exe`, parent: `${SYS}svchost.exe`, cmd: '"{image}" -ServerName:BackgroundTaskHost.WebAccountProvider', desc: 'Background Task Host', original: 'backgroundTaskHost.exe' }],
  [5, { image: `${SYS}RuntimeBroker.exe`, parent: `${SYS}svchost.exe`, cmd: `${SYS}RuntimeBroker.exe -Embedding`, desc: 'Runtime Broker', original: 'RuntimeBroker.exe' }],
  [4, { image: `${SYS}SearchProtocolHost.exe`, parent: `${SYS}SearchIndexer.exe`, cmd: '"{image}" Global\\UsGthrFltPipeMssGthrPipe{k}_ Global\\UsGthrCtrlFltPipeMssGthrPipe{k} 1 -2147483646 "Software\\Microsoft\\Windows Search"', user: 'NT AUTHORITY\\SYSTEM', desc: 'Microsoft Windows Search Protocol Host', original: 'searchprotocolhost.exe' }],
  [4, { image: `${SYS}taskhostw.exe`, parent: `${SYS}svchost.exe`, cmd: 'taskhostw.exe -RegisterDevice -ProtectionStateChanged -FreeNetworkOnly', desc: 'Host Process for Windows Tasks', original: 'taskhostw.exe' }],
  [3, { image: 'C:\\Program Files\\Git\\cmd\\git.exe', parent: 'C:\\Users\\{user}\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe', cmd: 'git.exe fetch --all --prune', desc: 'Git for Windows', original: 'git.exe', only: 'git' }],
  [2, { image: 'C:\\Program Files\\Git\\cmd\\git.exe', parent: 'C:\\Users\\{user}\\AppData\\Local\\Programs\\Microsoft VS Code\\Code.exe', cmd: 'git.exe status -z -uall', desc: 'Git for Windows', original: 'git.exe', only: 'git' }],
  [2, { prog: 'node', only: 'node' }],
  [1, { prog: 'python', only: 'python' }],
  [3, { image: `${SYS}WindowsPowerShell\\v1.0\\powershell.exe`, parent: `${SYS}svchost.exe`, cmd: 'powershell.exe -ExecutionPolicy Bypass -NoProfile -File "\\\\corp.example.com\\NETLOGON\\inventory.ps1"', desc: 'Windows PowerShell', original: 'PowerShell.EXE', user: 'NT AUTHORITY\\SYSTEM' }],
  [2, { image: `${SYS}WindowsPowerShell\\v1.0\\powershell.exe`, parent: 'C:\\Windows\\explorer.exe', cmd: '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" ', desc: 'Windows PowerShell', original: 'PowerShell.EXE' }],
  [2, { image: `${SYS}cmd.exe`, parent: 'C:\\Windows\\explorer.exe', cmd: '"C:\\Windows\\system32\\cmd.exe" ', desc: 'Windows Command Processor', original: 'Cmd.Exe' }],
  [1, { image: `${SYS}curl.exe`, parent: `${SYS}cmd.exe`, cmd: 'curl.exe -L -o jq.exe https://github.com/jqlang/jq/releases/download/jq-1.7.1/jq-windows-amd64.exe', desc: 'The curl executable', original: 'curl.exe', only: 'git' }],
  [1, { image: `${SYS}curl.exe`, parent: `${SYS}WindowsPowerShell\\v1.0\\powershell.exe`, cmd: 'curl.exe -s https://api.github.com/repos/contoso/web-portal/releases/latest', desc: 'The curl executable', original: 'curl.exe', only: 'git' }],
  [1, { image: 'C:\\Users\\{user}\\AppData\\Local\\Microsoft\\WindowsApps\\winget.exe', parent: `${SYS}WindowsPowerShell\\v1.0\\powershell.exe`, cmd: 'winget.exe upgrade --all --silent --accept-source-agreements', desc: 'Windows Package Manager', original: 'winget.exe' }],
  [2, { prog: 'onedrive' }], [2, { prog: 'teams' }], [2, { prog: 'outlook' }], [1, { prog: 'dropbox', only: 'dropbox' }],
  [1, { prog: 'discord', only: 'discord' }], [1, { prog: 'telegram', only: 'telegram' }], [1, { prog: 'vscode', only: 'vscode' }],
  [1, { prog: 'googleupdate' }], [1, { prog: 'adobearm' }],
  [2, { image: `${SYS}WerFault.exe`, parent: `${SYS}svchost.exe`, cmd: `${SYS}WerFault.exe -u -p {k} -s {k}`, desc: 'Windows Problem Reporting', original: 'WerFault.exe' }],
  [2, { image: `${SYS}msiexec.exe`, parent: `${SYS}services.exe`, cmd: `${SYS}msiexec.exe /V`, desc: 'Windows® installer', original: 'msiexec.exe', user: 'NT AUTHORITY\\SYSTEM' }],
];

/** Server activity: the build server posts to Slack webhooks and pulls from package registries. */
export const BUILD_SERVER = {
  image: 'C:\\Program Files\\Jenkins\\jre\\bin\\java.exe', company: 'Eclipse Adoptium', description: 'OpenJDK Platform binary', product: 'OpenJDK Platform 17.0.12', original: 'java.exe',
  parent: `${SYS}services.exe`, cmd: '"C:\\Program Files\\Jenkins\\jre\\bin\\java.exe" -jar "C:\\Program Files\\Jenkins\\jenkins.war" --httpPort=8080', ua: 'Apache-HttpClient/4.5.14 (Java/17.0.12)',
  hosts: [[6, 'hooks.slack.com'], [6, 'api.github.com'], [4, 'github.com'], [5, 'repo.maven.apache.org'], [5, 'registry.npmjs.org'], [2, 'updates.jenkins.io']],
};

/** Android apps (package, installer, hosts). installer null = preinstalled system app. */
export const ANDROID_APPS = [
  { pkg: 'com.google.android.gms', name: 'Google Play services', installer: null, weight: 14, hosts: [[6, 'mtalk.google.com'], [5, 'android.googleapis.com'], [5, 'www.googleapis.com'], [4, 'connectivitycheck.gstatic.com'], [3, 'firebaseinstallations.googleapis.com'], [2, 'play.googleapis.com']] },
  { pkg: 'com.android.vending', name: 'Google Play Store', installer: null, weight: 4, hosts: [[5, 'play.googleapis.com'], [4, 'android.clients.google.com'], [3, 'play-lh.googleusercontent.com']] },
  { pkg: 'com.whatsapp', name: 'WhatsApp', installer: 'com.android.vending', weight: 10, hosts: [[6, 'g.whatsapp.net'], [4, 'mmg.whatsapp.net'], [2, 'static.whatsapp.net'], [2, 'media-fra3-1.cdn.whatsapp.net']] },
  { pkg: 'com.google.android.gm', name: 'Gmail', installer: null, weight: 6, hosts: [[6, 'mail.google.com'], [3, 'inbox.google.com'], [3, 'www.googleapis.com']] },
  { pkg: 'com.google.android.youtube', name: 'YouTube', installer: null, weight: 6, hosts: [[6, 'youtubei.googleapis.com'], [4, 'i.ytimg.com'], [6, 'rr4---sn-h5q7knes.googlevideo.com']] },
  { pkg: 'com.instagram.android', name: 'Instagram', installer: 'com.android.vending', weight: 6, hosts: [[6, 'i.instagram.com'], [6, 'scontent-fra5-1.cdninstagram.com'], [2, 'graph.instagram.com']] },
  { pkg: 'com.spotify.music', name: 'Spotify', installer: 'com.android.vending', weight: 4, hosts: [[4, 'spclient.wg.spotify.com'], [2, 'apresolve.spotify.com'], [4, 'audio-ak-spotify-com.akamaized.net']] },
  { pkg: 'com.microsoft.teams', name: 'Microsoft Teams', installer: 'com.android.vending', weight: 5, hosts: [[5, 'teams.microsoft.com'], [3, 'presence.teams.microsoft.com'], [2, 'login.microsoftonline.com']] },
  { pkg: 'com.microsoft.office.outlook', name: 'Outlook', installer: 'com.android.vending', weight: 5, hosts: [[5, 'outlook.office365.com'], [3, 'substrate.office.com'], [2, 'login.microsoftonline.com']] },
  { pkg: 'com.microsoft.skydrive', name: 'OneDrive', installer: 'com.android.vending', weight: 2, hosts: [[4, 'api.onedrive.com'], [3, 'contoso-my.sharepoint.com'], [2, 'my.microsoftpersonalcontent.com']] },
  { pkg: 'com.dropbox.android', name: 'Dropbox', installer: 'com.android.vending', weight: 2, hosts: [[4, 'api.dropboxapi.com'], [3, 'content.dropboxapi.com'], [2, 'bolt.dropbox.com']] },
  { pkg: 'com.discord', name: 'Discord', installer: 'com.android.vending', weight: 2, hosts: [[4, 'discord.com'], [4, 'gateway.discord.gg'], [3, 'cdn.discordapp.com']] },
  { pkg: 'org.telegram.messenger', name: 'Telegram', installer: 'com.android.vending', weight: 3, hosts: [[8, '-'], [2, 'telegram.org'], [1, 'cdn4.telesco.pe']] },
  { pkg: 'com.duolingo', name: 'Duolingo', installer: 'com.android.vending', weight: 3, hosts: [[4, 'android-api-cf.duolingo.com'], [3, 'firebaseremoteconfig.googleapis.com'], [2, 'app-measurement.com'], [2, 'crashlyticsreports-pa.googleapis.com']] },
  // Small business apps built on Firebase Realtime Database: legitimate *.firebaseio.com traffic.
  { pkg: 'com.acme.fieldservice', name: 'ACME Field Service', installer: 'com.android.vending', weight: 3, hosts: [[6, 'acme-fieldops-default-rtdb.firebaseio.com'], [2, 'firebasestorage.googleapis.com'], [2, 'firebaseinstallations.googleapis.com']] },
  { pkg: 'com.tastybytes.recipes', name: 'TastyBytes Recipes', installer: 'com.android.vending', weight: 2, hosts: [[5, 'tastybytes-prod.firebaseio.com'], [2, 'firebasestorage.googleapis.com'], [2, 'app-measurement.com']] },
  { pkg: 'com.android.chrome', name: 'Chrome', installer: null, weight: 8, browser: true, hosts: [[10, 'www.google.com'], [3, 'fonts.gstatic.com'], [3, 'www.bbc.co.uk'], [2, 'en.m.wikipedia.org'], [1, 'github.com'], [1, 'docs.google.com'], [1, 'pastebin.com'], [1, 'infosec-notes.pages.dev']] },
];

export const IOS_APPS = [
  { bundle: 'com.apple.mobilesafari', name: 'Safari', source: 'system', weight: 8, browser: true, hosts: [[10, 'www.google.com'], [3, 'www.apple.com'], [3, 'www.bbc.co.uk'], [1, 'github.com'], [1, 'svelte-kit-demo.pages.dev']] },
  { bundle: 'com.apple.mobilemail', name: 'Mail', source: 'system', weight: 5, hosts: [[6, 'outlook.office365.com'], [2, 'imap.gmail.com']] },
  { bundle: 'net.whatsapp.WhatsApp', name: 'WhatsApp', source: 'app_store', weight: 9, hosts: [[6, 'g.whatsapp.net'], [4, 'mmg.whatsapp.net'], [2, 'static.whatsapp.net']] },
  { bundle: 'com.google.Gmail', name: 'Gmail', source: 'app_store', weight: 4, hosts: [[6, 'mail.google.com'], [3, 'www.googleapis.com']] },
  { bundle: 'com.burbn.instagram', name: 'Instagram', source: 'app_store', weight: 5, hosts: [[6, 'i.instagram.com'], [6, 'scontent-fra5-1.cdninstagram.com']] },
  { bundle: 'com.microsoft.Office.Outlook', name: 'Outlook', source: 'app_store', weight: 5, hosts: [[5, 'outlook.office365.com'], [3, 'substrate.office.com'], [2, 'login.microsoftonline.com']] },
  { bundle: 'com.microsoft.skype.teams', name: 'Microsoft Teams', source: 'app_store', weight: 4, hosts: [[5, 'teams.microsoft.com'], [3, 'presence.teams.microsoft.com']] },
  { bundle: 'com.spotify.client', name: 'Spotify', source: 'app_store', weight: 3, hosts: [[4, 'spclient.wg.spotify.com'], [4, 'audio-ak-spotify-com.akamaized.net']] },
  { bundle: 'ph.telegra.Telegraph', name: 'Telegram', source: 'app_store', weight: 2, hosts: [[8, '-'], [2, 'telegram.org']] },
  { bundle: 'com.hammerandchisel.discord', name: 'Discord', source: 'app_store', weight: 2, hosts: [[4, 'discord.com'], [4, 'gateway.discord.gg'], [2, 'cdn.discordapp.com']] },
  { bundle: 'com.getdropbox.Dropbox', name: 'Dropbox', source: 'app_store', weight: 2, hosts: [[4, 'api.dropboxapi.com'], [3, 'content.dropboxapi.com']] },
  { bundle: 'com.acme.fieldservice', name: 'ACME Field Service', source: 'app_store', weight: 3, hosts: [[6, 'acme-fieldops-default-rtdb.firebaseio.com'], [2, 'firebaseinstallations.googleapis.com']] },
  { bundle: 'com.apple.icloud', name: 'iCloud', source: 'system', weight: 6, hosts: [[5, 'p52-contacts.icloud.com'], [4, 'gateway.icloud.com'], [3, 'gsa.apple.com']] },
];

/** Fake but stable public address blocks per provider, so the same host always resolves alike. */
export const ADDRESS_BLOCKS = [
  ['google', ['142.250', '172.217', '216.58']], ['googleapis', ['142.250', '172.217']], ['gstatic', ['142.250']],
  ['googlevideo', ['173.194']], ['youtube', ['142.250']], ['ytimg', ['142.250']], ['googleusercontent', ['142.250']],
  ['firebaseio', ['35.201', '34.120']], ['microsoft', ['20.190', '13.107', '40.126']], ['office', ['52.97', '13.107']],
  ['office365', ['52.97']], ['microsoftonline', ['20.190', '40.126']], ['sharepoint', ['13.107']], ['live', ['13.107', '20.190']],
  ['windowsupdate', ['13.107']], ['github', ['140.82']], ['githubusercontent', ['185.199']], ['telegram', ['149.154']],
  ['discord', ['162.159']], ['discordapp', ['162.159']], ['dropbox', ['162.125']], ['dropboxapi', ['162.125']],
  ['cloudflare', ['104.16', '104.18']], ['workers', ['104.21', '172.67']], ['pages', ['172.66']], ['trycloudflare', ['104.16']],
  ['facebook', ['157.240']], ['fbcdn', ['157.240']], ['whatsapp', ['157.240']], ['instagram', ['157.240']], ['cdninstagram', ['157.240']],
  ['amazon', ['52.94', '54.239']], ['slack', ['34.199']], ['zoom', ['170.114']], ['spotify', ['35.186']],
];
