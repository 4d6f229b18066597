// Time to the first CodeLens match count, as a user opening a rule sees it (issue 14: <= 3 s on
// the bundled samples). Starts the language server over stdio in a fresh process, opens one
// rule, asks for its CodeLenses and resolves them until the count appears. Runs it twice per
// storage state: a first session (empty storage folder: the sample index is built) and a later
// one (the same storage folder: the index saved by the first session is read back).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startLanguageServer } from './lsp-stdio.mjs';

const RULE = resolve('examples/sigma/dns_telegram_bot_api.yml');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function session(storage) {
  const root = mkdtempSync(join(tmpdir(), 'tripline-lens-'));
  const t0 = performance.now();
  const { conn, stop } = await startLanguageServer({ root, initializationOptions: { storagePath: storage } });
  const tInit = performance.now();
  const uri = pathToFileURL(RULE).href;
  const tOpen = performance.now();
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: readFileSync(RULE, 'utf8') } });
  let title = '';
  while (!/^▶ (\d[\d,]*|no) match/.test(title)) {
    const lenses = await conn.sendRequest('textDocument/codeLens', { textDocument: { uri } });
    for (const l of lenses) {
      const r = await conn.sendRequest('codeLens/resolve', l);
      if (/^▶ (\d[\d,]*|no) match/.test(r.command?.title ?? '')) title = r.command.title;
    }
    if (!title) await sleep(50);
  }
  const tLens = performance.now();
  // A user's session outlives the first lens: let the index the first session builds be saved (as
  // the editor suite's warm-up does), or the next session would find no index to read back.
  while (storage && !readdirSync(storage).some((f) => /^samples-.*\.v8$/.test(f)) && performance.now() - tLens < 60_000) await sleep(100);
  await stop();
  rmSync(root, { recursive: true, force: true });
  return { start: tInit - t0, lens: tLens - tOpen, title };
}

const storage = mkdtempSync(join(tmpdir(), 'tripline-storage-'));
const rows = [];
for (const label of ['first session (no saved index)', 'later session (saved index)', 'later session (saved index)']) {
  const r = await session(storage);
  rows.push(r.lens);
  console.log(
    `${label.padEnd(34)} server up ${r.start.toFixed(0).padStart(5)} ms, open -> "${r.title}" ${r.lens.toFixed(0).padStart(5)} ms   target <= 3000 ms`,
  );
}
const cold = mkdtempSync(join(tmpdir(), 'tripline-storage-'));
const c = await session(cold);
console.log(
  `${'first session again (empty store)'.padEnd(34)} server up ${c.start.toFixed(0).padStart(5)} ms, open -> lens ${c.lens.toFixed(0).padStart(5)} ms`,
);
rmSync(storage, { recursive: true, force: true });
rmSync(cold, { recursive: true, force: true });
