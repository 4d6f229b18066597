/**
 * The one list of file names the sample readers take, shared by folder walks in the CLI
 * (`tripline preview --samples DIR`), the editor's `samples.paths` folders and
 * `domains/noisy-in-samples`, and by archive members. An explicitly named file is always read
 * (the content decides); these lists only decide what a folder walk or an archive picks up.
 */

/** Telemetry text formats (content detection still decides NDJSON vs JSON), plus binary EVTX. */
const TELEMETRY_EXTENSIONS = ['json', 'jsonl', 'ndjson', 'jsoncls', 'csv', 'tsv', 'log', 'txt', 'raw', 'syslog', 'evtx'] as const;

/** Archives whose members are read as telemetry (`.tar.gz` ends in `.gz`). */
const ARCHIVE_EXTENSIONS = ['zip', 'gz', 'tgz', 'tar'] as const;

const extRe = (exts: readonly string[]): RegExp => new RegExp(`\\.(?:${exts.join('|')})$`, 'i');

/** Telemetry files a folder walk reads: telemetry formats and archives of them. */
export const SAMPLE_FILE = extRe([...TELEMETRY_EXTENSIONS, ...ARCHIVE_EXTENSIONS]);

/** Archive members read as telemetry (other members, such as a README, are passed over). */
export const TELEMETRY_FILE = extRe(TELEMETRY_EXTENSIONS);

export const ARCHIVE_FILE = extRe(ARCHIVE_EXTENSIONS);

export function isSampleFile(name: string): boolean {
  return SAMPLE_FILE.test(name);
}
