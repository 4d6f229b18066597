/**
 * The example rules on the bundled samples: which events each one matches, derived from
 * samples/labels.json (and, for the deliberately broad rule, from an independent reading of its list
 * over the events themselves), never typed in as numbers. A precise rule must match exactly its
 * labelled attack events and no benign event.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { previewRule, type PreviewResult } from '../../server/src/engine/preview';
import { attackKeys, EXAMPLES_DIR, isAttack, loadLabels, readEvents, samplePath, type AttackLabel } from '../sample-labels';

const labels = loadLabels();
const SYSMON = ['windows/sysmon.ndjson', 'windows/sysmon-evtx.json'];
const DEFENDER = ['defender/DeviceNetworkEvents.ndjson'];
const PROXY = ['proxy/proxy.ndjson', 'proxy/proxy-sample.csv'];

async function preview(rule: string, files: string[]): Promise<{ result: PreviewResult; keys: Set<string> }> {
  const path = join(EXAMPLES_DIR, 'sigma', rule);
  const result = await previewRule({ ruleText: readFileSync(path, 'utf8'), rulePath: path }, files.map((f) => ({ source: f, path: samplePath(f) })), { limit: 100000 });
  assert.equal(result.skipped.length, 0, `unreadable sample records: ${JSON.stringify(result.skipped.slice(0, 3))}`);
  assert.equal(result.matches.length, result.matched);
  return { result, keys: new Set(result.matches.map((m) => `${m.source}#${m.index}`)) };
}

/** A precise rule: exactly the selected labelled attack events, nothing benign. */
async function expectExactly(rule: string, files: string[], pick: (a: AttackLabel) => boolean): Promise<number> {
  const { keys } = await preview(rule, files);
  const expected = attackKeys(labels, files, pick);
  assert.ok(expected.size > 0, 'the labels select no event: the test would prove nothing');
  const missed = [...expected].filter((k) => !keys.has(k));
  const extra = [...keys].filter((k) => !expected.has(k));
  assert.deepEqual(missed, [], `labelled attack events the rule missed: ${missed.join(', ')}`);
  assert.deepEqual(extra, [], `events matched that are not the labelled attack: ${extra.join(', ')}`);
  return keys.size;
}

