// Regenerates data/kql-schemas/ from the table and function schemas Microsoft's Azure-Sentinel
// repository validates its detections with (MIT, see data/kql-schemas/LICENSE-Azure-Sentinel.txt).
//
//   node scripts/gen-kql-schemas.mjs [SCHEMAS_DIR]
//
// SCHEMAS_DIR defaults to ../shared/corpus/sentinel/schemas (layout described in its README).
// Precedence follows Azure-Sentinel's LocalOverrideTablesLoader: a CustomTables file replaces the
// built-in (KustoServices) table of the same name; the later CustomTables replace the 2022 ones,
// and the current first-party schemas (current/: Defender XDR, Entra ID, Sentinel) replace both:
// newest wins.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const candidates = [
  process.argv[2],
  process.env.TRIPLINE_SHARED && join(process.env.TRIPLINE_SHARED, 'corpus/sentinel/schemas'),
  '../shared/corpus/sentinel/schemas',
  '/work/shared/corpus/sentinel/schemas',
].filter(Boolean);
const dir = candidates.find((d) => existsSync(d));
if (!dir) {
  console.error(`schemas folder not found (tried ${candidates.join(', ')})`);
  process.exit(2);
}
const out = 'data/kql-schemas';
mkdirSync(out, { recursive: true });

/** Kusto scalar type names for the spellings the schema files use. */
const TYPES = {
  string: 'string',
  datetime: 'datetime',
  date: 'datetime',
  int: 'int',
  int32: 'int',
  long: 'long',
  int64: 'long',
  bigint: 'long',
  real: 'real',
  float: 'real',
  double: 'real',
  dynamic: 'dynamic',
  object: 'dynamic',
  bool: 'bool',
  boolean: 'bool',
  guid: 'guid',
  timespan: 'timespan',
  decimal: 'decimal',
  uniqueidentifier: 'guid',
  // Log Analytics stores Uri columns as strings.
  uri: 'string',
  integer: 'int',
  'date/time': 'datetime',
  // Log Analytics describes bool columns as SByte.
  sbyte: 'bool',
};
function kustoType(t, where) {
  const k =
    TYPES[
      String(t ?? '')
        .trim()
        .toLowerCase()
    ];
  if (!k) throw new Error(`${where}: unknown type ${JSON.stringify(t)}`);
  return k;
}

/** Newtonsoft.Json accepts trailing commas (three GitLab files have them); JSON.parse does not. */
function readJson(file) {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch {
    return JSON.parse(text.replace(/,(\s*[}\]])/g, '$1'));
  }
}

/** Columns listed twice in a source file, dropped (reported once at the end). */
const duplicates = [];

function tableOf(json, file) {
  const name = String(json.Name ?? json.name ?? '').trim();
  const props = json.Properties ?? json.properties;
  if (!Array.isArray(props)) return null;
  // A few files name a table the way no query can (`Syslog (Digital Guardian)`): left out, and said.
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    console.warn(`skipped ${file}: table name ${JSON.stringify(name)} is not a KQL identifier`);
    return null;
  }
  const columns = [];
  const seen = new Set();
  for (const p of props) {
    const col = String(p.Name ?? p.name).trim();
    const type = kustoType(p.Type ?? p.type, `${file} ${col}`);
    // A few source files list a column twice (IdentityInfo UACFlags; IdentityDirectoryEvents
    // Application as string and as dynamic): Kusto takes one column per name, so keep the first.
    if (seen.has(col)) {
      duplicates.push(`${file} ${col}`);
      continue;
    }
    seen.add(col);
    const description = typeof p.description === 'string' && p.description.trim() ? p.description.trim() : undefined;
    columns.push(description ? [col, type, description] : [col, type]);
  }
  return { name, columns };
}

const tables = new Map();
function add(folder, label, filter = () => true) {
  const full = join(dir, folder);
  if (!existsSync(full)) return 0;
  let n = 0;
  for (const f of readdirSync(full).sort()) {
    if (!filter(f)) continue;
    const t = tableOf(readJson(join(full, f)), f);
    if (!t) continue;
    // Later sources replace earlier ones, case-insensitively, as the override loader does.
    for (const k of [...tables.keys()]) if (k.toLowerCase() === t.name.toLowerCase()) tables.delete(k);
    tables.set(t.name, { source: `${label}/${f}`, columns: t.columns });
    n++;
  }
  return n;
}
const counts = {
  builtin: add('2022-08-10/KustoServices-5.0.1', 'KustoServices-5.0.1', (f) => f.includes('.Tables.')),
  custom2022: add('2022-08-10/CustomTables', '2022-08-10/CustomTables'),
  customLater: add('CustomTables', 'CustomTables'),
  current: add('current', 'current', (f) => f.endsWith('.json') && f !== 'index.json'),
};

const functions = {};
function addFunctions(folder, label, filter = () => true) {
  const full = join(dir, folder);
  if (!existsSync(full)) return;
  for (const f of readdirSync(full).sort()) {
    if (!filter(f)) continue;
    const j = readJson(join(full, f));
    if (typeof j.FunctionName !== 'string') continue;
    functions[j.FunctionName] = {
      source: `${label}/${f}`,
      parameters: (j.FunctionParameters ?? []).map((p) => [p.Name, kustoType(p.Type, `${f} ${p.Name}`), p.IsRequired === true]),
      columns: (j.FunctionResultColumns ?? []).map((c) => [c.Name, kustoType(c.Type, `${f} ${c.Name}`)]),
    };
  }
}
addFunctions('2022-08-10/KustoServices-5.0.1', 'KustoServices-5.0.1', (f) => f.includes('.Functions.'));
addFunctions('2022-08-10/CustomFunctions', '2022-08-10/CustomFunctions');

const sorted = Object.fromEntries([...tables.entries()].sort(([a], [b]) => a.localeCompare(b)));
const header = {
  about:
    'Generated by scripts/gen-kql-schemas.mjs from the KQL validation schemas of Azure/Azure-Sentinel (.script/tests/KqlvalidationsTests): KustoServices 5.0.1 built-ins, CustomTables at commit b819f673 (2022-08-10), later CustomTables and current first-party CustomTables (newest wins). MIT licence: LICENSE-Azure-Sentinel.txt. Columns: [name, kusto type, description?].',
};
writeFileSync(join(out, 'tables.json'), JSON.stringify({ ...header, tables: sorted }) + '\n');
writeFileSync(join(out, 'functions.json'), JSON.stringify({ ...header, functions }) + '\n');
const licence = resolve(dir, '..', 'LICENSE');
if (existsSync(licence)) writeFileSync(join(out, 'LICENSE-Azure-Sentinel.txt'), readFileSync(licence));
if (duplicates.length) console.warn(`dropped ${duplicates.length} duplicate columns (first kept): ${duplicates.join(', ')}`);
console.log(
  `${basename(out)}: ${tables.size} tables (${counts.builtin} built-in, ${counts.custom2022} 2022 custom, ${counts.customLater} later custom, ${counts.current} current files), ${Object.keys(functions).length} functions`,
);
