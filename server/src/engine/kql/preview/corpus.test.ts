/**
 * How many real hunting queries the preview runs. The queries come from the shared Sentinel
 * corpus (Azure-Sentinel hunting queries and Defender detections, ../shared/corpus/sentinel); each
 * runs over small sample tables built here from the project's own table schemas
 * (data/kql-schemas), two rows per table the query names, so every column the query reads exists.
 * "Runs" means the preview returns a result; a query it cannot run must stop with
 * `unsupported: <construct>` at a position, never with any other error.
 *
 * Measured when this test was written (before → after the tabular engine): fixed list 9/30 → 26/30,
 * whole selection 34/119 → 109/119. With mv-apply, top-nested, partition, invoke, table(), find,
 * parse_xml, bag_unpack and pivot: fixed list 28/30, selection 114/119; the rest read
 * externaldata (URLs). Over every Sentinel query whose table has a schema: 240/372 → 293/372.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readDataJson } from '../data-file';
import { KqlPreviewError, previewKql } from './index';

function sentinelDir(): string | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { sharedDir } = require('../../../../../test/shared-data') as { sharedDir: () => string };
    const dir = join(sharedDir(), 'corpus', 'sentinel');
    return existsSync(join(dir, 'index.json')) ? dir : null;
  } catch {
    return null;
  }
}

const SENTINEL = sentinelDir();

/** Every 4th query (by path) of the selection below: chosen by position, not by outcome. */
const FIXED = [
  'rules/Detections/DeviceFileEvents/PEfiledroppedinColorDriversFolder.yaml',
  'rules/Detections/MultipleDataSources/COMRegistryKeyModifiedtoPointtoFileinColorDrivers.yaml',
  'rules/Detections/MultipleDataSources/Dev-0586_Jan2022_IOC.yaml',
  'rules/Solutions/FalconFriday/Analytic Rules/ASRBypassingWritingExecutableContent.yaml',
  'rules/Solutions/FalconFriday/Analytic Rules/DCOMLateralMovement.yaml',
  'rules/Solutions/FalconFriday/Analytic Rules/OracleSuspiciousCommandExecution.yaml',
  'rules/Solutions/FalconFriday/Analytic Rules/SMBWindowsAdminShares.yaml',
  'rules/Solutions/FalconFriday/Analytic Rules/UACBypass-2-modify-ms-store.yaml',
  'rules/Solutions/Microsoft 365 Defender/Analytic Rules/SolarWinds_SUNBURST_&_SUPERNOVA_File-IOCs.yaml',
  'rules/hunting/Microsoft 365 Defender/Campaigns/Bazacall/Malicious Excel Delivery.yaml',
  'rules/hunting/Microsoft 365 Defender/Campaigns/StrRAT malware/StrRAT-Email-Delivery.yaml',
  'rules/hunting/Microsoft 365 Defender/Campaigns/snip3-revengerat-c2-exfiltration.yaml',
  'rules/hunting/Microsoft 365 Defender/Command and Control/EncodedDomainURL [Nobelium].yaml',
  'rules/hunting/Microsoft 365 Defender/Command and Control/python-use-by-ransomware-macos.yaml',
  'rules/hunting/Microsoft 365 Defender/Delivery/Dropbox downloads linked from other site.yaml',
  'rules/hunting/Microsoft 365 Defender/Delivery/Pivot from detections to related downloads.yaml',
  'rules/hunting/Microsoft 365 Defender/Discovery/DetectTorRelayConnectivity.yaml',
  'rules/hunting/Microsoft 365 Defender/Email Queries/JNLP-File-Attachment.yaml',
  'rules/hunting/Microsoft 365 Defender/Exfiltration/7-zip-prep-for-exfiltration.yaml',
  'rules/hunting/Microsoft 365 Defender/Exfiltration/MailItemsAccessed Throttling [Nobelium].yaml',
  'rules/hunting/Microsoft 365 Defender/Exfiltration/Password Protected Archive Creation.yaml',
  'rules/hunting/Microsoft 365 Defender/Exfiltration/detect-exfiltration-after-termination.yaml',
  'rules/hunting/Microsoft 365 Defender/Exploits/Flash-CVE-2018-4848.yaml',
  'rules/hunting/Microsoft 365 Defender/General queries/Network footprint (2).yaml',
  'rules/hunting/Microsoft 365 Defender/General queries/insider-threat-detection-queries (19).yaml',
  'rules/hunting/Microsoft 365 Defender/Initial access/Non_intended_user_logon.yaml',
  'rules/hunting/Microsoft 365 Defender/Initial access/detect-mailsniper.yaml',
  'rules/hunting/Microsoft 365 Defender/Network/Defender for Endpoint Telemetry.yaml',
  'rules/hunting/Microsoft 365 Defender/Ransomware/Fake Replies.yaml',
  'rules/hunting/Microsoft 365 Defender/Ransomware/Suspicious Google Doc Links.yaml',
];

