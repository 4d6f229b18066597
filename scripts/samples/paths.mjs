// Plausible request paths and methods for benign traffic, per host, so proxy and mobile URLs look
// like the real thing (rules that match on c-uri see realistic noise).

const REPOS = ['contoso/web-portal', 'contoso/infra-terraform', 'microsoft/vscode', 'nodejs/node', 'python/cpython', 'PowerShell/PowerShell'];
const RAW_FILES = [
  'microsoft/winget-pkgs/master/README.md',
  'PowerShell/PowerShell/master/tools/install-powershell.ps1',
  'obsidianmd/obsidian-releases/master/community-plugins.json',
  'nvm-sh/nvm/v0.40.1/install.sh',
  'pypa/get-pip/main/public/get-pip.py',
  'contoso/web-portal/main/package.json',
  'github/gitignore/main/Node.gitignore',
];
const NPM = ['react', 'typescript', 'esbuild', 'lodash', 'express', 'yaml', '@types/node', 'vite'];
const WORDS = ['quarterly report template', 'vpn not connecting', 'excel xlookup', 'teams meeting recording', 'python requests timeout', 'sigma rule', 'weather berlin', 'train tickets', 'jira shortcuts', 'kql join'];

export function requestFor(rng, host) {
  const q = () => encodeURIComponent(rng.pick(WORDS)).replaceAll('%20', '+');
  const id = (n) => rng.b62(n);
  const lc = host.toLowerCase();
  let method = 'GET';
  let path = '/';
  if (lc === 'www.google.com' || lc === 'google.com' || lc === 'www.bing.com') path = rng.pick([`/search?q=${q()}`, `/complete/search?client=chrome&q=${q()}`, '/', '/favicon.ico']);
  else if (lc === 'mail.google.com') path = rng.pick(['/mail/u/0/', '/sync/u/0/i/s?hl=en', '/mail/u/0/?ui=2&view=bsp']);
  else if (lc === 'docs.google.com') path = rng.pick([`/document/d/${id(44)}/edit`, `/spreadsheets/d/${id(44)}/edit#gid=0`, `/presentation/d/${id(44)}/edit`]);
  else if (lc === 'drive.google.com') path = rng.pick(['/drive/my-drive', `/file/d/${id(33)}/view`, '/drive/shared-with-me']);
  else if (lc === 'github.com') path = rng.pick([`/${rng.pick(REPOS)}`, `/${rng.pick(REPOS)}/pull/${rng.int(10, 4000)}`, '/login', '/notifications', `/${rng.pick(REPOS)}/releases`]);
  else if (lc === 'codeload.github.com') path = `/${rng.pick(REPOS)}/zip/refs/heads/main`;
  else if (lc === 'raw.githubusercontent.com') path = `/${rng.pick(RAW_FILES)}`;
  else if (lc === 'objects.githubusercontent.com') path = `/github-production-release-asset-2e65be/${rng.int(10000000, 99999999)}/${rng.hex(8)}-${rng.hex(4)}?X-Amz-Algorithm=AWS4-HMAC-SHA256`;
  else if (lc === 'api.github.com') path = rng.pick(['/user', `/repos/${rng.pick(REPOS)}/pulls`, `/repos/${rng.pick(REPOS)}/releases/latest`, '/notifications']);
  else if (lc === 'gist.github.com') path = `/${rng.pick(['octocat', 'jdoe', 'contoso-dev'])}/${rng.hex(32)}`;
  else if (lc === 'pastebin.com') path = rng.pick(['/', `/${id(8)}`, `/raw/${id(8)}`, '/archive']);
  else if (lc === 'discord.com') path = rng.pick(['/channels/@me', '/api/v9/users/@me', '/api/v9/science', `/channels/${rng.digits(18)}/${rng.digits(18)}`]);
  else if (lc === 'cdn.discordapp.com' || lc === 'media.discordapp.net') path = `/attachments/${rng.digits(18)}/${rng.digits(19)}/${rng.pick(['image.png', 'screenshot.jpg', 'meme.gif', 'notes.txt'])}`;
  else if (lc === 'gateway.discord.gg') path = '/?encoding=json&v=9&compress=zlib-stream';
  else if (lc === 'www.dropbox.com') path = rng.pick(['/home', `/s/${id(15)}/Quarterly%20Report.pdf?dl=0`, `/scl/fi/${id(21)}/slides.pptx`]);
  else if (lc === 'content.dropboxapi.com') path = rng.pick(['/2/files/download', '/2/files/upload', '/2/files/get_thumbnail_v2']);
  else if (lc === 'api.dropboxapi.com') path = rng.pick(['/2/files/list_folder', '/2/files/list_folder/continue', '/2/users/get_current_account']);
  else if (lc.endsWith('.sharepoint.com')) path = rng.pick(['/sites/Finance/Shared%20Documents/Forms/AllItems.aspx', '/_api/web/lists', '/personal/user_corp_example_com/_api/v2.0/drives', '/sites/HR/SitePages/Home.aspx']);
  else if (lc === 'graph.microsoft.com') path = rng.pick(['/v1.0/me/messages', '/v1.0/me/drive/root/children', '/beta/me/presence', '/v1.0/users?$top=100']);
  else if (lc === 'hooks.slack.com') path = `/services/T0${id(8).toUpperCase()}/B0${id(8).toUpperCase()}/${id(24)}`;
  else if (lc === 'registry.npmjs.org') {
    const pkg = rng.pick(NPM);
    path = rng.pick([`/${pkg}`, `/${pkg}/-/${pkg.split('/').pop()}-${rng.int(1, 9)}.${rng.int(0, 20)}.${rng.int(0, 9)}.tgz`]);
  } else if (lc === 'pypi.org') path = `/simple/${rng.pick(['requests', 'numpy', 'pandas', 'pyyaml', 'urllib3'])}/`;
  else if (lc === 'files.pythonhosted.org') path = `/packages/${rng.hex(2)}/${rng.hex(2)}/${rng.hex(60)}/requests-2.32.3-py3-none-any.whl`;
  else if (lc === 'storage.googleapis.com') path = rng.pick(['/tensorflow/tf-keras-datasets/mnist.npz', '/kaggle-data-sets/1234/5678/archive.zip', '/chrome-for-testing-public/128.0.6613.84/win64/chrome-win64.zip']);
  else if (lc.endsWith('.workers.dev')) path = rng.pick(['/v1/stats', '/v1/badge.svg', '/notify']);
  else if (lc.endsWith('.pages.dev') || lc.endsWith('.github.io') || lc.endsWith('.web.app') || lc.endsWith('.firebaseapp.com')) path = rng.pick(['/', '/posts/2025/detection-notes/', '/assets/index.js', '/about']);
  else if (lc.endsWith('.firebaseio.com')) {
    path = rng.pick([`/jobs/${rng.hex(12)}.json`, `/technicians/${rng.hex(10)}/status.json`, `/recipes/${rng.int(100, 999)}.json`, '/.settings/rules.json']);
    method = rng.pick(['GET', 'GET', 'GET', 'PUT', 'PATCH']);
  } else if (lc.endsWith('events.data.microsoft.com') || lc === 'incoming.telemetry.mozilla.org' || lc === 'log.zoom.us' || lc === 'app-measurement.com' || lc === 'crashlyticsreports-pa.googleapis.com') {
    path = rng.pick(['/OneCollector/1.0/', '/submit/telemetry/', '/a', '/collect']);
    method = 'POST';
  } else if (lc === 'api.telegram.org') path = '/';
  else path = rng.pick(['/', '/index.html', `/static/js/main.${rng.hex(8)}.js`, '/favicon.ico', `/api/v1/${rng.pick(['config', 'status', 'items', 'session'])}`, `/assets/${rng.hex(10)}.css`]);
  if (lc === 'content.dropboxapi.com' && path === '/2/files/upload') method = 'POST';
  if (lc === 'api.dropboxapi.com' || lc === 'hooks.slack.com' || lc === 'api.discord.com') method = 'POST';
  if (lc === 'discord.com' && path === '/api/v9/science') method = 'POST';
  return { url: `https://${host}${path}`, method };
}