describe('example rules on the bundled samples (counts from samples/labels.json)', () => {
  it('proxy_paste_raw_fetch_by_script: every labelled paste fetch in the proxy logs, no browsing', async () => {
    await expectExactly('proxy_paste_raw_fetch_by_script.yml', PROXY, (a) => a.pattern === 'paste-payload-fetch' && a.category === 'proxy');
  });

  it('net_connection_win_telegram_bot_api_non_browser: the implant connections in Sysmon, the EVTX export and Defender', async () => {
    await expectExactly('net_connection_win_telegram_bot_api_non_browser.yml', [...SYSMON, ...DEFENDER], (a) => a.pattern === 'telegram-bot-c2' && a.category === 'network_connection');
  });

  it('proxy_webhook_exfiltration: the webhook posts, not the build server posting to Slack', async () => {
    await expectExactly('proxy_webhook_exfiltration.yml', PROXY, (a) => a.pattern === 'webhook-exfil' && a.category === 'proxy');
  });

  it('dns_query_win_tunnel_services: every labelled tunnel DNS query', async () => {
    await expectExactly('dns_query_win_tunnel_services.yml', SYSMON, (a) => a.pattern === 'tunnel' && a.category === 'dns_query');
  });

  it('proc_creation_win_cloud_upload_tools: the rclone and curl upload starts (the Python uploader is another rule’s job)', async () => {
    await expectExactly('proc_creation_win_cloud_upload_tools.yml', SYSMON, (a) => a.pattern === 'cloud-storage-upload' && a.category === 'process_creation' && ['rclone-config', 'rclone-copy', 'curl-upload'].includes(a.step));
  });

  it('dns_telegram_bot_api: the Telegram Bot API lookups in the resolver log', async () => {
    await expectExactly('dns_telegram_bot_api.yml', ['dns/dns.ndjson'], (a) => a.pattern === 'telegram-bot-c2' && a.category === 'dns');
  });

  it('mobile_android_firebase_relay_sideloaded: the sideloaded app’s writes, not Play Store apps on Firebase', async () => {
    await expectExactly('mobile_android_firebase_relay_sideloaded.yml', ['mobile/android-network.ndjson'], (a) => a.pattern === 'firebase-relay' && ['register', 'exfil'].includes(a.step));
  });

  it('mobile_ios_enterprise_app_firebase: all of the enterprise-signed app’s Firebase traffic', async () => {
    await expectExactly('mobile_ios_enterprise_app_firebase.yml', ['mobile/ios-network.ndjson'], (a) => a.pattern === 'firebase-relay');
  });

  it('net_connection_win_workers_pre_technique_only: the Workers beacon in Sysmon and Defender', async () => {
    await expectExactly('net_connection_win_workers_pre_technique_only.yml', [...SYSMON, ...DEFENDER], (a) => a.pattern === 'serverless-relay' && a.category === 'network_connection');
  });

  it('proc_creation_win_paste_t1481_on_windows: all four paste-fetching starts, the -EncodedCommand one included', async () => {
    const n = await expectExactly('proc_creation_win_paste_t1481_on_windows.yml', SYSMON, (a) => a.pattern === 'paste-payload-fetch' && ['powershell-start', 'curl-start'].includes(a.step));
    assert.equal(n, attackKeys(labels, SYSMON, (a) => a.pattern === 'paste-payload-fetch' && a.category === 'process_creation' && a.step !== 'script-host-start').size);
  });

  it('net_connection_win_web_service_broad_list: the attacks, drowned in benign matches', async () => {
    const rule = 'net_connection_win_web_service_broad_list.yml';
    const files = [...SYSMON, ...DEFENDER];
    const { keys } = await preview(rule, files);
    // An independent reading of the rule: Initiated 'true' (only Sysmon has it), a host ending with
    // one of the list's texts, and not one of the three browsers.
    const text = readFileSync(join(EXAMPLES_DIR, 'sigma', rule), 'utf8');
    const list = [...text.matchAll(/^ {12}- '([^']+)'$/gm)].map((m) => m[1].toLowerCase()).filter((v) => !v.includes('\\'));
    assert.equal(list.length, 14);
    const expected = new Set<string>();
    for (const file of files) {
      const events = await readEvents(file);
      events.forEach((raw, index) => {
        const e = ((raw.Event as Record<string, unknown> | undefined)?.EventData ?? raw) as Record<string, unknown>;
        const host = String(e.DestinationHostname ?? '').toLowerCase();
        const image = String(e.Image ?? '').toLowerCase();
        if (e.Initiated !== 'true' || !list.some((v) => host.endsWith(v))) return;
        if (['\\chrome.exe', '\\msedge.exe', '\\firefox.exe'].some((b) => image.endsWith(b))) return;
        expected.add(`${file}#${index}`);
      });
    }
    assert.deepEqual([...keys].filter((k) => !expected.has(k)), []);
    assert.deepEqual([...expected].filter((k) => !keys.has(k)), []);
    const attack = [...keys].filter((k) => isAttack(labels, k.split('#')[0], Number(k.split('#')[1])));
    const benign = keys.size - attack.length;
    // Every labelled Windows connection to a listed service is caught...
    const listedAttack = attackKeys(labels, SYSMON, (a) => a.category === 'network_connection' && ['telegram-bot-c2', 'serverless-relay'].includes(a.pattern));
    assert.deepEqual([...listedAttack].filter((k) => !keys.has(k)), []);
    // ...and the benign noise outnumbers them many times over: the point of the example.
    assert.ok(benign > 10 * attack.length, `benign ${benign}, attack ${attack.length}`);
  });
});