interface IndexFile {
  files: { file: string; set: string; primaryTable: string }[];
}
type Tables = Record<string, { columns: [string, string][] }>;

function sampleValue(type: string, i: number): unknown {
  if (type === 'datetime') return `2025-01-0${i + 1}T10:00:00Z`;
  if (['long', 'int', 'real'].includes(type)) return i;
  if (type === 'bool') return i === 0;
  if (type === 'dynamic') return {};
  return `v${i}`;
}

/** Two rows per table the query names, every column filled with a value of its type. */
function samplesFor(text: string, tables: Tables): { source: string; text: string; format: 'ndjson' }[] {
  return Object.keys(tables)
    .filter((t) => new RegExp(`\\b${t}\\b`).test(text))
    .map((t) => ({
      source: `${t}.ndjson`,
      format: 'ndjson' as const,
      text: [0, 1].map((i) => JSON.stringify(Object.fromEntries(tables[t].columns.map(([c, ty]) => [c, sampleValue(ty, i)])))).join('\n'),
    }));
}

/** Hunting queries, and detections on Device* tables, whose main table has a schema. */
function selection(dir: string, tables: Tables): string[] {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as IndexFile;
  return index.files
    .filter((f) => (f.set === 'hunting' || f.primaryTable.startsWith('Device')) && f.primaryTable in tables)
    .filter((f) => new RegExp(`\\b${f.primaryTable}\\b`).test(readFileSync(join(dir, f.file), 'utf8')))
    .map((f) => f.file)
    .sort();
}

async function measure(dir: string, files: string[], tables: Tables): Promise<{ ran: number; stops: Map<string, string> }> {
  const stops = new Map<string, string>();
  let ran = 0;
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    try {
      await previewKql(file, text, samplesFor(text, tables), { clock: '2025-01-03T00:00:00Z', limit: 10 });
      ran++;
    } catch (e) {
      // A query the preview cannot run stops with the construct it does not evaluate, nothing else.
      assert.ok(e instanceof KqlPreviewError, `${file}: ${(e as Error).stack}`);
      assert.match(e.message, /^unsupported: /, file);
      stops.set(file, e.message.replace(/\. The preview evaluates.*/s, ''));
    }
  }
  return { ran, stops };
}

describe(
  'KQL preview runs real hunting queries (shared Sentinel corpus)',
  { skip: SENTINEL ? false : 'the shared corpus (../shared/corpus/sentinel) is absent' },
  () => {
    const tables = readDataJson<{ tables: Tables }>('kql-schemas/tables.json').tables;
    it('runs at least 80% of the fixed list of 30 queries', async () => {
      const dir = SENTINEL as string;
      assert.deepEqual(
        FIXED.filter((f) => !existsSync(join(dir, f))),
        [],
      );
      const { ran, stops } = await measure(dir, FIXED, tables);
      console.log(`KQL preview, fixed corpus list: ${ran}/${FIXED.length} run; stops: ${JSON.stringify([...stops.values()])}`);
      assert.ok(ran / FIXED.length >= 0.8, `${ran}/${FIXED.length}`);
    });
    it('runs at least 80% of the whole selection', async () => {
      const dir = SENTINEL as string;
      const files = selection(dir, tables);
      assert.ok(files.length >= 100, `${files.length} queries selected`);
      const { ran } = await measure(dir, files, tables);
      console.log(`KQL preview, corpus selection: ${ran}/${files.length} run`);
      assert.ok(ran / files.length >= 0.8, `${ran}/${files.length}`);
    });
  },
);
